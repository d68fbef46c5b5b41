import type { ConvertOptions, ConvertResult, ErrorCode } from '../core';

/** Main thread → worker. `bytes` is transferred, not copied. */
export interface JobRequest {
  id: number;
  bytes: Uint8Array;
  options: Partial<ConvertOptions>;
}

export type JobReply =
  | { id: number; ok: true; result: ConvertResult; ms: number }
  | { id: number; ok: false; error: { code: ErrorCode; message: string }; ms: number };
