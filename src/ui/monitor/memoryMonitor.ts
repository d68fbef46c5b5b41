import type { WorkerMemory } from '../../worker/protocol';
import type { TracewiseConverter } from '../conversion/tracewiseConverter';
import { measureUaMemory, pageHeapBytes, uaMemoryAvailable } from './pageMemory';
import { createPressureValve } from './pressureValve';

/**
 * Chromium exposes no JS-heap figure inside workers (`jsHeapBytes` is null there), so each live
 * worker is charged this allowance instead: a trace worker's heap (tracer objects, SVG strings,
 * svgo's AST) for a ≤1024 px logo stays well under it. The estimate follows what
 * measureUserAgentSpecificMemory counts (load test: estimate 349 MB, browser 298 MB at 4 trace
 * workers). Neither sees compiled wasm code, isolate overhead or wasm-vips' pthreads, and both
 * count vips' 256 MB heap though few of its pages are touched: the OS's private memory of the
 * renderer was 466 MB at 4 workers, 319 MB at 1 (tests/load report, "renderer").
 */
export const WORKER_JS_HEAP_ALLOWANCE = 16 * 2 ** 20;

export interface WorkerSample extends WorkerMemory {
  pool: 'decode' | 'trace';
  id: number;
  busy: boolean;
}

export interface MemorySample {
  /** ms since page load (performance.now()). */
  at: number;
  /** Instant estimate: page JS heap + each live worker's wasm memory and JS heap (last known;
   * WORKER_JS_HEAP_ALLOWANCE where the browser does not say). */
  estimateBytes: number;
  pageHeapBytes: number | null;
  workers: WorkerSample[];
  busy: number;
  queued: number;
  /** The latest measureUserAgentSpecificMemory() total and when it resolved, if any yet. */
  ua: { bytes: number; at: number; tookMs: number } | null;
  underPressure: boolean;
}

export interface MemoryMonitorOptions {
  alertBytes: number;
  intervalMs?: number;
  /** Pause between two UA measurements (each may take a minute). */
  uaIntervalMs?: number;
  uaTimeoutMs?: number;
  maxSamples?: number;
  log(line: string): void;
}

export interface MemoryMonitor {
  samples(): readonly MemorySample[];
  /** Highest of every estimate and UA measurement so far. */
  peakBytes(): number;
  subscribe(listener: (sample: MemorySample) => void): () => void;
  stop(): void;
}

/**
 * Samples memory on the page side every `intervalMs`, without ever blocking a conversion:
 * workers answer `memory()` between jobs (a busy one answers when its job ends; until then its
 * last answer stands), and the browser's own measurement runs in the background with a timeout.
 * Above `alertBytes` the pressure valve sheds load (see pressureValve.ts).
 */
export function createMemoryMonitor(converter: TracewiseConverter, options: MemoryMonitorOptions): MemoryMonitor {
  const { intervalMs = 1000, uaIntervalMs = 10_000, uaTimeoutMs = 90_000, maxSamples = 3600 } = options;
  const timeline: MemorySample[] = [];
  const listeners = new Set<(sample: MemorySample) => void>();
  const known = new Map<string, WorkerMemory>();
  const asking = new Set<string>();
  const valve = createPressureValve(converter, options.alertBytes, options.log);
  let ua: MemorySample['ua'] = null;
  let peak = 0;
  let stopped = false;

  const pools = [
    ['decode', converter.decodePool],
    ['trace', converter.tracePool],
  ] as const;

  const sample = (): void => {
    const workers: WorkerSample[] = [];
    const live = new Set<string>();
    let busy = 0;
    let queued = 0;
    for (const [name, pool] of pools) {
      const stats = pool.stats();
      busy += stats.busy;
      queued += stats.queued;
      for (const worker of pool.workers()) {
        const key = `${name}:${worker.id}`;
        live.add(key);
        if (!asking.has(key)) {
          asking.add(key);
          (worker.remote.memory() as Promise<WorkerMemory>).then(
            (memory) => (known.set(key, memory), asking.delete(key)),
            () => asking.delete(key),
          );
        }
        const memory = known.get(key);
        if (memory) workers.push({ pool: name, id: worker.id, busy: worker.busy, ...memory });
      }
    }
    // A terminated worker never answers: forget it (and its pending question).
    for (const key of [...known.keys(), ...asking]) if (!live.has(key)) (known.delete(key), asking.delete(key));
    const page = pageHeapBytes();
    const estimateBytes = (page ?? 0) + workers.reduce((sum, w) => sum + w.wasmBytes + (w.jsHeapBytes ?? WORKER_JS_HEAP_ALLOWANCE), 0);
    const underPressure = valve.update(estimateBytes);
    const entry: MemorySample = { at: performance.now(), estimateBytes, pageHeapBytes: page, workers, busy, queued, ua, underPressure };
    peak = Math.max(peak, estimateBytes);
    timeline.push(entry);
    if (timeline.length > maxSamples) timeline.splice(0, timeline.length - maxSamples);
    for (const listener of listeners) listener(entry);
  };

  const measureLoop = async (): Promise<void> => {
    while (!stopped) {
      const t0 = performance.now();
      const bytes = await measureUaMemory(uaTimeoutMs);
      if (stopped) return;
      if (bytes === null) options.log(`[monitor] measureUserAgentSpecificMemory gave no answer within ${uaTimeoutMs} ms`);
      else {
        ua = { bytes, at: performance.now(), tookMs: performance.now() - t0 };
        peak = Math.max(peak, bytes);
        valve.update(bytes);
      }
      await new Promise((resolve) => setTimeout(resolve, uaIntervalMs));
    }
  };

  const timer = setInterval(sample, intervalMs);
  sample();
  if (uaMemoryAvailable()) void measureLoop();
  else options.log('[monitor] measureUserAgentSpecificMemory unavailable (page not cross-origin isolated?): instant estimates only');

  return {
    samples: () => timeline,
    peakBytes: () => peak,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
