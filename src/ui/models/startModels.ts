import type { Runtime } from '../conversion/runtime';
import { createModelLoadFeed, type ModelLoadFeed } from './modelLoadFeed';

const feeds = new WeakMap<Runtime, ModelLoadFeed>();
const started = new WeakSet<Runtime>();

/** This runtime's model-load feed (created on first use, stopped with the page). */
export function modelLoadFeed(runtime: Runtime): ModelLoadFeed {
  let feed = feeds.get(runtime);
  if (!feed) {
    feed = createModelLoadFeed(runtime);
    feeds.set(runtime, feed);
    addEventListener('pagehide', (event) => event.persisted || feed!.stop());
  }
  return feed;
}

/**
 * Starts the model feed and, once the first frame is painted, one trace worker whose start-up
 * loads the renderer and the classifier (IndexedDB or network, ONNX session) in the background:
 * the first tier-2 conversion then finds them ready. The start job only starts the worker and
 * frees its slot at once (the worker then stays for the pool's idle TTL). Once per runtime;
 * `?preload=0` skips the preload (for a test that wants its first conversion to load the model).
 */
export function startModels(runtime: Runtime): void {
  if (started.has(runtime)) return;
  started.add(runtime);
  modelLoadFeed(runtime); // listening before any worker can ring
  if (new URLSearchParams(location.search).get('preload') === '0') return;
  // rAF runs before the next paint; the task it queues runs after that paint.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const t0 = performance.now();
      const log = (line: string): number => runtime.log.push(`${new Date().toISOString().slice(11, 23)} [models] ${line}`);
      runtime.converter.tracePool
        .run((tracer) => tracer.start(), { deadlineMs: 30_000 })
        .then(
          () => log(`trace worker started in ${Math.round(performance.now() - t0)} ms; it loads the model in the background`),
          (error: unknown) => log(`preload failed: ${(error as { message?: string })?.message ?? String(error)}`),
        );
    }, 0),
  );
}
