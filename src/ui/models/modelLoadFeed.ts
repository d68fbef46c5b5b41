import type { Runtime } from '../conversion/runtime';
import type { WorkerModelLoad } from '../conversion/tracewiseConverter';

/** Must equal MODEL_LOAD_BELL in src/worker/modelCache.ts (the UI imports worker code as types
 * only; tests/unit/modelCache.test.ts checks the two agree). */
export const MODEL_LOAD_BELL = 'tracewise-model-loads';

export interface ModelLoadFeed {
  /** Every model-file load of this page's trace workers so far, oldest first. */
  loads(): readonly WorkerModelLoad[];
  subscribe(listener: (loads: readonly WorkerModelLoad[]) => void): () => void;
  /** Asks the workers now (the bell does this on its own; the benchmark asks before reporting). */
  sync(): Promise<readonly WorkerModelLoad[]>;
  stop(): void;
}

/**
 * Feeds model loads from the trace workers into the page's PerformanceMonitor (`model-load`
 * timings, cache hits and misses), each once. A worker rings a BroadcastChannel bell after every
 * load; the page then asks its own workers (the bell carries nothing, so another tab's loads are
 * never counted here). Loads are fetched before a worker retires only if it rang first, which it
 * always does right after loading.
 */
export function createModelLoadFeed(runtime: Runtime): ModelLoadFeed {
  const seen = new Set<string>();
  const all: WorkerModelLoad[] = [];
  const listeners = new Set<(loads: readonly WorkerModelLoad[]) => void>();
  let syncing: Promise<readonly WorkerModelLoad[]> | null = null;
  let again = false;

  const pull = async (): Promise<readonly WorkerModelLoad[]> => {
    const fresh = (await runtime.converter.modelLoads()).filter((load) => !seen.has(`${load.worker}:${load.seq}`));
    for (const load of fresh) {
      seen.add(`${load.worker}:${load.seq}`);
      all.push(load);
      runtime.perf.recordModelLoad({
        ms: load.ms,
        ok: load.source !== null,
        cache: !load.cacheable ? null : load.source === 'cache' ? 'hit' : 'miss',
      });
    }
    if (fresh.length > 0) for (const listener of listeners) listener(all);
    return all;
  };
  // One pull at a time; a ring during a pull schedules exactly one more.
  const sync = (): Promise<readonly WorkerModelLoad[]> => {
    if (syncing) {
      again = true;
      return syncing;
    }
    syncing = pull().finally(() => {
      syncing = null;
      if (again) {
        again = false;
        void sync();
      }
    });
    return syncing;
  };

  const bell = typeof BroadcastChannel === 'function' ? new BroadcastChannel(MODEL_LOAD_BELL) : null;
  bell?.addEventListener('message', () => void sync().catch(() => undefined));
  return {
    loads: () => all,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sync,
    stop: () => bell?.close(),
  };
}
