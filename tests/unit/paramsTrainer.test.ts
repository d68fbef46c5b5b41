import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web/wasm';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { rankCandidates, scoreToSsim, splitPredictions, ssimToScore, TIER2_OFF_TARGET_SIZE_WEIGHT } from '../../src/core/params';
import { holdsFlatColours, keepsFlatColours, keepsFlatShades } from '../../src/core/params/colourCap';
import { FEATURE_COUNT, FEATURE_NAMES } from '../../src/core/features/names';
import { loadRenderer } from '../../src/core/quality/renderSvg';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { TIER3_CANDIDATES, tierCandidates } from '../../src/core/tiers/tierPlans';
import { createMlp } from '../../scripts/train/mlp';
import { mlpToOnnx, onnxToMlp } from '../../scripts/train/onnxExport';
import { mulberry32 } from '../../scripts/train/prng';
import { fitStandardiser, standardise } from '../../scripts/train/train';
import { foldOf } from '../../scripts/train/crossValidation';
import { chooseMargins, chooseTier2Weight, chooseWithModel, DEFAULT_FIT_OPTIONS, fitParamsModel, outOfFoldPredictions, predictAll, targetsOf, tier3Lists } from '../../scripts/train/params/fit';
import { configKey, gridIndexOf, PARAM_GRID } from '../../scripts/train/params/grid';
import { writeManifestEntry } from '../../scripts/train/modelManifest';
import { bestOf, compareOutcomes, headToHead, policyMetrics, type ImageOutcomes } from '../../scripts/train/params/policies';
import { foldOutputScale, mseAndGradients, predictLinear } from '../../scripts/train/params/regression';
import { SearchCache, tracerVersion } from '../../scripts/train/params/searchCache';
import { searchOne } from '../../scripts/train/params/searchImage';
import { logoSvg, pngFromSvg } from './fixtures';

const gaussian = (rng: () => number): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

