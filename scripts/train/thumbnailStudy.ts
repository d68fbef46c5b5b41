/**
 * tsx scripts/train/thumbnailStudy.ts — measures classifier inputs beside the 47 features
 * (a thumbnail of the image, thumbnail.ts) with the trainer's own selection:
 * grouped 5-fold CV over the training vectors (L2 × epochs by out-of-fold class-weighted loss),
 * then five members on all training data. Prints CV (corpus train images, per size and mean),
 * validation (per size and mean) and, with --test, the test split (reported, never used to choose).
 * Writes no model. Features are cached in --cache between runs.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FEATURE_COUNT } from '../../src/core/features';
import { THUMBNAIL_SIDE } from './thumbnail';
import { EXTRA_DIR } from '../corpus/extraDir';
import { CLASSES } from './classes';
import { readCorpusManifest, VARIANTS, type Sample, type Split } from './corpusFeatures';
import { argmaxRows, crossValidate, trainForEpochs, weightedLoss } from './crossValidation';
import { evaluate, formatBySize, formatComparison } from './metrics';
import { cachedSamples } from './sampleCache';
import { DEFAULT_TRAIN_OPTIONS, fitTiedStandardiser, predictClasses, standardise } from './train';

const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const SEEDS = [20240917, 1, 2, 3, 4];
const CV_SEEDS = [20240917, 1];

/** Thumbnail planes (alpha, r, g, b over white, each side²) averaged in 2×2 blocks: side/2. */
function halve(thumb: Float32Array, side: number): Float32Array {
  const half = side / 2;
  const out = new Float32Array(4 * half * half);
  for (let c = 0; c < 4; c++) {
    for (let y = 0; y < half; y++) {
      for (let x = 0; x < half; x++) {
        const at = (yy: number, xx: number) => thumb[c * side * side + yy * side + xx]!;
        out[c * half * half + y * half + x] = (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4;
      }
    }
  }
  return out;
}

/** Alpha and luma (Rec. 601 over white) planes only. */
function alphaLuma(thumb: Float32Array, side: number): Float32Array {
  const n = side * side;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[i] = thumb[i]!;
    out[n + i] = 0.299 * thumb[n + i]! + 0.587 * thumb[2 * n + i]! + 0.114 * thumb[3 * n + i]!;
  }
  return out;
}

const concat = (a: ArrayLike<number>, b: ArrayLike<number>): Float32Array => {
  const out = new Float32Array(a.length + b.length);
  out.set(a as Float32Array);
  out.set(b as Float32Array, a.length);
  return out;
};

/** Candidate inputs: each maps a sample to its raw (unstandardised) model input row; `planes`
 * is how many thumbnail channels follow the 47 features (for --tied). */
const CANDIDATES: Record<string, { input: (s: Sample) => Float32Array; planes: number }> = {
  features: { input: (s) => s.features, planes: 0 },
  thumb16: { input: (s) => concat(s.features, s.thumbnail!), planes: 4 },
  thumb8: { input: (s) => concat(s.features, halve(s.thumbnail!, THUMBNAIL_SIDE)), planes: 4 },
  thumb4: { input: (s) => concat(s.features, halve(halve(s.thumbnail!, THUMBNAIL_SIDE), THUMBNAIL_SIDE / 2)), planes: 4 },
  thumb8al: { input: (s) => concat(s.features, alphaLuma(halve(s.thumbnail!, THUMBNAIL_SIDE), THUMBNAIL_SIDE / 2)), planes: 2 },
  thumb16al: { input: (s) => concat(s.features, alphaLuma(s.thumbnail!, THUMBNAIL_SIDE)), planes: 2 },
  thumb4al: { input: (s) => concat(s.features, alphaLuma(halve(halve(s.thumbnail!, THUMBNAIL_SIDE), THUMBNAIL_SIDE / 2), THUMBNAIL_SIDE / 4)), planes: 2 },
};

const { values: args } = parseArgs({
  options: {
    candidates: { type: 'string', default: 'features' },
    l2s: { type: 'string', default: '0.001,0.01,0.03' },
    epochs: { type: 'string', default: '30' },
    hidden: { type: 'string', default: DEFAULT_TRAIN_OPTIONS.hidden.join(',') },
    cache: { type: 'string', default: '/tmp/clf6-cache' },
    sizes: { type: 'string', default: VARIANTS.map((v) => v.name).join(',') },
    test: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false },
    // Thumbnail pixels of one channel share one mean and std instead of one per pixel.
    tied: { type: 'boolean', default: false },
    // Training rows also enter with the thumbnail mirrored left–right (the features are not
    // recomputed for the mirror image); CV is scored on the unmirrored rows only.
    mirror: { type: 'boolean', default: false },
  },
});

