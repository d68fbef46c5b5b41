import type { Runtime } from '../conversion/runtime';

/** Past this, the service worker is registered whatever the pools are doing (a long batch must
 * not keep the app from becoming installable and offline-ready). */
const LATEST_MS = 20_000;
const POLL_MS = 250;

/**
 * Resolves once the page's start-up is over: a trace worker has finished starting (its wasm and
 * models) and neither pool has a job running or queued — or after LATEST_MS at the latest.
 *
 * Why the service worker waits for it: its install precaches ~23 MB (both big wasm files, the
 * models, the samples) and Chromium compiles the cached scripts as it stores them. Registered at
 * the first paint, that traffic and CPU ran beside the workers' own downloads and wasm start-up,
 * i.e. on the cold start's critical path (navigation → first SVG).
 */
export async function afterStartUp(runtime: Runtime): Promise<void> {
  const giveUp = performance.now() + LATEST_MS;
  const { tracePool, decodePool } = runtime.converter;
  const idle = (): boolean => [tracePool.stats(), decodePool.stats()].every((s) => s.busy === 0 && s.queued === 0);
  while (performance.now() < giveUp) {
    const worker = tracePool.workers()[0];
    if (worker && idle()) {
      // ready() never rejects; a worker ended meanwhile leaves the call unanswered: bounded.
      await Promise.race([worker.remote.ready(), sleep(giveUp - performance.now())]);
      if (idle()) return;
    }
    await sleep(POLL_MS);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
