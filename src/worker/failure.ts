import { toConvertError } from '../core';
import type { WorkerFailure } from './protocol';

/** Anything a worker call throws becomes plain `{code, message}` data (see protocol.ts). */
export function toWorkerFailure(error: unknown): WorkerFailure {
  const { code, message } = toConvertError(error);
  return { code, message };
}
