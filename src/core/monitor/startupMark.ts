/**
 * A User Timing mark (`tracewise:<name>`) the first time each start-up step ends in this realm, so
 * a benchmark can ask a worker where its start-up went (`npm run bench:browser`'s cold-start
 * breakdown). Once per name: prepareConversion runs before every conversion, and marks are kept
 * until the realm ends. No output depends on it.
 */
/** Every start-up mark's name starts with this (read back by src/worker/startupMarks.ts). */
export const STARTUP_MARK_PREFIX = 'tracewise:';

const marked = new Set<string>();

export function startupMark(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  // Node ≥ 20 and workers have User Timing; the core's platform types declare only now().
  (performance as { mark?(name: string): unknown }).mark?.(STARTUP_MARK_PREFIX + name);
}