describe('regression MLP', () => {
  it('has gradients matching central finite differences (squared error + L2)', () => {
    const rng = mulberry32(7);
    const mlp = createMlp([4, 5, 3], rng);
    for (const layer of mlp.layers) layer.bias.forEach((_, i) => (layer.bias[i] = gaussian(rng) * 0.1));
    const batch = 5;
    const input = Float64Array.from({ length: batch * 4 }, () => gaussian(rng));
    const target = Float64Array.from({ length: batch * 3 }, () => gaussian(rng));
    const { grads } = mseAndGradients(mlp, input, target, batch, 0.01);
    const loss = () => mseAndGradients(mlp, input, target, batch, 0.01).loss;
    let worst = 0;
    mlp.layers.forEach((layer, l) => {
      for (const [params, analytic] of [[layer.weights, grads.weights[l]!], [layer.bias, grads.bias[l]!]] as const) {
        for (let i = 0; i < params.length; i++) {
          const keep = params[i]!;
          params[i] = keep + 1e-6;
          const up = loss();
          params[i] = keep - 1e-6;
          const down = loss();
          params[i] = keep;
          const numeric = (up - down) / 2e-6;
          worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic[i]!)));
        }
      }
    });
    expect(worst).toBeLessThan(1e-5);
  });

  it('exports a linear head that onnxruntime-web runs like the TypeScript forward pass (1e-5)', async () => {
    const rng = mulberry32(3);
    const mlp = createMlp([6, 8, 4], rng);
    const rows = Array.from({ length: 20 }, () => Float64Array.from({ length: 6 }, () => gaussian(rng) * 3 + 1));
    const standardiser = fitStandardiser(rows);
    foldOutputScale(mlp, [0.5, 2, 1, 3], [1, -1, 0, 10]);
    const bytes = mlpToOnnx({ mlp, standardiser, featureNames: ['a', 'b', 'c', 'd', 'e', 'f'], classes: [], version: 't',
      linearHead: { name: 'predictions', size: 4, graphName: 'test' } });
    const back = onnxToMlp(bytes);
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(bytes);
    expect(session.outputNames).toEqual(['predictions']);
    let worst = 0;
    for (const row of rows) {
      const expected = predictLinear(back.mlp, standardise(back.standardiser, row));
      const out = await session.run({ features: new ort.Tensor('float32', Float32Array.from(row), [1, 6]) });
      const actual = out.predictions!.data as Float32Array;
      for (let k = 0; k < 4; k++) worst = Math.max(worst, Math.abs(expected[k]! - actual[k]!) / Math.max(1, Math.abs(expected[k]!)));
    }
    await session.release();
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('ranking rule', () => {
  it('maps SSIM to scores and back', () => {
    expect(ssimToScore(0.99)).toBeCloseTo(2, 10);
    expect(scoreToSsim(ssimToScore(0.995))).toBeCloseTo(0.995, 12);
    expect(ssimToScore(1)).toBe(4); // floored at 1e-4
  });

  it('puts predicted-on-target candidates first by size, then the rest by fidelity', () => {
    const p = [
      { score: 1.5, logBytes: 8 }, // 0.968: off target
      { score: 2.5, logBytes: 10 }, // on target, larger
      { score: 2.2, logBytes: 9 }, // on target, smaller
      { score: 1.9, logBytes: 7 }, // 0.987: off, but closer
    ];
    expect(rankCandidates(p, 0.99, 0)).toEqual([2, 1, 3, 0]);
    // A margin demands more than the target: 2.2 no longer counts as on target.
    expect(rankCandidates(p, 0.99, 0.3)).toEqual([1, 2, 3, 0]);
    expect(splitPredictions([1, 2, 3, 4], 2)).toEqual([{ score: 1, logBytes: 3 }, { score: 2, logBytes: 4 }]);
  });

  it('weighs fidelity against size among off-target candidates when asked (tier 2), not on target', () => {
    const p = [
      { score: 1.9, logBytes: 13 }, // 0.987, ~8 KB: predicted best, off target
      { score: 1.85, logBytes: 10 }, // 0.986, ~1 KB
      { score: 1.4, logBytes: 9 }, // 0.960, 512 B
    ];
    // By fidelity alone (tier 3's search order) the 8 KB set leads…
    expect(rankCandidates(p, 0.99, 0)).toEqual([0, 1, 2]);
    // …at 0.1 per doubling of the bytes the 1 KB one does (1.85 − 1.0 > 1.9 − 1.3 > 1.4 − 0.9).
    expect(rankCandidates(p, 0.99, 0, TIER2_OFF_TARGET_SIZE_WEIGHT)).toEqual([1, 0, 2]);
    // Sets predicted on target are still taken smallest first, whatever the weight.
    const onTarget = [{ score: 2.4, logBytes: 12 }, { score: 2.1, logBytes: 11 }, ...p];
    expect(rankCandidates(onTarget, 0.99, 0, TIER2_OFF_TARGET_SIZE_WEIGHT).slice(0, 2)).toEqual([1, 0]);
  });

  it('ranks a set that cannot hold the image\'s flat colours after every set that can', () => {
    const features = new Float32Array(FEATURE_COUNT);
    features[FEATURE_NAMES.indexOf('flatColoursLog')] = Math.log2(1 + 12); // a rainbow logo's 12 flat colours
    expect(holdsFlatColours({ maxColours: 4, colourDistance: 48 }, features)).toBe(false);
    expect(holdsFlatColours({ maxColours: 8 }, features)).toBe(false);
    expect(holdsFlatColours({ maxColours: 12 }, features)).toBe(true);
    expect(holdsFlatColours({}, features)).toBe(true); // the defaults' 24
    // Beyond the defaults' cap the defaults still qualify; only tighter caps do not.
    features[FEATURE_NAMES.indexOf('flatColoursLog')] = Math.log2(1 + 30);
    expect(holdsFlatColours({}, features)).toBe(true);
    expect(holdsFlatColours({ maxColours: 16 }, features)).toBe(false);
    features[FEATURE_NAMES.indexOf('flatColoursLog')] = Math.log2(1 + 12);
    const p = [
      { score: 2.2, logBytes: 11 }, // 24 colours: on target, 2 KB
      { score: 2.1, logBytes: 10 }, // 4 colours: predicted on target too, and smaller
      { score: 1.5, logBytes: 9 }, // 16 colours: off target
    ];
    const allowed = [{}, { maxColours: 4 }, { maxColours: 16 }].map((candidate) => holdsFlatColours(candidate, features));
    expect(rankCandidates(p, 0.99, 0)).toEqual([1, 0, 2]);
    expect(rankCandidates(p, 0.99, 0, TIER2_OFF_TARGET_SIZE_WEIGHT, allowed)).toEqual([0, 2, 1]);
  });

  it('weighs size off target only as far as that costs no mean SSIM', () => {
    // Two sets of the grid predicted to miss the target, the larger a little more faithful; the
    // rest predicted far worse.
    const others = PARAM_GRID.length - 2;
    const predictions = [[{ score: 1.9, logBytes: 13 }, { score: 1.85, logBytes: 10 }, ...Array.from({ length: others }, () => ({ score: 0, logBytes: 20 }))]];
    const image = (small: number): ImageOutcomes => ({ id: 'a', variant: '256', category: 'simple', split: 'validation', groundTruthBytes: 800,
      features: new Float32Array(2), flatColourGap: Infinity, ssim: [0.95, small, ...Array<number>(others).fill(0.5)], bytes: [8000, 1000, ...Array<number>(others).fill(1e6)] });
    // From 0.02 on, the weight takes the small set; measured 0.01 worse, so no weight is free…
    expect(chooseWithModel([image(0.94)], predictions, 0, 0)).toEqual([0]);
    expect(chooseWithModel([image(0.94)], predictions, 0, 0.02)).toEqual([1]);
    expect(chooseTier2Weight([image(0.94)], predictions, 0)).toBe(0);
    // …measured as faithful, every weight is, and the largest is taken.
    expect(chooseTier2Weight([image(0.95)], predictions, 0)).toBe(TIER2_OFF_TARGET_SIZE_WEIGHT);
  });

  it('ranks a set that would merge two of the image\'s flat colours after every set that keeps them apart', () => {
    // Two shades 28 apart (devicon's shield): the defaults' 24 keep them, a 40-unit merge does not.
    expect(keepsFlatShades({}, 28)).toBe(true);
    expect(keepsFlatShades({ colourDistance: 16 }, 28)).toBe(true);
    expect(keepsFlatShades({ colourDistance: 40 }, 28)).toBe(false);
    expect(keepsFlatShades({ colourDistance: 40 }, 41)).toBe(true);
    // Colours closer than the defaults' distance: the defaults and tighter sets stay allowed.
    expect(keepsFlatShades({}, 10)).toBe(true);
    expect(keepsFlatShades({ colourDistance: 32 }, 10)).toBe(false);
    expect(keepsFlatShades({ colourDistance: 48 }, Infinity)).toBe(true); // one flat colour or none
    const features = new Float32Array(FEATURE_COUNT);
    features[FEATURE_NAMES.indexOf('flatColoursLog')] = Math.log2(1 + 4);
    expect(keepsFlatColours({ colourDistance: 40 }, { features, flatColourGap: 28 })).toBe(false);
    expect(keepsFlatColours({ maxColours: 4 }, { features, flatColourGap: 28 })).toBe(true);
    expect(keepsFlatColours({ maxColours: 2 }, { features, flatColourGap: 100 })).toBe(false);
  });

  it('tier plans: the model\'s tier-2 choice first, then its ranking without repeats, at most 8', () => {
    const ranked = [{ curveTolerance: 0.8 }, {}, { thinColours: 4 }, ...PARAM_GRID];
    const tier3 = tierCandidates(3, 'complex', { tier2: { curveTolerance: 0.8 }, ranked });
    expect(tier3[0]).toMatchObject({ source: 'model', params: { ...TRACEWISE_DEFAULTS, curveTolerance: 0.8 } });
    expect(tier3).toHaveLength(TIER3_CANDIDATES);
    expect(new Set(tier3.map((c) => JSON.stringify(c.params))).size).toBe(tier3.length);
    // Without a tier-2 choice the class preset stays first.
    const presetFirst = tierCandidates(3, 'complex', { tier2: null, ranked });
    expect(presetFirst[0]).toMatchObject({ source: 'preset', params: { thinColours: 4 } });
    expect(tierCandidates(2, 'text', { tier2: null, ranked })).toEqual([expect.objectContaining({ source: 'preset', params: expect.objectContaining({ curveTolerance: 0.35 }) })]);
    expect(tierCandidates(2, 'text', { tier2: { maxColours: 8 }, ranked })[0]).toMatchObject({ source: 'model', params: { maxColours: 8 } });
  });

  it('the grid holds the defaults, every class preset and tier 3\'s fixed list', () => {
    // Tier 3's later candidates skip the facet drawings (`facets: false`); the search traces every
    // set with them on, so gridIndexOf compares the sets without that switch.
    for (const c of ['simple', 'text', 'gradient', 'complex'] as const) {
      for (const candidate of [...tierCandidates(2, c), ...tierCandidates(3, c)]) expect(gridIndexOf(candidate.params)).toBeGreaterThanOrEqual(0);
    }
    expect(gridIndexOf({})).toBe(0);
    expect(gridIndexOf({ facets: false })).toBe(0);
    expect(gridIndexOf({ curveTolerance: 0.123 })).toBe(-1);
    expect(new Set(PARAM_GRID.map((c) => configKey({ ...TRACEWISE_DEFAULTS, ...c }))).size).toBe(PARAM_GRID.length); // no duplicates
  });
});

/** Synthetic outcomes: feature 0 says which of two candidates reaches the target smaller. */
function syntheticImages(n: number, seed: number, split: ImageOutcomes['split']): ImageOutcomes[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const kind = rng() < 0.5 ? 0 : 1;
    const features = Float32Array.from([kind + gaussian(rng) * 0.1, gaussian(rng)]);
    // Candidate 0: always on target (0.995), 1000 bytes. Candidate 1: 500 bytes, on target only
    // for kind 1. Candidate 2: never on target, tiny.
    return { id: `${split}-${i}`, variant: '256', category: 'simple', split, groundTruthBytes: 800, features, flatColourGap: Infinity,
      ssim: [0.995, kind ? 0.993 : 0.95, 0.9], bytes: [1000, 500, 100] };
  });
}

