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
