import type { ConvertResult, Tier } from '../types';

/** Operations the monitor times. Tier names cover a whole conversion at that tier; `model-load`
 * is one model file's bytes, verified (cache or network), in a browser worker. */
export type OperationName = 'decode' | 'classify' | 'trace' | 'optimize' | 'measure' | 'tier1' | 'tier2' | 'tier3' | 'model-load';

/** Thresholds (ms) from the seed: tier 2 s / 5 s / 15 s, classification 1 s, optimisation 0.5 s;
 * the per-stage ones are ours, generous for 1024 px on a slow laptop. */
export const DEFAULT_THRESHOLDS_MS: Readonly<Record<OperationName, number>> = Object.freeze({
  decode: 1000,
  classify: 1000,
  trace: 1500,
  optimize: 500,
  measure: 1000,
  tier1: 2000,
  tier2: 5000,
  tier3: 15000,
  // A 10 KB model from IndexedDB takes milliseconds and from the origin tens of them; a second
  // is a stalled disk or network.
  'model-load': 1000,
});

/** One model-file load as the monitor sees it. `cache` is null for a file that is not cached by
 * content (the manifest, always asked for afresh). */
export interface ModelLoadSample {
  ms: number;
  ok: boolean;
  cache: 'hit' | 'miss' | null;
}

export interface ModelCacheStats {
  hits: number;
  misses: number;
  /** Loads that ended without usable bytes (conversions then ran without AI). */
  failures: number;
}

export interface SlowOperation {
  name: OperationName;
  ms: number;
  threshold: number;
}

export interface OperationStats {
  count: number;
  failures: number;
  p50: number;
  p95: number;
  max: number;
  threshold: number;
  /** Samples above the threshold, among those kept. */
  breaches: number;
}

/** Samples kept per operation: enough for stable p95s, bounded memory on 10,000-file batches. */
const WINDOW = 500;

/**
 * Times every operation against its threshold: slow ones are announced to listeners (the UI
 * shows them, the CLI logs them), and rolling statistics per operation are kept for the
 * benchmark panel and `--stats`. Plain data, no timers: it runs in the page, a worker or Node.
 */
export class PerformanceMonitor {
  private readonly samples = new Map<OperationName, { ms: number[]; failures: number; count: number }>();
  private readonly listeners = new Set<(slow: SlowOperation) => void>();
  private readonly modelCache: ModelCacheStats = { hits: 0, misses: 0, failures: 0 };

  private readonly thresholds: Readonly<Record<OperationName, number>>;

  /** Thresholds not given keep their defaults (so a new operation kind needs no caller change). */
  constructor(thresholds: Readonly<Partial<Record<OperationName, number>>> = DEFAULT_THRESHOLDS_MS) {
    this.thresholds = { ...DEFAULT_THRESHOLDS_MS, ...thresholds };
  }

  record(name: OperationName, ms: number, ok = true): void {
    let entry = this.samples.get(name);
    if (!entry) this.samples.set(name, (entry = { ms: [], failures: 0, count: 0 }));
    entry.count++;
    if (!ok) entry.failures++;
    entry.ms.push(ms);
    if (entry.ms.length > WINDOW) entry.ms.shift();
    const threshold = this.thresholds[name];
    if (ms > threshold) for (const listener of this.listeners) listener({ name, ms, threshold });
  }

  /** Records a finished conversion: each stage it ran and the tier as a whole. */
  recordResult(result: ConvertResult): void {
    const { timings } = result;
    this.record('decode', timings.decode);
    if (timings.classify > 0) this.record('classify', timings.classify);
    this.record('trace', timings.trace);
    if (timings.optimize > 0) this.record('optimize', timings.optimize);
    if (timings.measure > 0) this.record('measure', timings.measure);
    this.record(`tier${result.tier}`, timings.total);
  }

  recordFailure(tier: Tier, ms: number): void {
    this.record(`tier${tier}`, ms, false);
  }

  /** A model-file load: timed as `model-load`, and counted as a cache hit or miss. */
  recordModelLoad(load: ModelLoadSample): void {
    this.record('model-load', load.ms, load.ok);
    if (!load.ok) this.modelCache.failures++;
    if (load.cache === 'hit') this.modelCache.hits++;
    else if (load.cache === 'miss') this.modelCache.misses++;
  }

  modelCacheStats(): ModelCacheStats {
    return { ...this.modelCache };
  }

  onSlow(listener: (slow: SlowOperation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): Partial<Record<OperationName, OperationStats>> {
    const out: Partial<Record<OperationName, OperationStats>> = {};
    for (const [name, entry] of this.samples) {
      const sorted = [...entry.ms].sort((a, b) => a - b);
      const threshold = this.thresholds[name];
      out[name] = {
        count: entry.count,
        failures: entry.failures,
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        max: sorted[sorted.length - 1] ?? 0,
        threshold,
        breaches: sorted.filter((ms) => ms > threshold).length,
      };
    }
    return out;
  }
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
