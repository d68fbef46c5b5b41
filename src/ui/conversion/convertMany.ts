import type { ConvertOptions, ConvertResult, Tier } from '../../core';
import { toJobError, type JobError } from './jobs';
import type { TracewiseConverter } from './tracewiseConverter';

/** One file's outcome. `ms`: from getting a worker to the end; `waitMs`: queued before that. */
export type BatchOutcome =
  | { ok: true; result: ConvertResult; ms: number; waitMs: number }
  | { ok: false; error: JobError; ms: number; waitMs: number };

export interface BatchProgress {
  total: number;
  queued: number;
  working: number;
  done: number;
  failed: number;
  elapsedMs: number;
  /** Remaining files ÷ observed completion rate; null until the first file ends. */
  etaMs: number | null;
}

export interface BatchOptions {
  tier: Tier;
  /** Advanced options for every file of the batch (maxSide, deadlineMs, measureQuality). */
  convertOptions?: Partial<Omit<ConvertOptions, 'tier'>>;
  /** Files of this batch in the pool at once (default: the converter's concurrency). */
  concurrency?: number;
  /** Cancels the whole batch: every file not yet finished ends with ABORTED. */
  signal?: AbortSignal;
  onProgress?(progress: BatchProgress): void;
  onItemStart?(index: number): void;
  onItemEnd?(index: number, outcome: BatchOutcome): void;
  /** A per-file signal too (the UI aborts one file when its card is removed). */
  itemSignal?(index: number): AbortSignal | undefined;
}

/**
 * Converts many files through the shared pool; the result array is in input order whatever
 * order the files finish in. Never rejects: each file's failure is its own outcome. Files are
 * submitted in order, at most `concurrency` at a time, so the pool's FIFO queue (and the page's
 * memory) holds only that many; the rest wait here as Blobs.
 */
export async function convertMany(
  converter: TracewiseConverter,
  files: readonly Blob[],
  options: BatchOptions,
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array(files.length);
  const started = performance.now();
  const counts = { queued: files.length, working: 0, done: 0, failed: 0 };
  const report = (): void => {
    const elapsedMs = performance.now() - started;
    const finished = counts.done + counts.failed;
    const etaMs = finished > 0 ? ((files.length - finished) * elapsedMs) / finished : null;
    options.onProgress?.({ total: files.length, ...counts, elapsedMs, etaMs });
  };

  const convertAt = async (index: number): Promise<void> => {
    const item = options.itemSignal?.(index);
    const signals = [options.signal, item].filter((signal): signal is AbortSignal => !!signal);
    const signal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    const submitted = performance.now();
    let began = submitted;
    const onStart = (): void => {
      // A crash retry starts the same file again: count it once.
      if (began !== submitted) return;
      began = performance.now();
      counts.queued--;
      counts.working++;
      options.onItemStart?.(index);
      report();
    };
    let outcome: BatchOutcome;
    try {
      const result = await converter.convert(signal, files[index], { ...options.convertOptions, tier: options.tier }, onStart);
      outcome = { ok: true, result, ms: performance.now() - began, waitMs: began - submitted };
    } catch (error) {
      outcome = { ok: false, error: toJobError(error), ms: performance.now() - began, waitMs: began - submitted };
    }
    if (began === submitted) counts.queued--;
    else counts.working--;
    counts[outcome.ok ? 'done' : 'failed']++;
    outcomes[index] = outcome;
    options.onItemEnd?.(index, outcome);
    report();
  };

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) await convertAt(next++);
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? converter.concurrency, files.length));
  report();
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcomes;
}