describe('search and fit', () => {
  it('searches one image with a parameter set as tier 2 would trace it', async () => {
    await loadRenderer(nodeHost);
    const { raster, scale } = decodeImage(await loadVips(nodeHost), await pngFromSvg(logoSvg(64)), { maxSide: 1024, maxPixels: 4e7 });
    const plain = await searchOne(raster, scale, {});
    const coarse = await searchOne(raster, scale, { maxColours: 4, colourDistance: 48, curveTolerance: 0.8, minArea: 6 });
    for (const r of [plain, coarse]) {
      expect(r.ssim).toBeGreaterThan(0.9);
      expect(r.ssim).toBeLessThanOrEqual(1);
      expect(r.bytes).toBeGreaterThan(100);
    }
    expect(coarse.bytes).toBeLessThanOrEqual(plain.bytes);
  });

  it('caches records per writer and reads every writer\'s file back; a torn line is skipped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'params-cache-'));
    try {
      const a = new SearchCache(dir, 'a');
      a.put({ id: 'x', config: '[]', ssim: 0.9, bytes: 10, ms: 1 });
      await writeFile(join(dir, 'b.jsonl'), JSON.stringify({ id: 'y', config: '[]', ssim: 0.8, bytes: 20, ms: 2 }) + '\n{"id":"z","con');
      const c = new SearchCache(dir, 'c');
      expect(c.get('x', '[]')).toMatchObject({ ssim: 0.9, bytes: 10 });
      expect(c.get('y', '[]')).toMatchObject({ ssim: 0.8 });
      expect(c.get('z', '[]')).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(tracerVersion(process.cwd())).toMatch(/^[0-9a-f]{16}$/);
  });

  it('scores policies with tier 3\'s ordering', () => {
    const [im] = syntheticImages(1, 1, 'validation');
    const kind1 = { ...im!, ssim: [0.995, 0.993, 0.9] };
    expect(compareOutcomes(kind1, 1, 0)).toBe(1); // both on target: smaller wins
    expect(compareOutcomes(kind1, 2, 1)).toBe(-1); // off target loses
    expect(bestOf(kind1, [0, 1, 2])).toBe(1);
    expect(headToHead([kind1, kind1], [1, 2], [0, 0])).toEqual({ wins: 1, losses: 1, ties: 0 });
    expect(policyMetrics([kind1, kind1], [0, 1])).toEqual({ count: 2, meanSsim: 0.994, medianSizeRatio: 0.9375, onTargetShare: 1 });
  });

  it('learns from a tiny fixture which candidate is smallest on target, and beats a fixed choice', () => {
    const train = syntheticImages(60, 2, 'train');
    const validation = syntheticImages(30, 3, 'validation');
    const options = { ...DEFAULT_FIT_OPTIONS, hiddens: [[8]], l2s: [1e-3], seeds: [1], maxEpochs: 400, patience: 100 };
    const model = fitParamsModel(train, validation, options);
    const { margin, tier2Margins } = chooseMargins(validation, predictAll(model, validation), validation.map(() => 0), () => [0, 2], 2, [0, 0.5]);
    const tier2Margin = tier2Margins[validation[0]!.variant]!;
    expect(Object.keys(tier2Margins)).toEqual([validation[0]!.variant]);
    expect(tier2Margin).not.toBeNull(); // it beats always taking candidate 0
    const test = syntheticImages(30, 4, 'test');
    const choices = chooseWithModel(test, predictAll(model, test), tier2Margin!);
    const oracle = test.map((im) => bestOf(im, [0, 1, 2]));
    const right = choices.filter((c, i) => c === oracle[i]).length;
    expect(right / test.length).toBeGreaterThanOrEqual(0.9);
    const versusFixed = headToHead(test, choices, test.map(() => 0));
    expect(versusFixed.wins).toBeGreaterThan(versusFixed.losses);
    expect(targetsOf(test[0]!)).toHaveLength(6);
    expect([0, 0.5]).toContain(margin);
    expect(tier3Lists([[2, 1, 0]], [1], 2)).toEqual([[1, 2]]);
  });

  it('predicts each train image from a model fitted without its fold, both sizes of an image in one fold', () => {
    const base = syntheticImages(40, 5, 'train');
    // The same image at a second input size, same features: one fold holds both.
    const train = [...base, ...base.map((im) => ({ ...im, variant: '128' }))];
    const validation = syntheticImages(20, 6, 'validation');
    const options = { ...DEFAULT_FIT_OPTIONS, hiddens: [[8]], l2s: [1e-3], seeds: [1], maxEpochs: 200, patience: 50 };
    const oof = outOfFoldPredictions(train, validation, { hidden: [8], l2: 1e-3, seed: 1 }, 3, options);
    expect(oof).toHaveLength(train.length);
    expect(oof.every((p) => p.length === 3)).toBe(true);
    // Same image, same features → the same fold's model → the same prediction.
    base.forEach((_, i) => expect(oof[i]).toEqual(oof[i + base.length]));
    // An identical input in another fold meets another model.
    const twin = { ...base[0]!, id: base.map((im) => im.id).concat(['x', 'y', 'z']).find((id) => foldOf(id, 3) !== foldOf(base[0]!.id, 3))! };
    const withTwin = outOfFoldPredictions([...train, twin], validation, { hidden: [8], l2: 1e-3, seed: 1 }, 3, options);
    expect(withTwin.at(-1)).not.toEqual(withTwin[0]);
    // Held out, the predictions still carry the rule the fixture hides in its features.
    const oracle = base.map((im) => bestOf(im, [0, 1, 2]));
    const right = chooseWithModel(base, oof.slice(0, base.length), 0).filter((c, i) => c === oracle[i]).length;
    expect(right / base.length).toBeGreaterThanOrEqual(0.85);
  });

  it('writes one model\'s manifest entry and keeps the others in place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'params-manifest-'));
    const path = join(dir, 'manifest.json');
    const entry = (name: string, version: string) => ({ name, version }) as never;
    try {
      await writeManifestEntry(path, entry('classifier', '1'));
      await writeManifestEntry(path, entry('params', '1'));
      await writeManifestEntry(path, entry('classifier', '2'));
      const manifest = JSON.parse(await readFile(path, 'utf8'));
      expect(manifest).toEqual({ schema: 1, models: [{ name: 'classifier', version: '2' }, { name: 'params', version: '1' }] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
