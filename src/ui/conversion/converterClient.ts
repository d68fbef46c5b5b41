import * as Comlink from 'comlink';
import type { ConvertOptions, ConvertResult, ErrorCode } from '../../core';
import type { WorkerApi } from '../../worker/api';
import type { WorkerFailure } from '../../worker/protocol';

/** A failed conversion on the UI side: the worker's stable `code` plus its message. */
export class ConversionFailed extends Error {
  override readonly name = 'ConversionFailed';
  constructor(
    readonly code: ErrorCode | 'WORKER_CRASHED',
    message: string,
  ) {
    super(message);
  }
}

export interface ConverterClient {
  /** Converts one image. The bytes' buffer is transferred (the caller's copy becomes empty).
   * Aborting terminates the worker (running wasm cannot be interrupted) and rejects with the
   * signal's reason. */
  convert(signal: AbortSignal, bytes: Uint8Array, options: Partial<ConvertOptions>): Promise<ConvertResult>;
  dispose(): void;
}

/**
 * One lazily started conversion worker. Calls are not queued here: the caller converts one file
 * after another (a pool comes later). The worker is replaced after an abort or a crash.
 */
export function createConverterClient(): ConverterClient {
  let worker: Worker | null = null;
  let remote: Comlink.Remote<WorkerApi> | null = null;

  const start = (): { worker: Worker; remote: Comlink.Remote<WorkerApi> } => {
    if (!worker || !remote) {
      worker = new Worker(new URL('../../worker/api.ts', import.meta.url), { type: 'module', name: 'tracewise-convert' });
      remote = Comlink.wrap<WorkerApi>(worker);
    }
    return { worker, remote };
  };
  const stop = (): void => {
    remote?.[Comlink.releaseProxy]();
    worker?.terminate();
    worker = null;
    remote = null;
  };

  return {
    async convert(signal, bytes, options) {
      signal.throwIfAborted();
      const current = start();
      const settled = new AbortController(); // removes this call's listeners when it ends
      const crashed = new Promise<never>((_, reject) => {
        const onError = (event: ErrorEvent): void =>
          reject(new ConversionFailed('WORKER_CRASHED', event.message || 'The conversion worker crashed.'));
        current.worker.addEventListener('error', onError, { signal: settled.signal });
      });
      const aborted = new Promise<never>((_, reject) => {
        // Stop synchronously: the next job may start before this call's promise settles.
        const onAbort = (): void => {
          stop();
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { signal: settled.signal });
      });
      const call = current.remote.convert(Comlink.transfer(bytes, [bytes.buffer]), options).catch((error: unknown) => {
        throw isWorkerFailure(error) ? new ConversionFailed(error.code, error.message) : error;
      });
      try {
        return await Promise.race([call, crashed, aborted]);
      } catch (error) {
        // After a crash or an unexpected rejection the worker's state is unknown.
        const clean = error instanceof ConversionFailed && error.code !== 'WORKER_CRASHED';
        if (!clean && !signal.aborted) stop();
        throw error;
      } finally {
        settled.abort();
      }
    },
    dispose: stop,
  };
}

function isWorkerFailure(value: unknown): value is WorkerFailure {
  if (!value || typeof value !== 'object') return false;
  const { code, message } = value as Partial<WorkerFailure>;
  return typeof code === 'string' && typeof message === 'string';
}
