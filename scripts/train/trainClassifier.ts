/**
 * npm run train:classifier — trains the logo-kind classifier on the dev corpus and writes
 * public/models/classifier.onnx and public/models/manifest.json.
 *
 * Train split (+ the extra train-only images): fitting, the feature standardisation, and the
 * choice of L2 strength and epoch count by grouped k-fold cross-validation (crossValidation.ts).
 * Validation split: reported beside the CV figure, not used to choose. Test split: reported only,
 * never used to decide anything. A rule-based baseline on the same features is reported beside the model.
 * Every split is measured at several input sizes (see VARIANTS); the headline figures are the
 * 256 px corpus the targets are defined on.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ModelEntry } from '../../src/core/classify/manifest';
import { classifyByRules, RULES } from '../../src/core/classify/rules';
import { FEATURE_NAMES } from '../../src/core/features/names';
import { EXTRA_DIR } from '../corpus/extraDir';
import { CLASSES } from './classes';
import { corpusFeatures, PRIMARY_VARIANT, readCorpusManifest, VARIANTS, type Sample, type Split } from './corpusFeatures';
import { writeManifestEntry } from './modelManifest';
import { evaluate, formatComparison, formatConfusion, type Metrics } from './metrics';
import { INPUT_NAME, IR_VERSION, mlpToOnnx, OPSET, OUTPUT_NAME, roundToFloat32 } from './onnxExport';
import { argmaxRows, crossValidate, trainForEpochs, weightedLoss } from './crossValidation';
import { classWeightsFor, crossEntropy, DEFAULT_TRAIN_OPTIONS, fitStandardiser, predictClasses, standardise, type Dataset } from './train';

const MODEL_VERSION = '1.0.0';
const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
const OUT = fileURLToPath(new URL('../../public/models/', import.meta.url));
/** One ensemble member per seed. */
const SEEDS = [20240917, 1, 2, 3, 4];
/** Cross-validation grid: every L2 strength is scored after every epoch up to CV_MAX_EPOCHS. */
const L2S = [1e-3, 1e-2, 3e-2];
const CV_FOLDS = 5;
/** Two members per fold keep the CV run under a minute; the held-out curves were flat past epoch 30. */
const CV_SEEDS = [20240917, 1];
const CV_MAX_EPOCHS = 30;
const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

