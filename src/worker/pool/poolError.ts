/**
 * Why the pool itself (not the worker's code) ended a job. Plain `{code, message}` data like the
 * workers' own failures, so callers handle both the same way. These codes live here, not in
 * `src/core/errors.ts`: a crashed worker is a browser-side event the portable core never sees.
 */
export type PoolErrorCode = 'ABORTED' | 'TIMEOUT' | 'WORKER_CRASHED';

export class PoolError extends Error {
  override readonly name = 'PoolError';
  constructor(
    readonly code: PoolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The error a job rejects with when its signal fires: the signal's reason if that is already a
 * PoolError (the pool's own deadline uses one), else ABORTED. */
export function abortReason(signal: AbortSignal): PoolError {
  const reason: unknown = signal.reason;
  return reason instanceof PoolError ? reason : new PoolError('ABORTED', 'The conversion was cancelled.');
}

/** A structured failure thrown by the worker's own code (`{code, message}` plain data). The
 * worker handled it, so its state is known-good and it can take the next job. */
export function isCleanFailure(error: unknown): error is { code: string; message: string } {
  if (!error || typeof error !== 'object' || error instanceof PoolError) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}
