// First import: wraps WebAssembly.instantiate before resvg-wasm is loaded.
import { countJob, workerMemory } from './wasmMemoryProbe';
import * as Comlink from 'comlink';
import { convertDecoded, prepareTracer, releaseModels, type ConvertOptions, type ConvertResult, type DecodedImage } from '../core';
import { browserHost } from './browserHost';
import { toWorkerFailure } from './failure';
import { injectFault } from './fault';
import { modelLoads } from './modelCache';
import type { Fault } from './protocol';
import { startupMark } from '../core/monitor/startupMark';
import { startupMarks } from './startupMarks';

startupMark('trace-script'); // this module and its imports are parsed and run

/**
 * A light worker: trace, optimise and measure an already decoded raster (resvg-wasm only, a few
 * MB; wasm-vips is never started here). The pool runs several of these beside one decode worker.
 */
const api = {
  async trace(decoded: DecodedImage, options: Partial<ConvertOptions>, fault: Fault | null = null): Promise<ConvertResult> {
    fileArrived = true;
    // A warm-up conversion already begun ends first (two conversions never interleave here).
    await warmedUp;
    if (fault) return injectFault(fault);
    try {
      return await convertDecoded(new AbortController().signal, decoded, options, browserHost);
    } catch (error) {
      throw toWorkerFailure(error);
    } finally {
      countJob();
    }
  },
  memory: workerMemory,
  /** Before the pool ends an idle worker: its ONNX sessions (and their wasm memory) released. */
  retire: (): Promise<void> => releaseModels(),
  /** Resolves once this worker's start-up is over, so the page can start a file's deadline after
   * it. Never rejects (a part that cannot start is the conversion's own fallback). `forFile`: the
   * page holds a file for this worker, so no warm-up conversion is started ahead of it. */
  ready: (forFile = false): Promise<void> => {
    fileArrived ||= forFile;
    return startUp;
  },
  /** Recent model-file loads in this worker: IndexedDB cache hit or network, and their times. */
  modelLoads: () => [...modelLoads],
  startupMarks,
};

export type TraceWorkerApi = typeof api;

// Started as soon as the pool starts this worker; the page awaits `ready()` before a file's
// deadline runs. The models even at tier 1 (their onnxruntime start-up would otherwise run on
// this worker's one thread beside the timed work). One ONNX session per model per worker,
// 1 thread; released by `retire()` before the pool ends an idle worker.
const startUp = prepareTracer(browserHost).catch(() => {});

// Then, while no file has been announced (`ready(true)`, `trace`), warm-up conversions at tiers
// 1 and 2 (the JIT compiles the tracer, svgo, the renderer and the SSIM before a file's deadline
// runs). Not part of `ready()`: a file that is already waiting (the cold start: a file dropped as
// the page opens) would only wait longer for them, and compiles the same code itself.
let fileArrived = false;
const warmedUp = startUp.then(() => prepareTracer(browserHost, { warmUp: true, skipWarmUp: () => fileArrived })).catch(() => {});

Comlink.expose(api);
