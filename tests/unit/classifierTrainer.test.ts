import * as ort from 'onnxruntime-web/wasm';
import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, FEATURE_NAMES } from '../../src/core/features';
import { evaluate, formatComparison, formatConfusion } from '../../scripts/train/metrics';
import { Adam, createMlp, forward, lossAndGradients, predict, predictEnsemble, type Mlp } from '../../scripts/train/mlp';
import { INPUT_NAME, mlpToOnnx, onnxToMlp, OUTPUT_NAME, roundToFloat32 } from '../../scripts/train/onnxExport';
import { mulberry32, shuffle } from '../../scripts/train/prng';
import { withEntry } from '../../scripts/train/modelManifest';
import { worstGradientError } from './gradientCheck';
import { classWeightsFor, crossEntropy, fitStandardiser, fitTiedStandardiser, predictClasses, standardise, trainMlp, type Dataset } from '../../scripts/train/train';

const gaussian = (rng: () => number): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

describe('MLP gradients', () => {
  it('match central finite differences (weighted cross-entropy + L2)', () => {
    const rng = mulberry32(42);
    const mlp = createMlp([5, 4, 3, 3], rng);
    for (const layer of mlp.layers) layer.bias.forEach((_, i) => (layer.bias[i] = gaussian(rng) * 0.1));
    const batch = 6;
    const input = Float64Array.from({ length: batch * 5 }, () => gaussian(rng));
    const labels = Int32Array.from([0, 1, 2, 2, 1, 0]);
    const options = { classWeights: [1, 2, 0.5], l2: 0.01 };
    const { grads } = lossAndGradients(mlp, input, labels, options);
    const loss = () => lossAndGradients(mlp, input, labels, options).loss;
    const worst = worstGradientError(mlp.layers.flatMap((l) => [l.weights, l.bias]), mlp.layers.flatMap((_, l) => [grads.weights[l]!, grads.bias[l]!]), loss);
    expect(worst).toBeLessThan(1e-5);
  });

  it('softmax rows sum to one', () => {
    const mlp = createMlp([3, 4, 4], mulberry32(1));
    const acts = forward(mlp, Float64Array.from([1, -2, 3, 0.5, 0.5, -1]), 2);
    const p = acts[acts.length - 1]!;
    expect(p[0]! + p[1]! + p[2]! + p[3]!).toBeCloseTo(1, 12);
    expect(p[4]! + p[5]! + p[6]! + p[7]!).toBeCloseTo(1, 12);
  });
});

/** Three well-separated clusters in 4-D. */
function clusters(seed: number, perClass: number): Dataset {
  const rng = mulberry32(seed);
  const x: Float64Array[] = [];
  const y: number[] = [];
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < perClass; i++) {
      x.push(Float64Array.from({ length: 4 }, (_, k) => (k === c ? 3 : 0) + gaussian(rng) * 0.5));
      y.push(c);
    }
  }
  return { x, y: Int32Array.from(y) };
}

