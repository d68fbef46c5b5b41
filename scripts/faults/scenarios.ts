// The fault table. Each entry is one fault: what breaks, through which seam, and what share of
// the inputs should still come out as an SVG if every fallback that ought to exist works. A new
// fault (e.g. another model file, another asset) is one entry here.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ConvertOptions, Host } from '../../src/core';
import { FEATURE_NAMES } from '../../src/core';
import { createMlp } from '../train/mlp';
import { mlpToOnnx } from '../train/onnxExport';
import { mulberry32 } from '../train/prng';
import { MARKER_WIDTH } from './corpus';
import { engineFaults, faultyHost, injectEngineFault } from './inject';

export interface ScenarioSetup {
  host: Host;
  restore?: () => void;
}

export interface CoreScenario {
  kind: 'core';
  id: string;
  /** What is broken, in a phrase. */
  fault: string;
  /** Share of inputs that should still give an SVG when the fallbacks that ought to exist work. */
  expectSvg: number;
  /** Share that should still be classified by the model (when the fault leaves it reachable). */
  expectClassified?: number;
  why: string;
  options?: Partial<ConvertOptions>;
  /** A conversion not settled after this long counts as hung (never ended). */
  watchdogMs?: number;
  /** Run the conversions at once (a stall must not cost one watchdog per file). */
  concurrent?: boolean;
  setup(base: Host): ScenarioSetup | Promise<ScenarioSetup>;
}

/** Faults in the CLI's worker pool: the conversions run in worker_threads. */
export interface CliScenario {
  kind: 'cli';
  id: string;
  fault: string;
  expectSvg: number;
  why: string;
  /** Extra damaged inputs added to the corpus (to exhaust the decoder). */
  extraBadInputs?: number;
  /** Worker bootstrap (relative to this folder) with the fault installed, or null for the real one. */
  workerEntry: string | null;
  hardTimeoutMs: number;
  recycleAfterFailures?: number;
}

export type Scenario = CoreScenario | CliScenario;

const passThrough = (base: Host): ScenarioSetup => ({ host: base });
const withEngine = (engineId: string, fault: Parameters<typeof injectEngineFault>[1]) => (base: Host): ScenarioSetup => ({
  host: base,
  restore: injectEngineFault(engineId, fault),
});

