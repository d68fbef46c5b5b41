import type { ErrorCode } from '../core';

/**
 * What a failed conversion looks like after crossing the worker boundary. Comlink re-creates
 * thrown Errors as plain `Error`s (class and `code` lost), so the worker throws this plain,
 * structured-cloneable object instead.
 */
export interface WorkerFailure {
  code: ErrorCode;
  message: string;
}

/** A worker's own, instant view of its memory (the page-wide measurement can take a minute). */
export interface WorkerMemory {
  /** Sum of the current sizes of the WebAssembly.Memory objects this worker created or
   * instantiated (wasm-vips' shared heap, resvg's heap). */
  wasmBytes: number;
  /** `performance.memory.usedJSHeapSize` where the browser exposes it in workers, else null. */
  jsHeapBytes: number | null;
  /** Jobs this worker has finished since it started. */
  jobs: number;
}

/**
 * Test-only faults, injected by the page (`?fault=…`, see src/ui/conversion/settings.ts) into
 * one job: `crash` traps in wasm outside any call (the worker's `error` event fires, as for a
 * real trap or OOM); `hang` spins forever (only the pool's deadline ends it).
 */
export type Fault = 'crash' | 'hang';
