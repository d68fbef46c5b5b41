import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { classifyByRules, classifyLogo, classifyLogoByRules, disposeClassifier, loadClassifier, readModelEntry, sha256Hex } from '../../src/core/classify';
import type { ModelManifest } from '../../src/core/classify';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { ConvertError } from '../../src/core/errors';
import { extractFeatures, FEATURE_COUNT, FEATURE_NAMES } from '../../src/core/features';
import type { LogoClass, Raster } from '../../src/core/types';
import { predictEnsemble } from '../../scripts/train/mlp';
import { onnxToMlp } from '../../scripts/train/onnxExport';
import { mulberry32 } from '../../scripts/train/prng';
import { standardise } from '../../scripts/train/train';
import { logoSvg, pngFromSvg } from './fixtures';
import { hostWith } from './modelHosts';

const MODELS = new URL('../../public/models/', import.meta.url);
const FIXTURES = new URL('../fixtures/classifier/', import.meta.url);
/** The committed fixtures are 64 px (30 KB budget), the hardest size the model handles. The model
 * trained on 4,022 extra icons gets 6 of 8 (its two misses, noto-drooling-face and
 * noto-downwards-button, are validation images every model so far also missed at 256 px; on all 55
 * validation images at 64 px it scores 47, like the model before it, which got 7 of these 8).
 * Chance is 2 of 8: a floor of 6 still catches a broken model or feature drift. */
const FIXTURE_FLOOR = 6 / 8;

const modelBytes = () => readFile(new URL('classifier.onnx', MODELS)).then((b) => new Uint8Array(b));
const manifestBytes = () => readFile(new URL('manifest.json', MODELS)).then((b) => new Uint8Array(b));


async function errorOf(promise: Promise<unknown>): Promise<ConvertError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConvertError);
  return error as ConvertError;
}

async function decode(bytes: Uint8Array): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), bytes, { maxSide: 1024, maxPixels: 4e7 }).raster;
}

afterEach(disposeClassifier);

