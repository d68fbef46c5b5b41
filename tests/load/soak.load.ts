import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makePageImages } from './pageImages';
import { MB } from './stats';

const TOTAL = Number(process.env.SOAK_FILES ?? 1000);
const CHUNK = 100;
const OUT = process.env.LOAD_OUT;

/**
 * 1,000 small conversions through ONE pool (same workers throughout: nothing idles long enough
 * to retire). After every 100, each live worker reports its wasm memory; a leak in a wasm
 * library (an unfreed vips image, a resvg render) shows as growth from checkpoint 100 to 1000.
 */
test(`soak: ${TOTAL} conversions through one pool, worker memory stays bounded`, async ({ page }) => {
  await page.goto('/?concurrency=2');
  await page.waitForFunction(() => (globalThis as any).__tracewise);
  await page.evaluate(makePageImages, { count: CHUNK, minSide: 48, maxSide: 160, seed: 7 });
  const checkpoints: { done: number; failed: number; wasmMB: Record<string, number>; workerIds: string[]; pageHeapMB: number | null; ms: number }[] = [];
  for (let done = 0; done < TOTAL; done += CHUNK) {
    const point = await page.evaluate(async () => {
      const runtime = (globalThis as any).__tracewise;
      const t0 = performance.now();
      // The same 100 Blobs each round: the inputs are not what is being measured.
      const outcomes = await runtime.convertMany((globalThis as any).__loadImages, { tier: 1 });
      const ms = performance.now() - t0;
      const wasm: Record<string, number> = {};
      const ids: string[] = [];
      for (const [name, pool] of [['decode', runtime.converter.decodePool], ['trace', runtime.converter.tracePool]] as const) {
        for (const worker of pool.workers()) {
          const memory = await worker.remote.memory();
          wasm[name] = (wasm[name] ?? 0) + memory.wasmBytes;
          ids.push(`${name}:${worker.id}`);
        }
      }
      const heap = (performance as any).memory?.usedJSHeapSize ?? null;
      return { failed: outcomes.filter((o: any) => !o.ok).length, wasm, ids, heap, ms };
    });
    const wasmMB = Object.fromEntries(Object.entries(point.wasm).map(([k, v]) => [k, Math.round((v / MB) * 10) / 10]));
    checkpoints.push({
      done: done + CHUNK,
      failed: point.failed,
      wasmMB,
      workerIds: point.ids,
      pageHeapMB: point.heap === null ? null : Math.round((point.heap / MB) * 10) / 10,
      ms: Math.round(point.ms),
    });
    console.log(JSON.stringify(checkpoints.at(-1)));
  }
  const first = checkpoints[0];
  const last = checkpoints.at(-1)!;
  if (OUT) writeFileSync(join(OUT, 'soak.json'), JSON.stringify({ total: TOTAL, checkpoints }, null, 2));

  expect(checkpoints.every((c) => c.failed === 0)).toBe(true);
  expect(last.workerIds).toEqual(first.workerIds); // really one pool, the same workers
  // Bounds: wasm heaps may grow once to a high-water mark, not with the number of jobs.
  for (const pool of ['decode', 'trace']) expect(last.wasmMB[pool], pool).toBeLessThanOrEqual(first.wasmMB[pool] * 1.25 + 8);
  if (first.pageHeapMB !== null && last.pageHeapMB !== null) expect(last.pageHeapMB).toBeLessThan(first.pageHeapMB + 32);
});
