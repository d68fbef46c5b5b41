// First import: wraps WebAssembly.Memory before wasm-vips can create its heap.
import { countJob, workerMemory } from './wasmMemoryProbe';
import * as Comlink from 'comlink';
import { decodeInput, prepareDecoder, type ConvertOptions, type DecodedImage } from '../core';
import { browserHost } from './browserHost';
import { toWorkerFailure } from './failure';
import { startupMark } from '../core/monitor/startupMark';
import { startupMarks } from './startupMarks';

startupMark('decode-script'); // this module and its imports are parsed and run

/**
 * The one worker that holds wasm-vips (~270 MB reserved, 6 pthreads): every file is decoded
 * here and its raster handed back to the page, which passes it on to a light trace worker.
 * One call at a time (the pool guarantees it); cancelling means terminating this worker.
 */
const api = {
  /** Starts wasm-vips (seconds when cold) and warms it up: the page waits for this before a
   * file's deadline runs. */
  ready: (): Promise<void> => prepareDecoder(browserHost, { warmUp: true }).catch((error: unknown) => {
    throw toWorkerFailure(error);
  }),
  async decode(bytes: Uint8Array, options: Partial<ConvertOptions>): Promise<DecodedImage> {
    try {
      // The signal never fires here: a hard stop is `worker.terminate()` by the pool.
      const decoded = await decodeInput(new AbortController().signal, bytes, options, browserHost);
      // Moved, not copied: the page holds it only until a trace worker is free to take it.
      return Comlink.transfer(decoded, [decoded.raster.data.buffer]);
    } catch (error) {
      throw toWorkerFailure(error);
    } finally {
      countJob();
    }
  },
  memory: workerMemory,
  startupMarks,
};

export type DecodeWorkerApi = typeof api;

Comlink.expose(api);