export const SCENARIOS: Scenario[] = [
  { kind: 'core', id: 'baseline', fault: 'none (control)', expectSvg: 1, expectClassified: 1, why: 'nothing is broken', setup: passThrough },
  {
    kind: 'core',
    id: 'tracer-rejects',
    fault: 'tracewise.trace rejects',
    expectSvg: 1,
    why: 'imagetracer is the fallback engine',
    setup: withEngine('tracewise', engineFaults.rejects()),
  },
  {
    kind: 'core',
    id: 'tracer-throws-sync',
    fault: 'tracewise.trace throws synchronously',
    expectSvg: 1,
    why: 'imagetracer is the fallback engine',
    setup: withEngine('tracewise', engineFaults.throwsSync()),
  },
  {
    kind: 'core',
    id: 'tracer-junk-output',
    fault: 'tracewise.trace resolves with a non-SVG string',
    expectSvg: 1,
    why: 'unusable output is an engine failure: imagetracer should take over',
    setup: withEngine('tracewise', engineFaults.returns('<g><path d="M0 0h1"/></g>')),
  },
  {
    kind: 'core',
    id: 'both-engines-fail',
    fault: 'tracewise and imagetracer both reject',
    expectSvg: 0,
    why: 'no engine left: ENGINE_FAILED',
    setup: (base) => {
      const restoreA = injectEngineFault('tracewise', engineFaults.rejects());
      const restoreB = injectEngineFault('imagetracer', engineFaults.rejects('injected fallback failure'));
      return { host: base, restore: () => (restoreA(), restoreB()) };
    },
  },
  {
    kind: 'core',
    id: 'renderer-404',
    fault: 'Host.loadAsset(resvg.wasm) rejects (HTTP 404)',
    expectSvg: 1,
    why: 'the renderer only measures quality; the traced SVG needs no renderer (quality: null)',
    setup: (base) => ({ host: faultyHost(base, { 'resvg.wasm': { kind: 'reject', message: 'Could not load resvg.wasm: HTTP 404.' } }) }),
  },
  {
    kind: 'core',
    id: 'renderer-corrupt',
    fault: 'Host.loadAsset(resvg.wasm) returns corrupt bytes',
    expectSvg: 1,
    why: 'as renderer-404',
    setup: (base) => ({ host: faultyHost(base, { 'resvg.wasm': { kind: 'corrupt' } }) }),
  },
  {
    kind: 'core',
    id: 'renderer-transient',
    fault: 'Host.loadAsset(resvg.wasm) fails its first 3 loads, then works',
    expectSvg: 1,
    why: 'a failed load is not cached: later conversions retry and succeed (earlier ones need no renderer either)',
    setup: (base) => ({ host: faultyHost(base, { 'resvg.wasm': { kind: 'failFirst', count: 3, message: 'network error' } }) }),
  },
  {
    kind: 'core',
    id: 'renderer-stalls',
    fault: 'Host.loadAsset(resvg.wasm) never settles',
    expectSvg: 1,
    why: 'a stalled load should time out like wasm-vips start-up does (INIT_TIMEOUT_MS), then as renderer-404',
    watchdogMs: 20_000,
    concurrent: true,
    setup: (base) => ({ host: faultyHost(base, { 'resvg.wasm': { kind: 'stall' } }) }),
  },
  {
    kind: 'core',
    id: 'deadline-tier2',
    fault: 'tracer 3× slower than a 300 ms deadline (tier 2)',
    expectSvg: 1,
    why: 'a trace begun in time is returned when it ends late, marked (fallback from "deadline")',
    options: { tier: 2, deadlineMs: 300 },
    setup: withEngine('tracewise', engineFaults.slow(900)),
  },
  {
    kind: 'core',
    id: 'deadline-tier3',
    fault: 'each tracer call takes 500 ms, 2,000 ms deadline (tier 3: 8 candidates planned)',
    expectSvg: 1,
    why: 'tier 3 returns its best candidate so far once the deadline passes',
    options: { tier: 3, deadlineMs: 2000 },
    setup: withEngine('tracewise', engineFaults.slow(500)),
  },
  {
    kind: 'core',
    id: 'model-404',
    fault: 'Host.loadModelAsset(models/classifier.onnx) rejects (HTTP 404)',
    expectSvg: 1,
    why: 'tiers 2–3 fall back to tracing without AI (fallback from "ai")',
    setup: (base) => ({ host: faultyHost(base, { 'models/classifier.onnx': { kind: 'reject', message: 'HTTP 404' } }) }),
  },
  {
    kind: 'core',
    id: 'model-corrupt',
    fault: 'classifier.onnx bytes corrupted (sha256 mismatch)',
    expectSvg: 1,
    why: 'MODEL_INVALID → traced without AI',
    setup: (base) => ({ host: faultyHost(base, { 'models/classifier.onnx': { kind: 'corrupt' } }) }),
  },
  {
    kind: 'core',
    id: 'manifest-garbage',
    fault: 'models/manifest.json is not JSON',
    expectSvg: 1,
    why: 'MODEL_INVALID → traced without AI',
    setup: (base) => ({ host: faultyHost(base, { 'models/manifest.json': { kind: 'replace', bytes: new TextEncoder().encode('{"schema": 1, "mod') } }) }),
  },
  {
    kind: 'core',
    id: 'model-inference-throws',
    fault: 'a model that loads and matches its manifest but whose run() throws (input width 48 ≠ 47 features)',
    expectSvg: 1,
    why: 'an inference error is a classifier failure → traced without AI',
    setup: async (base) => ({ host: faultyHost(base, await mismatchedModel()) }),
  },
  {
    kind: 'core',
    id: 'model-stalls',
    fault: 'Host.loadModelAsset(models/classifier.onnx) never settles',
    expectSvg: 1,
    why: 'a stalled model load should time out into the no-AI fallback',
    watchdogMs: 20_000,
    concurrent: true,
    setup: (base) => ({ host: faultyHost(base, { 'models/classifier.onnx': { kind: 'stall' } }) }),
  },
  {
    kind: 'cli',
    id: 'cli-worker-spins',
    fault: `tracer spins forever on ${MARKER_WIDTH}-px images (1 in 5) in the CLI's worker_threads`,
    expectSvg: 0.8,
    why: 'the pool\'s hard limit stops the stuck worker (TIMEOUT) and the batch goes on',
    workerEntry: './spinningConvertWorker.bootstrap.mjs',
    hardTimeoutMs: 15_000,
  },
  {
    kind: 'cli',
    id: 'cli-many-bad-files',
    fault: '12,000 damaged PNGs before the real files (2 CLI workers, ~6,000 failures each)',
    expectSvg: 1,
    why: 'one wasm-vips instance degrades after ~5,000 failed decodes (deadlock, or every later decode failing); the CLI recycles a worker after 1,000 failures',
    extraBadInputs: 12_000,
    workerEntry: null,
    hardTimeoutMs: 10_000,
  },
  {
    kind: 'cli',
    id: 'cli-many-bad-files-no-recycle',
    fault: 'as cli-many-bad-files, worker recycling off (control: shows the wasm-vips defect)',
    expectSvg: 1,
    why: 'the real files should convert; without recycling the workers\' vips instances are past ~6,000 failures, then deadlock (the hard limit answers TIMEOUT) or fail every decode ("operation does not support unaligned accesses")',
    extraBadInputs: 12_000,
    workerEntry: null,
    hardTimeoutMs: 10_000,
    recycleAfterFailures: Number.POSITIVE_INFINITY,
  },
];

/**
 * Manifest + model pair that passes every load-time check (bytes, sha256, names, feature list)
 * but whose graph takes 48 inputs, so every run() throws: "inference fails" through the Host alone.
 */
async function mismatchedModel(): Promise<Record<string, { kind: 'replace'; bytes: Uint8Array }>> {
  const width = FEATURE_NAMES.length + 1;
  const model = mlpToOnnx({
    mlp: createMlp([width, 8, 4], mulberry32(1)),
    standardiser: { mean: new Float64Array(width), std: new Float64Array(width).fill(1) },
    featureNames: [...FEATURE_NAMES, 'extra'],
    classes: ['simple', 'text', 'gradient', 'complex'],
    version: 'fault-0',
  });
  const manifest = JSON.parse(await readFile(new URL('../../public/models/manifest.json', import.meta.url), 'utf8'));
  const entry = manifest.models.find((m: { name: string }) => m.name === 'classifier');
  Object.assign(entry, { bytes: model.length, sha256: createHash('sha256').update(model).digest('hex') });
  return {
    'models/manifest.json': { kind: 'replace', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
    'models/classifier.onnx': { kind: 'replace', bytes: model },
  };
}

