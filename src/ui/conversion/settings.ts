import type { Fault } from '../../worker/protocol';

export interface ConverterSettings {
  /** Trace workers (the decode worker is extra). */
  concurrency: number;
  /** Test hook: the core's deadline in ms for every tier; null = each tier's own (2/5/15 s).
   * The pool stops a worker a margin after it (see tracewiseConverter.ts `fileDeadlines`). */
  deadlineMs: number | null;
  /** Trace workers are replaced after this many files (bounds their heap growth); null = never. */
  maxJobsPerWorker: number | null;
  /** Memory monitor alert threshold in bytes. */
  alertBytes: number;
  /** Test-only: a fault injected into the first conversion's first attempt. */
  fault: Fault | null;
}

export const DEFAULT_ALERT_BYTES = 400 * 1024 * 1024;

/** min(max(1, cores − 1), 4): one core stays with the page (and the decode worker). */
export function defaultConcurrency(cores: number = navigator.hardwareConcurrency || 2): number {
  return Math.min(Math.max(1, cores - 1), 4);
}

/**
 * Settings from the page URL, for tests and load runs (the UI has no knobs for these):
 *   ?concurrency=N     trace workers, 1–8 (default: defaultConcurrency())
 *   ?deadline=MS       the core's deadline for every tier (default: the tier's, 2/5/15 s); the
 *                      pool stops a worker that overruns it by its margin
 *   ?memAlertMb=N      memory monitor alert threshold (default 400)
 *   ?recycle=N         replace a trace worker after N files (default: never — measured on 2 cores,
 *                      recycling every 10 files cut peak renderer memory ~714→479 MB at 4 workers
 *                      but halved throughput: worker start-up is not cheap under load)
 *   ?fault=crash-once  the first conversion's trace worker traps (a real wasm `unreachable`);
 *                      the pool must replace it and retry the file once
 *   ?fault=hang-once   the first conversion's trace worker spins forever; pair with ?deadline
 * Bad values are ignored (with a console warning), never half-applied.
 */
export function readSettings(search: string = location.search): ConverterSettings {
  const query = new URLSearchParams(search);
  const int = (name: string, min: number, max: number): number | null => {
    const raw = query.get(name);
    if (raw === null) return null;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    console.warn(`Ignoring ?${name}=${raw}: expected an integer from ${min} to ${max}.`);
    return null;
  };
  const faultFlag = query.get('fault');
  const fault = faultFlag === 'crash-once' ? 'crash' : faultFlag === 'hang-once' ? 'hang' : null;
  if (faultFlag !== null && !fault) console.warn(`Ignoring ?fault=${faultFlag}: expected crash-once or hang-once.`);
  return {
    concurrency: int('concurrency', 1, 8) ?? defaultConcurrency(),
    deadlineMs: int('deadline', 1, 3_600_000),
    maxJobsPerWorker: int('recycle', 1, 1_000_000),
    alertBytes: (int('memAlertMb', 16, 16_384) ?? DEFAULT_ALERT_BYTES / 2 ** 20) * 2 ** 20,
    fault,
  };
}
