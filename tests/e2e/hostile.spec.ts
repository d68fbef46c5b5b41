import { expect, test } from '@playwright/test';
import { hostileCases } from '../unit/hostileInputs';

// The same hostile and odd files as tests/unit/hostile.test.ts, through the browser's worker pool
// (decode worker + trace workers) in one batch: each ends with an SVG of the right size or the
// same stable error code as in Node, and the pool still converts afterwards.
test('hostile and odd files through the worker pool: each ends ok or coded, the pool survives', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const cases = await hostileCases();
  await page.goto('/?concurrency=2');
  await page.waitForFunction(() => (globalThis as any).__tracewise);

  const files = cases.map((c) => ({ name: c.name, base64: Buffer.from(c.bytes).toString('base64') }));
  const { outcomes, after, stats } = await page.evaluate(async (files) => {
    const runtime = (globalThis as any).__tracewise;
    const blobs = files.map((f) => new File([Uint8Array.from(atob(f.base64), (ch) => ch.charCodeAt(0))], f.name));
    const started = performance.now();
    const outcomes = await runtime.convertMany(blobs, { tier: 2, concurrency: blobs.length });
    const batchMs = performance.now() - started;
    // The pool survived: a good file (the first ok case) still converts.
    const good = blobs[files.findIndex((f) => f.name === 'rgba16.png')];
    const after = (await runtime.convertMany([good], { tier: 1 }))[0];
    return {
      outcomes: outcomes.map((o: any) =>
        o.ok ? { ok: true, width: o.result.width, height: o.result.height, svg: o.result.svg.slice(0, 200), fallbackFrom: o.result.fallback?.from ?? null } : { ok: false, code: o.error.code, message: o.error.message },
      ),
      after: { ok: after.ok, batchMs },
      stats: runtime.converter.tracePool.stats(),
    };
  }, files);

  expect(outcomes).toHaveLength(cases.length);
  for (const [i, c] of cases.entries()) {
    const outcome = outcomes[i];
    if (c.expect.ok) {
      expect(outcome, c.name).toMatchObject({ ok: true, width: c.expect.truth.width, height: c.expect.truth.height });
      expect(outcome.svg).toMatch(/^<svg /);
      if (c.fallbackFrom) expect(outcome.fallbackFrom, c.name).toBe(c.fallbackFrom);
    } else {
      expect(outcome, c.name).toMatchObject({ ok: false, code: c.expect.code });
      expect(outcome.message.length, c.name).toBeGreaterThan(10);
      expect(outcome.message).not.toMatch(/\[object |undefined|\n\s*at /);
    }
  }
  expect(after.ok).toBe(true);
  expect(after.batchMs).toBeLessThan(120_000);
  expect(stats.crashed).toBe(0);
  expect(errors).toEqual([]);
});
