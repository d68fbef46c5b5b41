import { classifyLogo, type Classification } from '../classify';
import { ConvertError } from '../errors';
import type { Host } from '../host';
import { TimeoutError, withTimeout } from '../withTimeout';
import type { Fallback, Raster } from '../types';

/** Past this the conversion goes on without AI (a model load that never answers must not hang it;
 * start-up has already waited for the model, so a healthy classification takes milliseconds)… */
const CLASSIFY_TIMEOUT_MS = 2_000;
/** …and for this long after such a timeout, conversions skip the model instead of waiting again. */
const SKIP_AFTER_TIMEOUT_MS = 60_000;
/** Per host: another host is another source for the model, and gets its own try. */
const timedOutAt = new WeakMap<Host, number>();

/** True while a recent classifier timeout with this host says not to wait for the model. */
export function classifierRecentlyTimedOut(host: Host): boolean {
  const at = timedOutAt.get(host);
  return at !== undefined && performance.now() - at < SKIP_AFTER_TIMEOUT_MS;
}

/** Starts the skip window (a wait for the model at start-up timed out too). */
export function noteClassifierTimedOut(host: Host): void {
  timedOutAt.set(host, performance.now());
}

/**
 * Tiers 2 and 3 ask the model what kind of logo this is. When the model cannot answer (missing,
 * corrupt, failing to start, or throwing), the conversion goes on without AI and says so: the
 * caller traces with tier 1's plain plan (tier 2) or its untargeted search (tier 3).
 */
export async function classifyForTier(
  signal: AbortSignal,
  raster: Raster,
  host: Host,
): Promise<{ classification: Classification | null; fallback: Fallback | null }> {
  try {
    if (classifierRecentlyTimedOut(host)) throw new Error('it timed out moments ago; not waiting for it again yet');
    return { classification: await withTimeout(classifyLogo(signal, raster, host), CLASSIFY_TIMEOUT_MS, 'The classifier did not answer'), fallback: null };
  } catch (error) {
    if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
    if (error instanceof TimeoutError) noteClassifierTimedOut(host);
    const detail = error instanceof ConvertError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    return { classification: null, fallback: { from: 'ai', reason: `The logo classifier is unavailable (${detail}); traced without AI.` } };
  }
}