describe('the committed model', () => {
  it('matches its manifest entry and this build\'s features', async () => {
    const [bytes, manifest] = [await modelBytes(), JSON.parse(new TextDecoder().decode(await manifestBytes())) as ModelManifest];
    const entry = manifest.models.find((m) => m.name === 'classifier')!;
    expect(entry.bytes).toBe(bytes.length);
    expect(entry.sha256).toBe(await sha256Hex(bytes));
    expect(entry.input.features).toEqual([...FEATURE_NAMES]);
    expect(entry.input.shape).toEqual(['N', FEATURE_COUNT]);
    expect(entry.classes).toEqual(['simple', 'text', 'gradient', 'complex']);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(entry.metrics).toBeDefined();
    expect(entry.baseline).toBeDefined();
  });

  it('runs in onnxruntime-web like the TypeScript reference of its own weights (1e-5)', async () => {
    const { members, standardiser } = onnxToMlp(await modelBytes());
    const classifier = await loadClassifier(nodeHost);
    const rng = mulberry32(5);
    let worst = 0;
    for (let n = 0; n < 25; n++) {
      const features = Float32Array.from({ length: FEATURE_COUNT }, (_, i) => standardiser.mean[i]! + (rng() * 2 - 1) * 3 * standardiser.std[i]!);
      const expected = predictEnsemble(members, standardise(standardiser, features));
      const actual = await classifier.run(features);
      for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(expected[c]! - actual[c]!));
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it(`classifies the committed validation fixtures at least ${FIXTURE_FLOOR * 100}% right`, async () => {
    const { labels } = JSON.parse(await readFile(new URL('labels.json', FIXTURES), 'utf8')) as { labels: Record<string, LogoClass> };
    let correct = 0;
    const wrong: string[] = [];
    for (const [file, label] of Object.entries(labels)) {
      const result = await classifyLogo(undefined, await decode(new Uint8Array(await readFile(new URL(file, FIXTURES)))), nodeHost);
      const sum = Object.values(result.probabilities).reduce((s, p) => s + p, 0);
      expect(sum).toBeCloseTo(1, 5);
      expect(result.confidence).toBe(Math.max(...Object.values(result.probabilities)));
      expect(result.source).toBe('model');
      if (result.class === label) correct++;
      else wrong.push(`${file}: ${label} → ${result.class}`);
    }
    console.log(`fixtures: ${correct}/${Object.keys(labels).length} right${wrong.length ? `; wrong: ${wrong.join(', ')}` : ''}`);
    expect(correct / Object.keys(labels).length).toBeGreaterThanOrEqual(FIXTURE_FLOOR);
  });
});

describe('classifyLogo', () => {
  it('reports class, confidence, probabilities and timings', async () => {
    const raster = await decode(await pngFromSvg(logoSvg(256)));
    const result = await classifyLogo(new AbortController().signal, raster, nodeHost);
    expect(result.class).toBe('simple');
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(Object.keys(result.probabilities).sort()).toEqual(['complex', 'gradient', 'simple', 'text']);
    expect(result.ms).toBeGreaterThanOrEqual(result.featureMs + result.inferenceMs - 1e-6);
  });

  it('stops before work when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const raster: Raster = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    await expect(classifyLogo(controller.signal, raster, nodeHost)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('loads one session per realm, and again after disposeClassifier', async () => {
    const a = loadClassifier(nodeHost);
    expect(loadClassifier(nodeHost)).toBe(a);
    await a;
    await disposeClassifier();
    const b = loadClassifier(nodeHost);
    expect(b).not.toBe(a);
    const features = new Float32Array(FEATURE_COUNT);
    expect((await (await b).run(features)).length).toBe(4);
  });

  it('serves overlapping runs one after another', async () => {
    const classifier = await loadClassifier(nodeHost);
    const outputs = await Promise.all([0, 1, 2].map((k) => classifier.run(new Float32Array(FEATURE_COUNT).fill(k * 0.1))));
    expect(outputs.every((o) => o.length === 4)).toBe(true);
  });
});

describe('model integrity and availability', () => {
  it('refuses a model whose bytes differ from the manifest (MODEL_INVALID)', async () => {
    const corrupt = await modelBytes();
    corrupt[corrupt.length - 10] ^= 0xff;
    const error = await errorOf(loadClassifier(hostWith({ 'models/classifier.onnx': corrupt })));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/does not match its manifest/);
  });

  it('refuses a truncated model (MODEL_INVALID), and does not cache the failure', async () => {
    const truncated = (await modelBytes()).subarray(0, 100);
    expect((await errorOf(loadClassifier(hostWith({ 'models/classifier.onnx': truncated })))).code).toBe('MODEL_INVALID');
    await expect(loadClassifier(nodeHost)).resolves.toBeDefined();
  });

  it('reports a host without models, or a failing read, as MODEL_UNAVAILABLE', async () => {
    const { loadModelAsset: _, ...withoutModels } = nodeHost;
    expect((await errorOf(loadClassifier(withoutModels))).code).toBe('MODEL_UNAVAILABLE');
    const failing = hostWith({ 'models/manifest.json': new Error('ENOENT') });
    const error = await errorOf(classifyLogo(undefined, { width: 1, height: 1, data: new Uint8ClampedArray(4) }, failing));
    expect(error.code).toBe('MODEL_UNAVAILABLE');
    expect(error.message).toContain('ENOENT');
  });

  it('reports bytes the runtime cannot open as MODEL_UNAVAILABLE', async () => {
    const junk = new TextEncoder().encode('not an onnx model');
    const manifest = JSON.parse(new TextDecoder().decode(await manifestBytes())) as ModelManifest;
    manifest.models[0] = { ...manifest.models[0]!, bytes: junk.length, sha256: await sha256Hex(junk) };
    const host = hostWith({ 'models/classifier.onnx': junk, 'models/manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) });
    expect((await errorOf(loadClassifier(host))).code).toBe('MODEL_UNAVAILABLE');
  });
});

describe('readModelEntry', () => {
  const good = async (): Promise<ModelManifest> => JSON.parse(new TextDecoder().decode(await manifestBytes())) as ModelManifest;
  const encode = (m: unknown) => new TextEncoder().encode(JSON.stringify(m));
  const codeOf = (bytes: Uint8Array, name = 'classifier'): string => {
    try {
      readModelEntry(bytes, name);
      return 'ok';
    } catch (error) {
      return (error as ConvertError).code;
    }
  };

  it('accepts the committed manifest', async () => {
    expect(codeOf(encode(await good()))).toBe('ok');
  });

  it('refuses bad JSON, a missing model, other features, unknown classes and a bad digest', async () => {
    const m = await good();
    const entry = m.models[0]!;
    expect(codeOf(new TextEncoder().encode('{'))).toBe('MODEL_INVALID');
    expect(codeOf(encode(m), 'detector')).toBe('MODEL_INVALID');
    expect(codeOf(encode({ ...m, models: [{ ...entry, input: { ...entry.input, features: [...FEATURE_NAMES].reverse() } }] }))).toBe('MODEL_INVALID');
    expect(codeOf(encode({ ...m, models: [{ ...entry, classes: ['simple', 'photo'] }] }))).toBe('MODEL_INVALID');
    expect(codeOf(encode({ ...m, models: [{ ...entry, sha256: 'abc' }] }))).toBe('MODEL_INVALID');
  });

  it('refuses a manifest pointing at another file', async () => {
    const m = await good();
    const host = hostWith({ 'models/manifest.json': encode({ ...m, models: [{ ...m.models[0]!, file: 'other.onnx' }] }) });
    expect((await errorOf(loadClassifier(host))).code).toBe('MODEL_INVALID');
  });
});

describe('rule-based baseline', () => {
  it('needs no model and returns the same shape', async () => {
    const raster = await decode(await pngFromSvg(logoSvg(256)));
    const result = classifyLogoByRules(raster);
    expect(result).toMatchObject({ class: 'simple', confidence: 1, source: 'rules', inferenceMs: 0 });
    expect(result.probabilities.simple).toBe(1);
    expect(classifyByRules(extractFeatures(raster))).toBe('simple');
  });

  it('calls a blank image simple and a busy one complex', () => {
    const blank = new Float32Array(FEATURE_COUNT);
    expect(classifyByRules(blank)).toBe('simple');
    const busy = new Float32Array(FEATURE_COUNT);
    busy[FEATURE_NAMES.indexOf('flatColoursLog')] = Math.log2(1 + 12);
    expect(classifyByRules(busy)).toBe('complex');
  });

  it('judges small inputs by smooth neighbourhoods and the coarse palette', () => {
    const small = new Float32Array(FEATURE_COUNT);
    small[FEATURE_NAMES.indexOf('workSideLog')] = -1;
    small[FEATURE_NAMES.indexOf('smoothBlocksLog')] = Math.log2(1 + 500); // blurred edges, not shading
    expect(classifyByRules(small)).toBe('simple');
    small[FEATURE_NAMES.indexOf('smoothCoherence')] = 0.8;
    expect(classifyByRules(small)).toBe('gradient');
  });
});
