// Functions Playwright runs inside the page (serialised, so self-contained: no imports).

export interface PageRun {
  ok: boolean;
  ms: number;
  ssim: number;
  code: string | null;
  /** The core's own stage times inside the workers (decode, classify, trace, optimize, measure,
   * total); `ms − timings.total` is the page ↔ worker overhead (reading, transfers, queueing). */
  timings: Record<string, number> | null;
}

interface TracewiseHandle {
  convertMany(files: Blob[], options: { tier: number; concurrency?: number }): Promise<
    ({ ok: true; result: { quality: { ssim: number } | null; timings: Record<string, number> } } | { ok: false; error: { code: string } })[]
  >;
}

/** Converts each image alone (so its time is one file's latency through the pool). */
export async function convertInPage({ images, tier }: { images: string[]; tier: number }): Promise<PageRun[]> {
  const tracewise = (globalThis as unknown as { __tracewise: TracewiseHandle }).__tracewise;
  const runs: PageRun[] = [];
  for (const base64 of images) {
    const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
    const started = performance.now();
    const [outcome] = await tracewise.convertMany([blob], { tier, concurrency: 1 });
    const ms = performance.now() - started;
    runs.push(outcome.ok
      ? { ok: true, ms, ssim: outcome.result.quality?.ssim ?? Number.NaN, code: null, timings: outcome.result.timings }
      : { ok: false, ms, ssim: Number.NaN, code: outcome.error.code, timings: null });
  }
  return runs;
}

/** Where a cold start went: named moments in ms since navigation start (the page's and each
 * worker's start-up marks, put on the page's clock), plus the core's stage timings. */
export interface ColdStart {
  ms: number;
  marks: Record<string, number>;
  timings: Record<string, number>;
}

interface Remote {
  startupMarks(): Promise<{ name: string; epochMs: number }[]>;
}
interface Pools {
  converter: { decodePool: { workers(): { remote: Remote }[] }; tracePool: { workers(): { remote: Remote }[] } };
}

/** Waits for the app, converts one image, returns ms since navigation started and the breakdown.
 * `markPrefix` is core/monitor's STARTUP_MARK_PREFIX, passed in: this runs inside the page and
 * cannot import. */
export async function coldStartInPage({ image, tier, markPrefix }: { image: string; tier: number; markPrefix: string }): Promise<ColdStart> {
  while (!('__tracewise' in globalThis)) await new Promise((resolve) => setTimeout(resolve, 10));
  const tracewise = (globalThis as unknown as { __tracewise: TracewiseHandle & Pools }).__tracewise;
  const blob = new Blob([Uint8Array.from(atob(image), (c) => c.charCodeAt(0))], { type: 'image/png' });
  const [outcome] = await tracewise.convertMany([blob], { tier });
  if (!outcome.ok) throw new Error(`cold-start conversion failed: ${outcome.error.code}`);
  const ms = performance.now(); // performance.now() counts from the navigation's time origin
  const marks: Record<string, number> = {};
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (nav) Object.assign(marks, { 'html-received': nav.responseEnd, 'dom-content-loaded': nav.domContentLoadedEventEnd });
  for (const mark of performance.getEntriesByType('mark')) if (mark.name.startsWith(markPrefix)) marks[mark.name.slice(markPrefix.length)] ??= mark.startTime;
  const workers = [...tracewise.converter.decodePool.workers(), ...tracewise.converter.tracePool.workers()];
  for (const { remote } of workers) {
    for (const mark of await remote.startupMarks()) marks[mark.name] ??= mark.epochMs - performance.timeOrigin;
  }
  marks['svg'] = ms;
  return { ms, marks, timings: outcome.result.timings };
}
