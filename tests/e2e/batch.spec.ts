import { expect, test, type Page } from '@playwright/test';
import { LOGO_SVG, renderPng } from './logoPng';

/** `count` distinct small logos named logo-01.png … (the colour changes, so no two are equal). */
async function logos(count: number, prefix = 'logo'): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `${prefix}-${String(i + 1).padStart(2, '0')}.png`,
      mimeType: 'image/png',
      buffer: await renderPng(LOGO_SVG.replace('#d62828', `#${(0xd62828 + i * 0x0a0b03).toString(16).slice(-6)}`)),
    })),
  );
}

function cardStates(page: Page): Promise<(string | null)[]> {
  return page.getByTestId('result-card').evaluateAll((all) => all.map((card) => card.getAttribute('data-state')));
}

test('ten files convert in parallel and end done, in input order, with a batch progress bar', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/?concurrency=2');
  await page.evaluate(() => {
    // Main-thread long tasks during the batch: the tab must stay responsive.
    (globalThis as any).longTasks = [];
    new PerformanceObserver((list) => (globalThis as any).longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
    });
  });
  const files = await logos(10);
  await page.getByTestId('tier-select').selectOption('1');
  await page.getByTestId('file-input').setInputFiles(files);

  await expect(page.getByTestId('batch-progress')).toBeVisible();
  await expect(page.getByTestId('count-working')).toHaveText('2'); // both trace workers busy at once
  const cards = page.getByTestId('result-card');
  await expect(cards).toHaveCount(10);
  await expect.poll(() => cardStates(page), { timeout: 60_000 }).toEqual(Array(10).fill('done'));
  expect(await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-file')))).toEqual(files.map((f) => f.name));
  await expect(page.getByTestId('batch-progress')).toBeHidden(); // idle again
  // No main-thread task near a second (conversions run in workers). Loose on purpose: a shared
  // 2-core CI box under load stretches every task; tests/load reports the real lag figures.
  const longest = await page.evaluate(() => Math.max(0, ...(globalThis as any).longTasks));
  expect(longest).toBeLessThan(1000);
  expect(errors).toEqual([]);
});

test('Cancel mid-batch: every card ends done or ABORTED, none stuck, and the pool still works', async ({ page }) => {
  await page.goto('/?concurrency=2');
  await page.getByTestId('tier-select').selectOption('3');
  await page.getByTestId('file-input').setInputFiles(await logos(10));
  const cards = page.getByTestId('result-card');
  await expect(cards.first()).toHaveAttribute('data-state', 'working');
  await page.getByTestId('cancel-batch').click();

  await expect.poll(async () => (await cardStates(page)).every((s) => s === 'done' || s === 'error')).toBe(true);
  const codes = await cards.evaluateAll((all) =>
    all.filter((c) => c.getAttribute('data-state') === 'error').map((c) => c.querySelector('[data-testid="error-code"]')?.textContent),
  );
  expect(codes.length).toBeGreaterThan(0);
  expect(new Set(codes)).toEqual(new Set(['ABORTED']));
  await expect(page.getByTestId('batch-progress')).toBeHidden();

  await page.getByTestId('file-input').setInputFiles((await logos(1, 'after'))[0]);
  await expect(page.locator('[data-testid="result-card"][data-file="after-01.png"]')).toHaveAttribute('data-state', 'done');
});

test('a job past its deadline ends TIMEOUT, its worker is replaced and the pool keeps working', async ({ page }) => {
  // hang-once: the first trace never returns; only the hard deadline ends it. The deadline also
  // covers wasm-vips' cold start, which takes seconds on 2 busy cores: 8 s leaves room for it.
  await page.goto('/?deadline=8000&fault=hang-once');
  await page.getByTestId('tier-select').selectOption('1');
  const files = await logos(3);
  await page.getByTestId('file-input').setInputFiles(files);
  const cards = page.getByTestId('result-card');
  await expect(cards.nth(0)).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  await expect(cards.nth(0).getByTestId('error-code')).toHaveText('TIMEOUT');
  await expect(cards.nth(1)).toHaveAttribute('data-state', 'done');
  await expect(cards.nth(2)).toHaveAttribute('data-state', 'done');
  const log = await page.evaluate(() => (globalThis as any).__tracewise.log.join('\n'));
  expect(log).toMatch(/trace pool\] worker \d+ terminated \(job timed out\)/);
});

test('a crashed worker (wasm trap) is replaced and its file retried once, then done', async ({ page }) => {
  await page.goto('/?fault=crash-once');
  await page.getByTestId('tier-select').selectOption('1');
  await page.getByTestId('file-input').setInputFiles(await logos(2));
  const cards = page.getByTestId('result-card');
  await expect(cards.nth(0)).toHaveAttribute('data-state', 'done');
  await expect(cards.nth(1)).toHaveAttribute('data-state', 'done');
  const { crashed, log } = await page.evaluate(() => {
    const runtime = (globalThis as any).__tracewise;
    return { crashed: runtime.converter.tracePool.stats().crashed, log: runtime.log.join('\n') };
  });
  expect(crashed).toBe(1);
  expect(log).toContain('crashed: Uncaught RuntimeError: unreachable');
  expect(log).toContain('retrying the job on a fresh worker (attempt 2)');
});

test('the memory monitor samples workers and, over its threshold, sheds load without stalling', async ({ page }) => {
  // A 16 MB alert is always exceeded (wasm-vips alone reserves far more): the valve must act,
  // and conversions must still finish one at a time.
  await page.goto('/?memAlertMb=16&concurrency=2');
  await page.getByTestId('tier-select').selectOption('1');
  await page.getByTestId('file-input').setInputFiles(await logos(4));
  await expect.poll(() => cardStates(page), { timeout: 60_000 }).toEqual(Array(4).fill('done'));
  await expect(page.getByTestId('memory-panel')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (globalThis as any).__tracewise.monitor.samples().some((s: any) => s.workers.some((w: any) => w.pool === 'decode' && w.wasmBytes > 0))))
    .toBe(true);
  const log = await page.evaluate(() => (globalThis as any).__tracewise.log.join('\n'));
  expect(log).toMatch(/paused intake, trace pool \d→1/);
  expect(log).toContain('retired');
});
