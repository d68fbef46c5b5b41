import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { convert } from '../../src/core';
import { disposeClassifier, sha256Hex, type ModelManifest } from '../../src/core/classify';
import { ConvertError } from '../../src/core/errors';
import { FEATURE_COUNT, FEATURE_NAMES } from '../../src/core/features';
import { checkParamsEntry, disposeParamsModel, featureOutsideTraining, loadParamsModel, planParams, tier2MarginFor, tier2WeightFor, TIER2_OFF_TARGET_SIZE_WEIGHT, type ParamsEntry } from '../../src/core/params';
import { onnxToMlp } from '../../scripts/train/onnxExport';
import { mulberry32 } from '../../scripts/train/prng';
import { predictLinear } from '../../scripts/train/params/regression';
import { standardise } from '../../scripts/train/train';
import { logoSvg, pngFromSvg, signal } from './fixtures';
import { hostWith } from './modelHosts';

const MODELS = new URL('../../public/models/', import.meta.url);
const modelBytes = () => readFile(new URL('params.onnx', MODELS)).then((b) => new Uint8Array(b));
const manifest = async (): Promise<ModelManifest> => JSON.parse(await readFile(new URL('manifest.json', MODELS), 'utf8')) as ModelManifest;
const paramsEntry = async (): Promise<ParamsEntry> => (await manifest()).models.find((m) => m.name === 'params') as ParamsEntry;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
/** Features in the middle of the model's training range: an image like those it learnt from. */
const typicalFeatures = (entry: ParamsEntry): Float32Array => {
  const { min, max } = entry.decision.featureRange!;
  return Float32Array.from(min, (low, k) => (low + max[k]!) / 2);
};


async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConvertError);
  return (error as ConvertError).code;
}

// One session per realm: each test starts without one, so its host is the one used.
beforeEach(disposeParamsModel);
afterEach(disposeParamsModel);
afterAll(disposeClassifier);

