import { ConvertError, ERROR_CODES, type ConvertResult } from '../../src/core';

/** How one conversion under a fault ended. */
export interface Outcome {
  file: string;
  /** An SVG came out. */
  ok: boolean;
  /** Ended with a result or a coded error before the watchdog (false: hung). */
  ended: boolean;
  code: string | null;
  message: string | null;
  fallbackFrom: string | null;
  classified: boolean;
  ms: number;
  /** Set when the failure was not a ConvertError with a known code (a contract breach). */
  breach: string | null;
  /** A filler input (e.g. one of thousands of damaged files), counted apart from the corpus. */
  extra?: boolean;
}

export function fromResult(file: string, result: ConvertResult, ms: number): Outcome {
  return { file, ok: true, ended: true, code: null, message: null, fallbackFrom: result.fallback?.from ?? null, classified: result.class !== null, ms, breach: null };
}

export function fromError(file: string, error: unknown, ms: number): Outcome {
  const coded = error instanceof ConvertError || (error && typeof error === 'object' && 'code' in error && 'message' in error);
  const code = coded ? String((error as { code: unknown }).code) : null;
  const known = code !== null && ((ERROR_CODES as readonly string[]).includes(code) || code === 'WORKER_CRASHED');
  return {
    file,
    ok: false,
    ended: true,
    code,
    message: coded ? String((error as { message: unknown }).message) : String(error),
    fallbackFrom: null,
    classified: false,
    ms,
    breach: known ? null : `not a coded error: ${String(error)}`,
  };
}

export function hung(file: string, ms: number): Outcome {
  return { file, ok: false, ended: false, code: null, message: `no answer after ${Math.round(ms)} ms`, fallbackFrom: null, classified: false, ms, breach: null };
}
