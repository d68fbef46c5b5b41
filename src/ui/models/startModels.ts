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
 * the first tier-2 conversion then finds them ready. The worker then stays for the pool's idle
 * TTL. Once per runtime; `?preload=0` skips the preload (for a test that wants its first
 * conversion to load the model).
 */
export function startModels(runtime: Runtime): void {
  if (started.has(runtime)) return;
  started.add(runtime);
  modelLoadFeed(runtime); // listening before any worker can ring
  if (new URLSearchParams(location.search).get('preload') === '0') return;
  // rAF runs before the next paint; the task it queues runs after that paint.
  requestAnimationFrame(() =>
    setTimeout(() => {
      // An empty job: it only makes the pool start a worker (none is idle yet), whose start-up
      // loads the model. The slot is free again at once, so a file given meanwhile is decoded in
      // parallel and then traced on that same worker instead of waiting for it to boot.
      runtime.converter.tracePool.run(async () => undefined).then(
        () => log(runtime, 'started a trace worker: it loads the model in the background'),
        (error: unknown) => log(runtime, `preload failed: ${(error as { message?: string })?.message ?? String(error)}`),
      );
    }, 0),
  );
}

function log(runtime: Runtime, line: string): void {
  runtime.log.push(`${new Date().toISOString().slice(11, 23)} [models] ${line}`);
}
