import type { Runtime } from '../conversion/runtime';

/** The pools must have been idle this long: a batch converted one file at a time leaves gaps of
 * a few ms between files, which must not count as the end of the start-up. */
const QUIET_MS = 1_000;
const POLL_MS = 250;
/** Bounds the wait for a trace worker's ready() (which never rejects, but a worker ended
 * meanwhile leaves the call unanswered). */
const READY_WAIT_MS = 30_000;

/**
 * Resolves once the page's start-up is over: the pools have been idle for QUIET_MS and the
 * preloaded trace worker (if any: `?preload=0` starts none) has finished starting (its wasm and
 * models). While files keep being converted it keeps waiting.
 *
 * Why the service worker waits for it: its install precaches ~23 MB (both big wasm files, the
 * models, the samples) and Chromium compiles the cached scripts as it stores them. Registered at
 * the first paint, that traffic and CPU ran beside the workers' own downloads and wasm start-up,
 * i.e. on the cold start's critical path (navigation → first SVG), and then beside the first
 * conversions.
 */
export async function afterStartUp(runtime: Runtime): Promise<void> {
  const { tracePool, decodePool } = runtime.converter;
  const idle = (): boolean => [tracePool.stats(), decodePool.stats()].every((s) => s.busy === 0 && s.queued === 0);
  let idleSince: number | null = null;
  for (;;) {
    await sleep(POLL_MS);
    if (!idle()) {
      idleSince = null;
      continue;
    }
    const worker = tracePool.workers()[0];
    if (worker) await Promise.race([worker.remote.ready(), sleep(READY_WAIT_MS)]);
    if (!idle()) {
      idleSince = null;
      continue;
    }
    idleSince ??= performance.now();
    if (performance.now() - idleSince >= QUIET_MS) return;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
