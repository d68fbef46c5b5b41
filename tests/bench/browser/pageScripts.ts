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

/** Waits for the app, converts one image, returns ms since navigation started. */
export async function coldStartInPage({ image, tier }: { image: string; tier: number }): Promise<number> {
  while (!('__tracewise' in globalThis)) await new Promise((resolve) => setTimeout(resolve, 10));
  const tracewise = (globalThis as unknown as { __tracewise: TracewiseHandle }).__tracewise;
  const blob = new Blob([Uint8Array.from(atob(image), (c) => c.charCodeAt(0))], { type: 'image/png' });
  const [outcome] = await tracewise.convertMany([blob], { tier });
  if (!outcome.ok) throw new Error(`cold-start conversion failed: ${outcome.error.code}`);
  return performance.now(); // performance.now() counts from the navigation's time origin
}