async function main(): Promise<void> {
  const started = performance.now();
  // --extra-dir and --no-write are for measuring other extra training sets (built with
  // `npm run corpus -- --extra-factor N`, then moved beside train-extra) without touching the shipped model.
  const { values: args } = parseArgs({ options: { 'extra-dir': { type: 'string', default: EXTRA_DIR }, 'no-write': { type: 'boolean', default: false } } });
  const extraDir = args['extra-dir'];
  const manifest = await readCorpusManifest(`${CORPUS}256/`);
  const extra = await readCorpusManifest(`${CORPUS}256/${extraDir}/`);
  // The builder only puts train-split ids there; checked again because a leak would void the test figures.
  const leaked = extra.items.filter((i) => i.split !== 'train' || manifest.items.some((m) => m.id === i.id));
  if (leaked.length > 0) throw new Error(`extra training images outside the train split or inside the corpus: ${leaked.map((i) => i.id).join(', ')}`);
  const samples: Sample[] = [];
  let msPerImage = 0;
  for (const variant of VARIANTS) {
    const extracted = await corpusFeatures(CORPUS, manifest.items, variant);
    samples.push(...extracted.samples, ...(await corpusFeatures(CORPUS, extra.items, variant, extraDir)).samples);
    if (variant === PRIMARY_VARIANT) msPerImage = extracted.msPerImage;
  }
  const select = (split: Split, variant?: string): Sample[] =>
    samples.filter((s) => s.item.split === split && (variant === undefined || s.variant === variant));
  const counts = Object.fromEntries(SPLITS.map((s) => [s, select(s, PRIMARY_VARIANT.name).length])) as Record<Split, number>;
  console.log(`corpus: ${manifest.items.length} images + ${extra.items.length} extra training images (train ${counts.train}, validation ${counts.validation}, test ${counts.test}) `
    + `× sizes ${VARIANTS.map((v) => v.name).join('/')}; features ${msPerImage.toFixed(2)} ms/image at 256 px`);

  const standardiser = fitStandardiser(select('train').map((s) => s.features));
  const toDataset = (rows: Sample[]): Dataset => ({
    x: rows.map((s) => standardise(standardiser, s.features)),
    y: Int32Array.from(rows, (s) => CLASSES.indexOf(s.item.category)),
  });
  const primary = PRIMARY_VARIANT.name;
  const trainSet = toDataset(select('train'));
  const validationSet = toDataset(select('validation'));

  // Selection: grouped 5-fold CV over every training vector (all sizes, corpus + extra images);
  // the (L2, epochs) pair whose out-of-fold ensemble probabilities have the lowest class-weighted
  // cross-entropy wins. Then every member trains on all training data for that many epochs.
  const trainRows = select('train');
  const cvData = { rows: trainRows.map((s) => s.features), y: trainSet.y, groups: trainRows.map((s) => s.item.id) };
  const extraIds = new Set(extra.items.map((i) => i.id));
  // CV figures comparable to validation and test (and across runs whose extra images differ):
  // corpus images (not extra) at one input size, the primary one for selection.
  const corpusAt = (size: string) => (r: number): boolean => trainRows[r]!.variant === size && !extraIds.has(trainRows[r]!.item.id);
  const atPrimaryCorpus = corpusAt(primary);
  const accuracyOf = (predicted: ArrayLike<number>, keep: (r: number) => boolean): number => {
    const rows = Array.from(trainSet.y.keys()).filter(keep);
    return rows.filter((r) => predicted[r] === trainSet.y[r]).length / rows.length;
  };
  let best: { l2: number; epochs: number; loss: number; accuracy: number; accuracyAllSizes: number; probs: Float64Array } | null = null;
  for (const l2 of L2S) {
    const cv = crossValidate(cvData, { ...DEFAULT_TRAIN_OPTIONS, classes: CLASSES.length, l2, folds: CV_FOLDS, seeds: CV_SEEDS, maxEpochs: CV_MAX_EPOCHS });
    const losses = cv.probs.map((p) => weightedLoss(p, cv.classes, trainSet.y));
    const epoch = losses.indexOf(Math.min(...losses)) + 1;
    const probs = cv.probs[epoch - 1]!;
    const predicted = argmaxRows(probs, cv.classes);
    const candidate = { l2, epochs: epoch, loss: losses[epoch - 1]!, accuracy: accuracyOf(predicted, atPrimaryCorpus), accuracyAllSizes: accuracyOf(predicted, () => true), probs };
    console.log(`  l2 ${l2}: best CV epoch ${epoch}, CV loss ${candidate.loss.toFixed(4)} (epoch 5 ${losses[4]!.toFixed(4)}, 15 ${losses[14]!.toFixed(4)}, 30 ${losses[29]!.toFixed(4)}), `
      + `CV accuracy ${pct(candidate.accuracy)} at ${primary} px on the corpus train split, ${pct(candidate.accuracyAllSizes)} on all training vectors`);
    if (!best || candidate.loss < best.loss) best = candidate;
  }
  if (!best) throw new Error('no model selected');
  const members = SEEDS.map((seed) => trainForEpochs(trainSet, { ...DEFAULT_TRAIN_OPTIONS, classes: CLASSES.length, l2: best!.l2, seed, epochs: best!.epochs }));
  const validationWeights = classWeightsFor(validationSet.y, CLASSES.length);
  const validationLoss = crossEntropy(members.map((m) => m.mlp), validationSet, validationWeights);
  const cvPrimaryRows = Array.from(trainSet.y.keys()).filter(atPrimaryCorpus);
  const cvPredicted = argmaxRows(best.probs, CLASSES.length);
  const cvMetrics = evaluate(CLASSES, cvPrimaryRows.map((r) => trainSet.y[r]!), cvPrimaryRows.map((r) => cvPredicted[r]!));
  const mlps = members.map((m) => m.mlp);
  // Everything below uses the float32 weights that ship, not the float64 ones trained.
  for (const m of mlps) roundToFloat32(m, standardiser);
  const truth = (rows: Sample[]): number[] => rows.map((s) => CLASSES.indexOf(s.item.category));
  const modelOn = (rows: Sample[]): { metrics: Metrics; predicted: Int32Array } => {
    const predicted = predictClasses(mlps, toDataset(rows).x);
    return { metrics: evaluate(CLASSES, truth(rows), predicted), predicted };
  };
  const rulesOn = (rows: Sample[]): Metrics => evaluate(CLASSES, truth(rows), rows.map((s) => CLASSES.indexOf(classifyByRules(s.features))));
  const metrics = Object.fromEntries(SPLITS.map((s) => [s, modelOn(select(s, primary)).metrics])) as Record<Split, Metrics>;
  const baseline = Object.fromEntries(SPLITS.map((s) => [s, rulesOn(select(s, primary))])) as Record<Split, Metrics>;
  const bySize = Object.fromEntries(VARIANTS.map((v) => [v.name, {
    validation: modelOn(select('validation', v.name)).metrics.accuracy,
    test: modelOn(select('test', v.name)).metrics.accuracy,
    rulesTest: rulesOn(select('test', v.name)).accuracy,
  }]));

  const sizes = [FEATURE_NAMES.length, ...DEFAULT_TRAIN_OPTIONS.hidden, CLASSES.length];
  const parameters = mlps.reduce((sum, m) => sum + m.layers.reduce((s, l) => s + l.weights.length + l.bias.length, 0), 0) + 2 * FEATURE_NAMES.length;
  const bytes = mlpToOnnx({
    mlp: mlps[0]!, members: mlps, standardiser, featureNames: FEATURE_NAMES, classes: CLASSES, version: MODEL_VERSION,
    docString: `Tracewise logo-kind classifier: mean of ${mlps.length} ${sizes.join('→')} MLPs on hand-made raster features (src/core/features).`,
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const entry: ModelEntry = {
    name: 'classifier',
    file: 'classifier.onnx',
    version: MODEL_VERSION,
    bytes: bytes.length,
    sha256,
    input: { name: INPUT_NAME, shape: ['N', FEATURE_NAMES.length], dtype: 'float32', features: [...FEATURE_NAMES] },
    output: { name: OUTPUT_NAME, shape: ['N', CLASSES.length], dtype: 'float32' },
    classes: [...CLASSES],
    format: { irVersion: IR_VERSION, opset: OPSET },
    architecture: `Sub(mean)/Div(std) → ${mlps.length} × [${sizes.slice(1, -1).map((h) => `Gemm ${h} → Relu`).join(' → ')} → Gemm ${CLASSES.length} → Softmax(axis −1)] → mean`,
    parameters,
    metrics: {
      inputSize: `${primary} px`,
      validation: metrics.validation,
      test: metrics.test,
      train: { accuracy: metrics.train.accuracy },
      crossValidation: { folds: CV_FOLDS, images: cvPrimaryRows.length, inputSize: `${primary} px, corpus train split (out-of-fold)`, ...cvMetrics, accuracyAllTrainingVectors: round4(best.accuracyAllSizes) },
      accuracyByInputSize: bySize,
    },
    baseline: { name: 'rules (src/core/classify/rules.ts)', thresholds: RULES, validation: baseline.validation, test: baseline.test },
    training: {
      date: new Date().toISOString(),
      corpus: {
        generator: 'npm run corpus', seed: manifest.header.seed, images: manifest.items.length, extraTrainImages: extra.items.length,
        inputSizes: VARIANTS.map((v) => v.name), labels: 'counted in the svgo-minified SVG (scripts/corpus/categorize.ts; since 2026-12-02 without the path-command bound)',
      },
      splitSizes: { ...counts, train: counts.train - extra.items.length, extraTrain: extra.items.length },
      trainedOn: `train split + extra train images at every input size (${select('train').length} vectors)`,
      selectedOn: `grouped ${CV_FOLDS}-fold cross-validation over the training vectors (folds by image id; ${CV_SEEDS.length} members per fold): the L2 and epoch count with the lowest out-of-fold class-weighted cross-entropy; the validation split is only reported`,
      optimizer: 'Adam',
      hidden: DEFAULT_TRAIN_OPTIONS.hidden,
      batchSize: DEFAULT_TRAIN_OPTIONS.batchSize,
      rate: DEFAULT_TRAIN_OPTIONS.rate,
      l2Candidates: L2S,
      l2: best.l2,
      epochs: best.epochs,
      seeds: SEEDS,
      crossValidationLoss: round4(best.loss),
      ensembleValidationLoss: round4(validationLoss),
      classWeights: Object.fromEntries(CLASSES.map((c, k) => [c, round4(members[0]!.classWeights[k]!)])),
      featureMsPerImage: round4(msPerImage),
    },
  };
  if (!args['no-write']) {
    await mkdir(OUT, { recursive: true });
    await writeFile(`${OUT}classifier.onnx`, bytes);
    await writeManifestEntry(`${OUT}manifest.json`, entry); // other models' entries are kept
  }

  console.log(`\nselected by CV: l2 ${best.l2}, ${best.epochs} epochs, ${mlps.length} members (validation loss ${validationLoss.toFixed(4)}); ${parameters} parameters, ${bytes.length} bytes, sha256 ${sha256}`);
  console.log(`\nAt ${primary} px:\n` + formatComparison(CLASSES, [
    ['model train', metrics.train], [`model ${CV_FOLDS}-fold CV`, cvMetrics], ['model validation', metrics.validation], ['model test', metrics.test],
    ['rules train', baseline.train], ['rules validation', baseline.validation], ['rules test', baseline.test],
  ]));
  console.log('\nAccuracy by input size (model CV on the corpus train split / model validation / model test / rules test):');
  for (const [size, m] of Object.entries(bySize)) {
    console.log(`  ${size.padStart(4)} px: ${pct(accuracyOf(cvPredicted, corpusAt(size)))} / ${pct(m.validation)} / ${pct(m.test)} / ${pct(m.rulesTest)}`);
  }
  console.log(`\nTest confusion matrix at ${primary} px (model):\n` + formatConfusion(CLASSES, metrics.test));
  console.log(`\nTest confusion matrix at ${primary} px (rules):\n` + formatConfusion(CLASSES, baseline.test));
  for (const split of ['validation', 'test'] as const) {
    const rows = select(split, primary);
    const { predicted } = modelOn(rows);
    const misses = rows.flatMap((s, i) => (CLASSES[predicted[i]!] !== s.item.category ? [`${s.item.id} (${s.item.category} → ${CLASSES[predicted[i]!]})`] : []));
    console.log(`\n${split} misclassified by the model at ${primary} px: ${misses.join(', ') || 'none'}`);
  }
  console.log(args['no-write'] ? '\n--no-write: the shipped model and manifest are untouched' : `\nwrote ${OUT}classifier.onnx and manifest.json`);
  console.log(`training took ${((performance.now() - started) / 1000).toFixed(0)} s (features, CV and the final members)`);
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const round4 = (v: number): number => Math.round(v * 10000) / 10000;

await main();
// wasm-vips keeps worker threads alive; the work is done.
process.exit(0);
