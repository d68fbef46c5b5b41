import type { ConvertResult, ErrorCode, Tier } from '../../core';

export type JobState = 'queued' | 'working' | 'done' | 'error';

export interface JobError {
  code: ErrorCode | 'WORKER_CRASHED';
  message: string;
}

/** One dropped file and what became of it. Options are captured when the file is added. */
export interface Job {
  id: string;
  file: File;
  tier: Tier;
  state: JobState;
  result: ConvertResult | null;
  /** The SVG as a Blob: the card renders it through an object URL, never as inline markup. */
  svgBlob: Blob | null;
  error: JobError | null;
}

export type JobAction =
  | { type: 'add'; jobs: readonly Job[] }
  | { type: 'start'; id: string }
  | { type: 'succeed'; id: string; result: ConvertResult }
  | { type: 'fail'; id: string; error: JobError }
  /** Re-run a finished card (another tier or options): back to queued, same place in the list. */
  | { type: 'requeue'; id: string; tier: Tier }
  | { type: 'remove'; id: string }
  | { type: 'clear' };

let nextId = 0;

export function jobsReducer(jobs: readonly Job[], action: JobAction): readonly Job[] {
  switch (action.type) {
    case 'add':
      return [...jobs, ...action.jobs];
    case 'start':
      return update(jobs, action.id, { state: 'working' });
    case 'succeed':
      return update(jobs, action.id, {
        state: 'done',
        result: action.result,
        svgBlob: new Blob([action.result.svg], { type: 'image/svg+xml' }),
      });
    case 'fail':
      return update(jobs, action.id, { state: 'error', error: action.error });
    case 'requeue':
      return update(jobs, action.id, { state: 'queued', tier: action.tier, result: null, svgBlob: null, error: null });
    case 'remove':
      return jobs.filter((job) => job.id !== action.id);
    case 'clear':
      return [];
  }
}

/** Outside the reducer: reducers must be pure (React may call them twice). */
export function newJob(file: File, tier: Tier): Job {
  nextId += 1;
  return { id: `job-${nextId}`, file, tier, state: 'queued', result: null, svgBlob: null, error: null };
}

function update(jobs: readonly Job[], id: string, patch: Partial<Job>): readonly Job[] {
  return jobs.map((job) => (job.id === id ? { ...job, ...patch } : job));
}

/** Anything a conversion rejected with, as card-ready data: a worker's `{code, message}`, the
 * pool's ABORTED / TIMEOUT / WORKER_CRASHED, or (unexpected) anything else as INTERNAL. */
export function toJobError(error: unknown): JobError {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code: code as JobError['code'], message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected failure: ${message}` };
}

const CONVERTIBLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * Files that are plainly not images (a PDF, a text file) are refused on their card before any
 * work, with a message saying why. An empty or generic type goes on to the decoder, which sniffs
 * the bytes and is the real authority (a PNG without an extension still converts).
 */
export function rejectBeforeDecoding(file: File): JobError | null {
  const type = file.type.toLowerCase();
  if (type === '' || type === 'application/octet-stream' || CONVERTIBLE.has(type)) return null;
  return {
    code: 'UNSUPPORTED_FORMAT',
    message: `"${file.name}" is not a PNG, JPEG, WebP or GIF image (its type is ${type}), so it was not converted.`,
  };
}
