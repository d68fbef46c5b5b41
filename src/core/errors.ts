/** Stable error codes: scripts, the CLI's --json output and the UI's hints key on these. */
export const ERROR_CODES = [
  'INVALID_IMAGE',
  'UNSUPPORTED_FORMAT',
  'TOO_LARGE',
  'EMPTY_IMAGE',
  'TIMEOUT',
  'ABORTED',
  'ENGINE_FAILED',
  'INTERNAL',
  'BAD_OPTIONS',
  'FILE_UNREADABLE',
  // The classifier model is missing or cannot start / its bytes fail the manifest's checks.
  'MODEL_UNAVAILABLE',
  'MODEL_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ConvertError extends Error {
  override readonly name = 'ConvertError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Plain data for postMessage / JSON, where class identity is lost. */
  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into a ConvertError, keeping codes that are already known. */
export function toConvertError(error: unknown): ConvertError {
  if (error instanceof ConvertError) return error;
  if (isAbortError(error)) return new ConvertError('ABORTED', 'The conversion was cancelled.', { cause: error });
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (isErrorCode(code)) return new ConvertError(code, String(message ?? code), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConvertError('INTERNAL', `Unexpected failure: ${message}`, { cause: error });
}

function isAbortError(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { name?: unknown }).name === 'AbortError';
}