describe('training', () => {
  it('Adam fits separable clusters and early stopping keeps the best validation epoch', () => {
    const train = clusters(1, 30);
    const validation = clusters(2, 10);
    const result = trainMlp(train, validation, { hidden: [8], classes: 3, seed: 3, maxEpochs: 200, batchSize: 16, rate: 1e-2, l2: 1e-4, patience: 20 });
    const predicted = predictClasses(result.mlp, validation.x);
    expect(evaluate(['a', 'b', 'c'], validation.y, predicted).accuracy).toBe(1);
    // The returned weights are the best epoch's: their loss is the reported best.
    expect(crossEntropy(result.mlp, validation, classWeightsFor(validation.y, 3))).toBeCloseTo(result.bestValidationLoss, 10);
    expect(result.epochs - result.bestEpoch).toBeLessThanOrEqual(21);
  });

  it('is reproducible from its seed', () => {
    const train = clusters(1, 10);
    const validation = clusters(2, 5);
    const options = { hidden: [4], classes: 3, seed: 9, maxEpochs: 20, batchSize: 8, rate: 1e-2, l2: 1e-3, patience: 50 };
    expect(trainMlp(train, validation, options).mlp).toEqual(trainMlp(train, validation, options).mlp);
  });

  it('an Adam step lowers the loss on a fixed batch', () => {
    const data = clusters(5, 8);
    const mlp = createMlp([4, 6, 3], mulberry32(5));
    const input = Float64Array.from(data.x.flatMap((r) => [...r]));
    const options = { classWeights: [1, 1, 1], l2: 0 };
    const before = lossAndGradients(mlp, input, data.y, options).loss;
    const adam = new Adam(mlp, 1e-2);
    for (let i = 0; i < 20; i++) adam.step(lossAndGradients(mlp, input, data.y, options).grads);
    expect(lossAndGradients(mlp, input, data.y, options).loss).toBeLessThan(before);
  });

  it('class weights make every class weigh the same in total', () => {
    const w = classWeightsFor(Int32Array.from([0, 0, 0, 1]), 3);
    expect(w[0]! * 3).toBeCloseTo(w[1]! * 1, 12);
    expect(w[2]).toBe(0);
  });

  it('standardises, leaving constant features unscaled', () => {
    const s = fitStandardiser([[1, 5], [3, 5]]);
    expect([...s.mean]).toEqual([2, 5]);
    expect([...s.std]).toEqual([1, 1]);
    expect([...standardise(s, [3, 7])]).toEqual([1, 2]);
  });

  it('ties the columns of a group to one pooled mean and std (the thumbnail study\'s scaling)', () => {
    // Columns 1 and 2 pooled: values 0, 2, 4, 6 → mean 3, std √5; column 0 alone.
    const s = fitTiedStandardiser([[1, 0, 4], [3, 2, 6]], [[1, 2]]);
    expect([...s.mean]).toEqual([2, 3, 3]);
    expect(s.std[0]).toBe(1);
    expect(s.std[1]).toBeCloseTo(Math.sqrt(5), 12);
    expect(s.std[2]).toBe(s.std[1]);
    // A constant group is centred, not scaled.
    expect([...fitTiedStandardiser([[1, 7, 7], [3, 7, 7]], [[1, 2]]).std]).toEqual([1, 1, 1]);
  });

  it('the PRNG and shuffle are deterministic', () => {
    expect(shuffle(mulberry32(3), [1, 2, 3, 4, 5])).toEqual(shuffle(mulberry32(3), [1, 2, 3, 4, 5]));
    const r = mulberry32(7);
    for (let i = 0; i < 100; i++) expect(r()).toBeGreaterThanOrEqual(0);
  });
});

describe('metrics', () => {
  it('computes accuracy, per-class recall and the confusion matrix', () => {
    const m = evaluate(['a', 'b', 'c'], [0, 0, 1, 1], [0, 1, 1, 1]);
    expect(m.accuracy).toBe(0.75);
    expect(m.perClass).toEqual({ a: 0.5, b: 1, c: null });
    expect(m.confusion).toEqual([[1, 1, 0], [0, 2, 0], [0, 0, 0]]);
    expect(formatComparison(['a', 'b', 'c'], [['x', m]])).toContain('75.0%');
    expect(formatConfusion(['a', 'b', 'c'], m).split('\n')).toHaveLength(4);
  });
});

