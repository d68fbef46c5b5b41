/** One start-up step of a worker (or the page), on the wall clock shared by every realm. */
export interface StartupMark {
  name: string;
  /** performance.timeOrigin + startTime: comparable across the page and its workers, whose
   * performance.now() each count from their own origin. */
  epochMs: number;
}

/** The `tracewise:*` User Timing marks of this realm (the core marks each start-up step once),
 * for `npm run bench:browser`'s cold-start breakdown. */
export function startupMarks(): StartupMark[] {
  return performance
    .getEntriesByType('mark')
    .filter((mark) => mark.name.startsWith('tracewise:'))
    .map((mark) => ({ name: mark.name.slice('tracewise:'.length), epochMs: performance.timeOrigin + mark.startTime }));
}
