import { expect, test } from '@playwright/test';
import { logoSvg, pngFromSvg } from '../unit/fixtures';
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

  // A file only the tolerant decode reads: its card says so.
  const damaged = cases.find((c) => c.fallbackFrom === 'decode')!;
  await page.getByTestId('file-input').setInputFiles({ name: damaged.name, mimeType: 'image/png', buffer: Buffer.from(damaged.bytes) });
  const card = page.locator(`[data-testid="result-card"][data-file="${damaged.name}"]`);
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card.getByTestId('fallback')).toContainText('Fallback from decode: The file is damaged (');
  expect(errors).toEqual([]);
});

// Per-tier deadlines in the page (tracewiseConverter.ts `fileDeadlines`): the core's deadline
// counts from the decode (start-up excluded); past it tier 1 with nothing traced is TIMEOUT, tiers
// 2–3 give tier 1's result marked "deadline"; a worker that never returns is stopped a margin later.
test('a short ?deadline: tier 1 times out, tiers 2–3 fall back to tier 1 (shown on the card), a hang is stopped', async ({ page }) => {
  test.setTimeout(180_000);
  // A 1200×1200 logo traced at 256 px: its decode (1.4 MP, then shrunk) is the slow part.
  const big = await pngFromSvg(logoSvg(1200));
  const small = await pngFromSvg(logoSvg(96));
  const toFiles = { big: Buffer.from(big).toString('base64'), small: Buffer.from(small).toString('base64') };
  const run = (tiers: number[], deadlineMs?: number) =>
    page.evaluate(
      async ({ files, tiers, deadlineMs }) => {
        const runtime = (globalThis as any).__tracewise;
        const blob = (base64: string) => new Blob([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], { type: 'image/png' });
        const out: Record<string, unknown> = {};
        for (const tier of tiers) {
          for (const [name, base64] of Object.entries(files)) {
            const [o] = await runtime.convertMany([blob(base64)], { tier, convertOptions: { maxSide: 256, deadlineMs } });
            out[`${name}@${tier}`] = o.ok
              ? { ok: true, fallback: o.result.fallback, decodeMs: o.result.timings.decode, class: o.result.class, ssim: o.result.quality?.ssim ?? null }
              : { ok: false, code: o.error.code, message: o.error.message };
          }
        }
        return out;
      },
      { files: toFiles, tiers, deadlineMs },
    );

  // First, with a generous per-file deadline, how long the big decode takes here once warm (a
  // fresh wasm-vips decodes its first large image several times slower).
  await page.goto('/?concurrency=1');
  await page.waitForFunction(() => (globalThis as any).__tracewise);
  await run([1], 60_000);
  const measured = (await run([1], 60_000))['big@1'] as { ok: boolean; decodeMs: number };
  expect(measured, JSON.stringify(measured)).toMatchObject({ ok: true });
  // A quarter of the decode: the decode alone overruns it, even if it runs faster next time, and
  // the hard stop (2 × deadline + 5 s for tiers 2–3) leaves room for a slower decode and tier 1's
  // rescue at 256 px.
  const deadline = Math.max(5, Math.floor(measured.decodeMs / 4));
  await page.goto(`/?concurrency=1&deadline=${deadline}`);
  await page.waitForFunction(() => (globalThis as any).__tracewise);
  await run([1], 60_000); // warm-up: a file's own deadline overrides ?deadline
  const outcomes = await run([1, 2, 3]);
  expect(outcomes['big@1'], JSON.stringify({ deadline, measured })).toMatchObject({ ok: false, code: 'TIMEOUT' });
  expect((outcomes['big@1'] as { message: string }).message).toBe(`The conversion took longer than its ${deadline} ms deadline.`);
  for (const tier of [2, 3]) {
    const outcome = outcomes[`big@${tier}`] as { ok: boolean; fallback: { from: string; reason: string } };
    expect(outcome, `tier ${tier}`).toMatchObject({ ok: true, class: null, fallback: { from: 'deadline' } });
    expect(outcome.fallback.reason).toMatch(new RegExp(`^Tier ${tier} passed its ${deadline} ms deadline before it had traced anything; this is tier 1's plain tracing`));
  }
  expect(outcomes['small@1']).toMatchObject({ ok: true }); // a small file's decode fits: it is traced

  // The card shows the fallback (tier 2 through the UI, 256 px via the advanced options).
  await page.getByTestId('advanced-options').locator('summary').click();
  await page.getByTestId('opt-max-side').fill('256');
  await page.getByTestId('tier-select').selectOption('2');
  await page.getByTestId('file-input').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.from(big) });
  const card = page.locator('[data-testid="result-card"][data-file="big.png"]');
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(card.getByTestId('fallback')).toContainText(`Fallback from deadline: Tier 2 passed its ${deadline} ms deadline`);

  // A trace worker that never returns: stopped at the hard deadline counted from the decode
  // (tier 1: deadline + 5 s), not after wasm start-up or a fixed 2-minute limit.
  await page.goto(`/?concurrency=1&deadline=500&fault=hang-once`);
  await page.waitForFunction(() => (globalThis as any).__tracewise);
  const hang = await page.evaluate(async (base64) => {
    const runtime = (globalThis as any).__tracewise;
    const blob = new Blob([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], { type: 'image/png' });
    const [o] = await runtime.convertMany([blob], { tier: 1 });
    return { ok: o.ok, code: o.error?.code, message: o.error?.message, ms: o.ms, log: runtime.log.join('\n') };
  }, toFiles.small);
  expect(hang).toMatchObject({ ok: false, code: 'TIMEOUT', message: 'Tier 1 ran past its 500 ms deadline and did not stop by 5500 ms; its worker was stopped.' });
  expect(hang.log).toMatch(/trace pool\] worker \d+ terminated \(job timed out\)/);
  expect(hang.ms).toBeGreaterThanOrEqual(5500);
});
