import type { TracewiseConverter } from '../conversion/tracewiseConverter';

const MB = 2 ** 20;

/**
 * What the memory monitor does about a reading. At or above `alertBytes`: pause intake (no new
 * file starts while one is running), halve the trace pool (down to 1), and retire every idle
 * worker — the decode worker's ~270 MB wasm-vips heap first among them; it comes back on the
 * next decode. Each further high reading halves again. Below 80% of the alert (hysteresis, so
 * it does not flap): resume and restore the configured size. Every action is logged.
 */
export function createPressureValve(converter: TracewiseConverter, alertBytes: number, log: (line: string) => void) {
  let under = false;
  const releaseBytes = alertBytes * 0.8;
  return {
    /** Returns whether the page is (still) under memory pressure after this reading. */
    update(bytes: number): boolean {
      const { tracePool, decodePool } = converter;
      if (bytes >= alertBytes) {
        const from = tracePool.stats().size;
        const to = Math.max(1, Math.floor(from / 2));
        tracePool.pause();
        tracePool.resize(to);
        const retired = tracePool.retireIdle('memory pressure') + decodePool.retireIdle('memory pressure');
        // Log what changed, not every high reading (one a second while it stays high).
        if (!under || to < from || retired > 0) {
          log(
            `[monitor] memory ${(bytes / MB).toFixed(0)} MB ≥ alert ${(alertBytes / MB).toFixed(0)} MB: ` +
              `paused intake, trace pool ${from}→${to}, retired ${retired} idle worker(s)`,
          );
        }
        under = true;
      } else if (under && bytes < releaseBytes) {
        tracePool.resize(converter.concurrency);
        tracePool.resume();
        log(`[monitor] memory ${(bytes / MB).toFixed(0)} MB < ${(releaseBytes / MB).toFixed(0)} MB: resumed, trace pool back to ${converter.concurrency}`);
        under = false;
      }
      return under;
    },
  };
}
