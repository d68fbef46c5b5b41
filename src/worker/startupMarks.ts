import { STARTUP_MARK_PREFIX } from '../core/monitor/startupMark';

/** One start-up step of a worker (or the page), on the wall clock shared by every realm. */
export interface StartupMark {
  name: string;
  /** performance.timeOrigin + startTime: comparable across the page and its workers, whose
   * performance.now() each count from their own origin. */
  epochMs: number;
}

/** This realm's start-up User Timing marks (STARTUP_MARK_PREFIX + step, each step marked once),
 * for `npm run bench:browser`'s cold-start breakdown. */
export function startupMarks(): StartupMark[] {
  return performance
    .getEntriesByType('mark')
    .filter((mark) => mark.name.startsWith(STARTUP_MARK_PREFIX))
    .map((mark) => ({ name: mark.name.slice(STARTUP_MARK_PREFIX.length), epochMs: performance.timeOrigin + mark.startTime }));
}