describe('ONNX export', () => {
  function randomModel(seed: number): { mlp: Mlp; standardiser: { mean: Float64Array; std: Float64Array } } {
    const rng = mulberry32(seed);
    const mlp = createMlp([FEATURE_COUNT, 32, 16, 4], rng);
    for (const layer of mlp.layers) layer.bias.forEach((_, i) => (layer.bias[i] = gaussian(rng) * 0.2));
    const standardiser = {
      mean: Float64Array.from({ length: FEATURE_COUNT }, () => gaussian(rng)),
      std: Float64Array.from({ length: FEATURE_COUNT }, () => 0.2 + rng() * 3),
    };
    roundToFloat32(mlp, standardiser);
    return { mlp, standardiser };
  }

  it('reproduces the TypeScript forward pass to 1e-5 in onnxruntime-web', async () => {
    const { mlp, standardiser } = randomModel(11);
    const bytes = mlpToOnnx({ mlp, standardiser, featureNames: FEATURE_NAMES, classes: ['simple', 'text', 'gradient', 'complex'], version: 'test' });
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(bytes);
    try {
      const rng = mulberry32(12);
      const n = 32;
      const rows = Array.from({ length: n }, () => Float32Array.from({ length: FEATURE_COUNT }, (_, i) => standardiser.mean[i]! + gaussian(rng) * standardiser.std[i]! * 2));
      const batch = new Float32Array(n * FEATURE_COUNT);
      rows.forEach((r, b) => batch.set(r, b * FEATURE_COUNT));
      const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', batch, [n, FEATURE_COUNT]) });
      const probs = out[OUTPUT_NAME]!.data as Float32Array;
      let worst = 0;
      rows.forEach((r, b) => {
        const expected = predict(mlp, standardise(standardiser, r));
        for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(expected[c]! - probs[b * 4 + c]!));
      });
      expect(worst).toBeLessThan(1e-5);
    } finally {
      await session.release();
    }
  });

  it('exports an ensemble as the mean of its members, matching the TypeScript reference to 1e-5', async () => {
    const { mlp: first, standardiser } = randomModel(21);
    const members = [first, randomModel(22).mlp, randomModel(23).mlp];
    const bytes = mlpToOnnx({ mlp: first, members, standardiser, featureNames: FEATURE_NAMES, classes: ['simple', 'text', 'gradient', 'complex'], version: 'test' });
    const back = onnxToMlp(bytes);
    expect(back.members).toHaveLength(3);
    expect([...back.members[2]!.layers[0]!.weights]).toEqual([...members[2]!.layers[0]!.weights]);
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(bytes);
    try {
      const rng = mulberry32(24);
      let worst = 0, spread = 0;
      for (let n = 0; n < 16; n++) {
        const row = Float32Array.from({ length: FEATURE_COUNT }, (_, i) => standardiser.mean[i]! + gaussian(rng) * standardiser.std[i]! * 2);
        const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', row, [1, FEATURE_COUNT]) });
        const probs = out[OUTPUT_NAME]!.data as Float32Array;
        const x = standardise(standardiser, row);
        const expected = predictEnsemble(members, x);
        for (let c = 0; c < 4; c++) {
          worst = Math.max(worst, Math.abs(expected[c]! - probs[c]!));
          // The members disagree, so matching the mean is not matching any one member.
          spread = Math.max(spread, Math.abs(predict(members[0]!, x)[c]! - expected[c]!));
        }
      }
      expect(worst).toBeLessThan(1e-5);
      expect(spread).toBeGreaterThan(1e-3);
    } finally {
      await session.release();
    }
  });

  it('round-trips weights, standardisation and metadata', () => {
    const { mlp, standardiser } = randomModel(13);
    const bytes = mlpToOnnx({ mlp, standardiser, featureNames: FEATURE_NAMES, classes: ['a', 'b', 'c', 'd'], version: '9.9.9' });
    const back = onnxToMlp(bytes);
    expect(back.mlp.layers.map((l) => [l.inputs, l.outputs])).toEqual(mlp.layers.map((l) => [l.inputs, l.outputs]));
    back.mlp.layers.forEach((l, i) => {
      expect([...l.weights]).toEqual([...mlp.layers[i]!.weights]);
      expect([...l.bias]).toEqual([...mlp.layers[i]!.bias]);
    });
    expect([...back.standardiser.std]).toEqual([...standardiser.std]);
    expect(JSON.parse(back.metadata.features!)).toEqual([...FEATURE_NAMES]);
    expect(back.metadata.version).toBe('9.9.9');
  });
});

describe('model manifest', () => {
  const entry = (name: string, version: string) => ({
    name, file: `${name}.onnx`, version, bytes: 1, sha256: '0'.repeat(64),
    input: { name: 'features', shape: ['N', 1], dtype: 'float32' as const, features: ['a'] },
    output: { name: 'probabilities', shape: ['N', 1], dtype: 'float32' as const }, classes: [],
  });

  it('replaces only the trained model\'s entry, keeping the others and their order', () => {
    const params = { ...entry('params', '3.0.0'), extra: { kept: true } };
    const before = { schema: 1 as const, models: [entry('classifier', '1.0.0'), params] };
    const after = withEntry(before, entry('classifier', '2.0.0'));
    expect(after.models.map((m) => [m.name, m.version])).toEqual([['classifier', '2.0.0'], ['params', '3.0.0']]);
    expect(after.models[1]).toBe(params);
    expect(before.models[0]!.version).toBe('1.0.0');
  });

  it('appends the entry when the manifest has none of that name', () => {
    const after = withEntry({ schema: 1, models: [entry('params', '1.0.0')] }, entry('classifier', '1.0.0'));
    expect(after.models.map((m) => m.name)).toEqual(['params', 'classifier']);
  });
});
