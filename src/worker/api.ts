import * as Comlink from 'comlink';
import { convert, toConvertError, type ConvertOptions, type ConvertResult } from '../core';
import { browserHost } from './browserHost';
import type { WorkerFailure } from './protocol';

/**
 * The conversion worker's API. One conversion at a time per worker: the core's wasm stages are
 * synchronous, so cancelling means terminating this worker (the client does that).
 */
const api = {
  async convert(bytes: Uint8Array, options: Partial<ConvertOptions>): Promise<ConvertResult> {
    try {
      // The signal never fires here: a hard stop is `worker.terminate()` on the client side.
      return await convert(new AbortController().signal, bytes, options, browserHost);
    } catch (error) {
      const { code, message } = toConvertError(error);
      const failure: WorkerFailure = { code, message };
      throw failure;
    }
  },
};

export type WorkerApi = typeof api;

Comlink.expose(api);