describe('the committed parameter model', () => {
  it('matches its manifest entry, this build\'s features and its candidate list', async () => {
    const bytes = await modelBytes();
    const entry = await paramsEntry();
    expect(entry).toMatchObject({ file: 'params.onnx', bytes: bytes.length, sha256: await sha256Hex(bytes) });
    expect(entry.input.features).toEqual([...FEATURE_NAMES]);
    expect(checkParamsEntry(entry)).toBe(entry);
    expect(entry.output.shape).toEqual(['N', 2 * entry.candidates.length]);
    expect(entry.metrics).toBeDefined();
    expect(bytes.length).toBeLessThan(256 * 1024);
  });

  it('runs in onnxruntime-web like the TypeScript reference of its own weights (1e-5)', async () => {
    const { mlp, standardiser } = onnxToMlp(await modelBytes());
    const model = await loadParamsModel(nodeHost);
    const rng = mulberry32(11);
    let worst = 0;
    for (let n = 0; n < 20; n++) {
      const features = Float32Array.from({ length: FEATURE_COUNT }, (_, i) => standardiser.mean[i]! + (rng() * 2 - 1) * 2 * standardiser.std[i]!);
      const expected = predictLinear(mlp, standardise(standardiser, features));
      const actual = await model.run(features);
      expect(actual.length).toBe(expected.length);
      for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(expected[k]! - actual[k]!) / Math.max(1, Math.abs(expected[k]!)));
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('ranks every candidate once for an image', async () => {
    const entry = await paramsEntry();
    const { plan, fallback } = await planParams(signal(), { features: typicalFeatures(entry), flatColourGap: Infinity }, 'simple', 0.99, 256, nodeHost);
    expect(fallback).toBeNull();
    expect(plan!.ranked).toHaveLength(entry.candidates.length);
    expect(new Set(plan!.ranked.map((c) => JSON.stringify(c))).size).toBe(entry.candidates.length);
    if (tier2MarginFor(entry.decision, 256) === null) expect(plan!.tier2).toBeNull();
    else expect(entry.candidates).toContainEqual(plan!.tier2);
  });
});

describe('parameter model failures fall back to the presets, and say so', () => {
  const png = () => pngFromSvg(logoSvg(96));

  it('model file missing: MODEL_UNAVAILABLE, and tier 2 still returns an SVG from the class preset', async () => {
    const host = hostWith({ 'models/params.onnx': new Error('ENOENT: no such file') });
    expect(await codeOf(loadParamsModel(host))).toBe('MODEL_UNAVAILABLE');
    const result = await convert(signal(), await png(), { tier: 2, deadlineMs: null }, host); // no deadline: a loaded machine must not fail a fallback test
    expect(result.svg).toContain('<path');
    expect(result).toMatchObject({ class: 'simple', paramSource: 'preset', fallback: { from: 'ai' } });
    expect(result.fallback!.reason).toMatch(/parameter model is unavailable \(MODEL_UNAVAILABLE/);
    const tier3 = await convert(signal(), await png(), { tier: 3, deadlineMs: null }, host);
    expect(tier3).toMatchObject({ fallback: { from: 'ai' }, search: { planned: 8 } });
  });

  it('bytes that differ from the manifest\'s sha256: MODEL_INVALID, and the conversion goes on', async () => {
    const corrupt = await modelBytes();
    corrupt[corrupt.length - 5] ^= 0xff;
    const host = hostWith({ 'models/params.onnx': corrupt });
    expect(await codeOf(loadParamsModel(host))).toBe('MODEL_INVALID');
    const result = await convert(signal(), await png(), { tier: 2, deadlineMs: null }, host); // no deadline: a loaded machine must not fail a fallback test
    expect(result.svg).toContain('<path');
    expect(result.fallback!.reason).toMatch(/MODEL_INVALID: params\.onnx does not match its manifest/);
  });

  it('a model trained on other features: MODEL_INVALID', async () => {
    const m = await manifest();
    const models = m.models.map((e) => (e.name === 'params' ? { ...e, input: { ...e.input, features: [...FEATURE_NAMES].slice(1) } } : e));
    const host = hostWith({ 'models/manifest.json': encode({ ...m, models }) });
    expect(await codeOf(loadParamsModel(host))).toBe('MODEL_INVALID');
  });

  it('an entry with candidates this engine does not know, or the wrong output width: MODEL_INVALID', async () => {
    const entry = await paramsEntry();
    const codeFor = (bad: object): string => {
      try {
        checkParamsEntry({ ...entry, ...bad });
        return 'ok';
      } catch (error) {
        return (error as ConvertError).code;
      }
    };
    expect(codeFor({})).toBe('ok');
    expect(codeFor({ candidates: [] })).toBe('MODEL_INVALID');
    expect(codeFor({ candidates: entry.candidates.map((c, i) => (i ? c : { warp: 9 })) })).toBe('MODEL_INVALID');
    expect(codeFor({ candidates: entry.candidates.map((c, i) => (i ? c : { maxColours: 'many' })) })).toBe('MODEL_INVALID');
    expect(codeFor({ output: { ...entry.output, shape: ['N', 3] } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { margin: 'x', tier2Margins: { 256: null } } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { margin: 0, tier2Margins: { 256: 'y' } } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { margin: 0, tier2Margins: {} } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { margin: 0, tier2Margins: { big: 0 } } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { ...entry.decision, tier2Weights: { 256: -0.1 } } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { ...entry.decision, tier2Weights: { big: 0.1 } } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { ...entry.decision, featureRange: { min: [0], max: [1] } } })).toBe('MODEL_INVALID');
    expect(codeFor({ decision: { ...entry.decision, featureRange: { min: entry.decision.featureRange!.min, max: entry.decision.featureRange!.max.map(() => Number.NaN) } } })).toBe('MODEL_INVALID');
  });

  it('tier 2 follows the decision of the validated input size nearest the image (log scale)', () => {
    const decision = { margin: 0, tier2Margins: { 256: null, 128: 0.5 } };
    expect(tier2MarginFor(decision, 256)).toBeNull();
    expect(tier2MarginFor(decision, 512)).toBeNull();
    expect(tier2MarginFor(decision, 200)).toBeNull(); // log2(256/200) < log2(200/128)
    expect(tier2MarginFor(decision, 170)).toBe(0.5);
    expect(tier2MarginFor(decision, 64)).toBe(0.5);
    expect(tier2MarginFor({ margin: 0, tier2Margins: { 256: 0 } }, 16)).toBe(0);
  });

  it('tier 2 weighs size off target as decided for the nearest input size, else by the constant', () => {
    const decision = { margin: 0, tier2Margins: { 256: 0.2, 128: 0 }, tier2Weights: { 256: 0.1, 128: 0 } };
    expect(tier2WeightFor(decision, 256)).toBe(0.1);
    expect(tier2WeightFor(decision, 100)).toBe(0);
    expect(tier2WeightFor({ margin: 0, tier2Margins: { 256: 0.2 } }, 100)).toBe(TIER2_OFF_TARGET_SIZE_WEIGHT); // older manifests
  });

  it('a small icon gets the model\'s tier-2 parameters where validation says it pays at that size', async () => {
    const entry = await paramsEntry();
    const [small, large] = await Promise.all([
      planParams(signal(), { features: typicalFeatures(entry), flatColourGap: Infinity }, 'complex', 0.975, 96, nodeHost),
      planParams(signal(), { features: typicalFeatures(entry), flatColourGap: Infinity }, 'complex', 0.975, 256, nodeHost),
    ]);
    expect(small.plan!.tier2 === null).toBe(tier2MarginFor(entry.decision, 96) === null);
    expect(large.plan!.tier2 === null).toBe(tier2MarginFor(entry.decision, 256) === null);
    if (small.plan!.tier2) expect(entry.candidates).toContainEqual(small.plan!.tier2);
  });

  it('an image unlike any it was trained on: tier 2 keeps the class preset, tier 3 still gets the ranking', async () => {
    const entry = await paramsEntry();
    const typical = typicalFeatures(entry);
    expect(featureOutsideTraining(entry, typical)).toBeNull();
    const aspect = FEATURE_NAMES.indexOf('aspectLog');
    const { min, max } = entry.decision.featureRange!;
    const banner = Float32Array.from(typical);
    banner[aspect] = max[aspect]! + 1.5 * (max[aspect]! - min[aspect]!); // far wider than any training icon
    expect(featureOutsideTraining(entry, banner)).toBe('aspectLog');
    const justPast = Float32Array.from(typical);
    justPast[aspect] = max[aspect]! + 0.5 * (max[aspect]! - min[aspect]!); // within the slack
    expect(featureOutsideTraining(entry, justPast)).toBeNull();
    const { plan, fallback } = await planParams(signal(), { features: banner, flatColourGap: Infinity }, 'simple', 0.99, 256, nodeHost);
    expect(fallback).toBeNull();
    expect(plan!.tier2).toBeNull();
    expect(plan!.ranked).toHaveLength(entry.candidates.length);
    expect(featureOutsideTraining({ ...entry, decision: { ...entry.decision, featureRange: undefined } }, banner)).toBeNull(); // older manifests: no guard
  });

  it('a model that throws when run: the plan falls back instead of failing', async () => {
    const model = await loadParamsModel(nodeHost);
    const run = model.run;
    model.run = () => Promise.reject(new Error('injected inference failure'));
    try {
      const { plan, fallback } = await planParams(signal(), { features: new Float32Array(FEATURE_COUNT), flatColourGap: Infinity }, 'text', 0.985, 256, nodeHost);
      expect(plan).toBeNull();
      expect(fallback).toMatchObject({ from: 'ai' });
      expect(fallback!.reason).toContain('injected inference failure');
    } finally {
      model.run = run;
    }
  });
});

describe('tiers with the parameter model', () => {
  it('tier 2 records who chose its parameters; tier 3 (model-ranked) is never worse than tier 2', async () => {
    const png = await pngFromSvg(logoSvg(96));
    const entry = await paramsEntry();
    const tier2 = await convert(signal(), png, { tier: 2 }, nodeHost);
    expect(tier2.fallback).toBeNull();
    expect(tier2.paramSource).toBe(tier2MarginFor(entry.decision, Math.max(tier2.workWidth, tier2.workHeight)) === null ? 'preset' : 'model');
    const tier3 = await convert(signal(), png, { tier: 3 }, nodeHost);
    expect(tier3.search).toMatchObject({ planned: 8, tried: 8 });
    const [q2, q3] = [tier2.quality!.ssim, tier3.quality!.ssim];
    expect(q3 >= q2 || (q3 >= tier3.search!.target && tier3.bytes <= tier2.bytes)).toBe(true);
    const tier1 = await convert(signal(), png, { tier: 1 }, nodeHost);
    expect(tier1.paramSource).toBe('plain');
  });
});
