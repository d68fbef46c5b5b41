import type { Tier } from '../../core';
import type { ModelCacheStats, OperationName, OperationStats } from '../../core/monitor/performanceMonitor';
import { toJobError } from '../conversion/jobs';
import type { Runtime } from '../conversion/runtime';
import type { WorkerModelLoad } from '../conversion/tracewiseConverter';
import { modelLoadFeed } from '../models/startModels';
import { loadCredits, loadSample, type SampleCredit } from './samples';

export interface BenchRow {
  tier: Tier;
  file: string;
  category: SampleCredit['category'];
  pngBytes: number;
  ok: boolean;
  /** Wall time on the page: from submitting the file to its result (decode included). */
  ms: number;
  /** The core's own total (decode … measure), without worker hand-offs. */
  engineMs: number | null;
  ssim: number | null;
  bytes: number | null;
  engine: string | null;
  fallback: string | null;
  error: string | null;
}

export interface TierSummary {
  tier: Tier;
  files: number;
  failed: number;
  medianMs: number;
  p95Ms: number;
  meanSsim: number | null;
  medianBytes: number | null;
  /** Median of SVG bytes ÷ PNG bytes. */
  medianRatio: number | null;
}

export interface BenchReport {
  generator: 'tracewise benchmark panel';
  startedAt: string;
  durationMs: number;
  userAgent: string;
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  traceWorkers: number;
  samples: number;
  /** One untimed-in-the-table tier-2 conversion first: wasm-vips start-up and model loads, which
   * would otherwise land on tier 1's first file. */
  warmUpMs: number;
  tiers: TierSummary[];
  rows: BenchRow[];
  /** Every model-file load of this page's trace workers so far (the preload's included). */
  modelLoads: WorkerModelLoad[];
  /** Hits and misses of the IndexedDB model cache, as the performance monitor counted them. */
  modelCache: ModelCacheStats;
  memory: { atMs: number; estimateBytes: number; uaBytes: number | null }[];
  operations: Partial<Record<OperationName, OperationStats>>;
}

export interface BenchProgress {
  done: number;
  total: number;
  current: string;
}

/**
 * Every sample through each tier, one file at a time (so times are not inflated by queueing),
 * on the page's real worker pool. Results also feed the page's PerformanceMonitor.
 */
export async function runBenchmark(
  signal: AbortSignal,
  runtime: Runtime,
  options: { tiers: readonly Tier[]; limit?: number; onProgress(progress: BenchProgress): void },
): Promise<BenchReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const credits = (await loadCredits()).slice(0, options.limit);
  const files = await Promise.all(credits.map(loadSample));
  options.onProgress({ done: 0, total: credits.length * options.tiers.length, current: 'warming up (decoder start, models)' });
  const warm = performance.now();
  await runtime.converter.convert(signal, files[0], { tier: 2 }).catch(() => undefined);
  const warmUpMs = performance.now() - warm;
  signal.throwIfAborted();
  const rows: BenchRow[] = [];
  const total = credits.length * options.tiers.length;
  for (const tier of options.tiers) {
    for (const [i, credit] of credits.entries()) {
      signal.throwIfAborted();
      options.onProgress({ done: rows.length, total, current: `tier ${tier}: ${credit.file}` });
      rows.push(await convertOne(signal, runtime, tier, credit, files[i]));
    }
  }
  options.onProgress({ done: rows.length, total, current: '' });
  // A fast run can end between two of the monitor's (1 s) samples: wait for the next one, and
  // start the timeline from the last sample taken before the run, so it always has both ends.
  await nextSample(runtime, 3000);
  const all = runtime.monitor.samples();
  const before = [...all].reverse().find((sample) => sample.at < started);
  const memory = [...(before ? [before] : []), ...all.filter((sample) => sample.at >= started)].map((sample) => ({
    atMs: Math.max(0, Math.round(sample.at - started)),
    estimateBytes: sample.estimateBytes,
    uaBytes: sample.ua?.bytes ?? null,
  }));
  // Before reading the monitor: the loads become its `model-load` samples.
  const modelLoads = [...(await modelLoadFeed(runtime).sync())];
  return {
    generator: 'tracewise benchmark panel',
    startedAt,
    durationMs: performance.now() - started,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    traceWorkers: runtime.converter.concurrency,
    samples: credits.length,
    warmUpMs,
    tiers: options.tiers.map((tier) => summarise(tier, rows.filter((row) => row.tier === tier))),
    rows,
    modelLoads,
    modelCache: runtime.perf.modelCacheStats(),
    memory,
    operations: runtime.perf.stats(),
  };
}

async function convertOne(signal: AbortSignal, runtime: Runtime, tier: Tier, credit: SampleCredit, file: File): Promise<BenchRow> {
  const base = { tier, file: credit.file, category: credit.category, pngBytes: file.size };
  const t0 = performance.now();
  try {
    const result = await runtime.converter.convert(signal, file, { tier });
    runtime.perf.recordResult(result);
    return {
      ...base,
      ok: true,
      ms: performance.now() - t0,
      engineMs: result.timings.total,
      ssim: result.quality?.ssim ?? null,
      bytes: result.bytes,
      engine: result.engine,
      fallback: result.fallback ? `${result.fallback.from}: ${result.fallback.reason}` : null,
      error: null,
    };
  } catch (error) {
    const { code, message } = toJobError(error);
    if (code === 'ABORTED') throw error;
    runtime.perf.recordFailure(tier, performance.now() - t0);
    return { ...base, ok: false, ms: performance.now() - t0, engineMs: null, ssim: null, bytes: null, engine: null, fallback: null, error: `${code}: ${message}` };
  }
}

export function summarise(tier: Tier, rows: readonly BenchRow[]): TierSummary {
  const ok = rows.filter((row) => row.ok);
  const ms = rows.map((row) => row.ms);
  const ssims = ok.map((row) => row.ssim).filter((s): s is number => s !== null);
  return {
    tier,
    files: rows.length,
    failed: rows.length - ok.length,
    medianMs: percentile(ms, 0.5),
    p95Ms: percentile(ms, 0.95),
    meanSsim: ssims.length > 0 ? ssims.reduce((a, b) => a + b, 0) / ssims.length : null,
    medianBytes: ok.length > 0 ? percentile(ok.map((row) => row.bytes!), 0.5) : null,
    medianRatio: ok.length > 0 ? percentile(ok.map((row) => row.bytes! / row.pngBytes), 0.5) : null,
  };
}

/** Nearest-rank percentile (the performance monitor's definition). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function nextSample(runtime: Runtime, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = runtime.monitor.subscribe(done);
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