const started = performance.now();
const manifest = await readCorpusManifest(`${CORPUS}256/`);
const extra = await readCorpusManifest(`${CORPUS}256/${EXTRA_DIR}/`);
const variants = VARIANTS.filter((v) => args.sizes.split(',').includes(v.name));
const samples: Sample[] = [];
for (const variant of variants) {
  samples.push(...(await cachedSamples(args.cache, CORPUS, manifest.items, variant)));
  samples.push(...(await cachedSamples(args.cache, CORPUS, extra.items, variant, EXTRA_DIR)));
}
console.log(`samples ${samples.length} (${variants.map((v) => v.name).join('/')} px) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
const extraIds = new Set(extra.items.map((i) => i.id));
const select = (split: Split, variant?: string): Sample[] => samples.filter((s) => s.item.split === split && (variant === undefined || s.variant === variant));
const trainRows = select('train');
const y = Int32Array.from(trainRows, (s) => CLASSES.indexOf(s.item.category));
const hidden = args.hidden.split(',').map(Number);

for (const name of args.candidates.split(',')) {
  const t0 = performance.now();
  const candidate = CANDIDATES[name];
  if (!candidate) throw new Error(`unknown candidate ${name}`);
  const { input, planes } = candidate;
  const rows = trainRows.map(input);
  const plane = (rows[0]!.length - FEATURE_COUNT) / Math.max(1, planes);
  const groups = args.tied ? Array.from({ length: planes }, (_, c) => Array.from({ length: plane }, (_, i) => FEATURE_COUNT + c * plane + i)) : [];
  const fit = (r: ArrayLike<number>[]) => fitTiedStandardiser(r, groups);
  const n = rows.length;
  const side = Math.round(Math.sqrt(plane));
  const mirrored = (r: Float32Array): Float32Array => {
    const out = r.slice();
    for (let c = 0; c < planes; c++) for (let yy = 0; yy < side; yy++) for (let xx = 0; xx < side; xx++) {
      out[FEATURE_COUNT + c * plane + yy * side + xx] = r[FEATURE_COUNT + c * plane + yy * side + (side - 1 - xx)]!;
    }
    return out;
  };
  const fitRows = args.mirror ? [...rows, ...rows.map(mirrored)] : rows;
  const fitY = args.mirror ? Int32Array.from([...y, ...y]) : y;
  const fitGroups = trainRows.map((s) => s.item.id);
  if (args.mirror) fitGroups.push(...fitGroups);
  const options = { ...DEFAULT_TRAIN_OPTIONS, hidden, classes: CLASSES.length, folds: 5, seeds: CV_SEEDS, maxEpochs: Number(args.epochs) };
  let best: { l2: number; epoch: number; loss: number; probs: Float64Array } | null = null;
  for (const l2 of args.l2s.split(',').map(Number)) {
    const cv = crossValidate({ rows: fitRows, y: fitY, groups: fitGroups, fitStandardiser: fit }, { ...options, l2 });
    const losses = cv.probs.map((p) => weightedLoss(p, CLASSES.length, fitY, (r) => r < n));
    const epoch = losses.indexOf(Math.min(...losses)) + 1;
    console.log(`  ${name} l2 ${l2}: best epoch ${epoch}, CV loss ${losses[epoch - 1]!.toFixed(4)}`);
    if (!best || losses[epoch - 1]! < best.loss) best = { l2, epoch, loss: losses[epoch - 1]!, probs: cv.probs[epoch - 1]! };
  }
  const predicted = argmaxRows(best!.probs, CLASSES.length);
  const cvBySize = variants.map((v) => {
    const keep = trainRows.flatMap((s, r) => (s.variant === v.name && !extraIds.has(s.item.id) ? [r] : []));
    return evaluate(CLASSES, keep.map((r) => y[r]!), keep.map((r) => predicted[r]!));
  });
  const tCv = performance.now();
  const standardiser = fit(fitRows);
  const x = fitRows.map((r) => standardise(standardiser, r));
  const members = SEEDS.map((seed) => trainForEpochs({ x, y: fitY }, { ...options, l2: best!.l2, seed, epochs: best!.epoch }).mlp);
  const on = (split: Split, size: string) => {
    const r = select(split, size);
    return { rows: r, metrics: evaluate(CLASSES, r.map((s) => CLASSES.indexOf(s.item.category)), predictClasses(members, r.map((s) => standardise(standardiser, input(s))))) };
  };
  const validation = variants.map((v) => on('validation', v.name).metrics);
  console.log(`\n${name}${args.tied ? ' (tied)' : ''}${args.mirror ? ' (mirror)' : ''}: inputs ${rows[0]!.length}, hidden ${hidden.join('→')}, l2 ${best!.l2}, ${best!.epoch} epochs; CV ${((tCv - t0) / 1000).toFixed(0)} s, members ${((performance.now() - tCv) / 1000).toFixed(0)} s`);
  console.log(`  CV ${formatBySize(variants.map((v) => v.name), cvBySize)}`);
  console.log(`  validation ${formatBySize(variants.map((v) => v.name), validation)}`);
  const cv256 = cvBySize[variants.findIndex((v) => v.name === '256')];
  if (cv256) console.log(formatComparison(CLASSES, [['CV 256', cv256], ['validation 256', validation[variants.findIndex((v) => v.name === '256')]!]]));
  if (args.misses) {
    const wrong = trainRows.flatMap((s, r) => (s.variant === '256' && !extraIds.has(s.item.id) && predicted[r] !== y[r]
      ? [`${s.item.id} ${s.item.category}→${CLASSES[predicted[r]!]} (${(best!.probs[r * 4 + y[r]!]! * 100).toFixed(0)}%)`] : []));
    console.log(`  CV misses at 256 px (${wrong.length}): ${wrong.join(', ')}`);
  }
  if (args.test) {
    const test = variants.map((v) => on('test', v.name).metrics);
    console.log(`  TEST (reported only) ${formatBySize(variants.map((v) => v.name), test)}`);
    const t256 = test[variants.findIndex((v) => v.name === '256')];
    if (t256) console.log(formatComparison(CLASSES, [['TEST 256', t256]]));
  }
}
console.log(`study took ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(0);
