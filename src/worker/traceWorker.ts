// First import: wraps WebAssembly.instantiate before resvg-wasm is loaded.
import { countJob, workerMemory } from './wasmMemoryProbe';
import * as Comlink from 'comlink';
import { convertDecoded, prepareTracer, type ConvertOptions, type ConvertResult, type DecodedImage } from '../core';
import { browserHost } from './browserHost';
import { toWorkerFailure } from './failure';
import { injectFault } from './fault';
import { modelLoads } from './modelCache';
import type { Fault } from './protocol';

// Preload as soon as the pool starts this worker (never blocks a job: a job that arrives first
// simply awaits the same memoised loads). One ONNX session per worker, 1 thread; it goes with
// the worker when the pool terminates it (idle, recycled, crashed), wasm memory and all.
void prepareTracer(browserHost).catch(() => undefined);

/**
 * A light worker: trace, optimise and measure an already decoded raster (resvg-wasm only, a few
 * MB; wasm-vips is never started here). The pool runs several of these beside one decode worker.
 */
const api = {
  async trace(decoded: DecodedImage, options: Partial<ConvertOptions>, fault: Fault | null = null): Promise<ConvertResult> {
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
  /** Recent model-file loads in this worker: IndexedDB cache hit or network, and their times. */
  modelLoads: () => [...modelLoads],
};

export type TraceWorkerApi = typeof api;

Comlink.expose(api);
