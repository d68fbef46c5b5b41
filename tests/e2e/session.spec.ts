import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { renderPng } from './logoPng';

test.use({ serviceWorkers: 'allow' });

/**
 * One full session — convert, compare, ZIP, benchmark (+ export), About, a phone-sized window —
 * recording every request the page, its workers and its service worker make: none may leave the
 * origin, and nothing may trip the Content-Security-Policy. Screenshots of each view are kept.
 */
test('a full session makes no foreign-origin request and no CSP violation; the benchmark panel measures and exports', async ({ page, context, baseURL }, testInfo) => {
  test.setTimeout(150_000);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to (CSP) ${event.violatedDirective} ${event.blockedURI}`));
  });
  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    await testInfo.attach(name, { path: testInfo.outputPath(`${name}.png`), contentType: 'image/png' });
  };

  await page.goto('/?benchSamples=3');
  const png = await renderPng();
  await page.getByTestId('file-input').setInputFiles([
    { name: 'one.png', mimeType: 'image/png', buffer: png },
    { name: 'two.png', mimeType: 'image/png', buffer: png },
  ]);
  const cards = page.getByTestId('result-card');
  await expect(cards.nth(1)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(cards.nth(0)).toHaveAttribute('data-state', 'done');
  await cards.nth(0).getByTestId('view-compare').click();
  await cards.nth(0).getByTestId('zoom-select').selectOption('8');
  await shot('convert-and-compare');
  const zip = page.waitForEvent('download');
  await page.getByTestId('download-zip').click();
  expect((await zip).suggestedFilename()).toBe('tracewise-svgs.zip');

  // Benchmark: 3 samples × 3 tiers in this browser.
  await page.getByTestId('tab-benchmark').click();
  await page.getByTestId('bench-run').click();
  await expect(page.getByTestId('bench-results')).toBeVisible({ timeout: 120_000 });
  const rows = page.getByTestId('bench-tier-row');
  await expect(rows).toHaveCount(3);
  const figures = await rows.evaluateAll((all) =>
    all.map((row) => ({
      tier: Number(row.getAttribute('data-tier')),
      medianMs: Number(row.querySelector('[data-testid="bench-median-ms"]')!.getAttribute('data-value')),
      ssim: Number(row.querySelector('[data-testid="bench-ssim"]')!.getAttribute('data-value')),
    })),
  );
  for (const row of figures) {
    expect(row.medianMs).toBeGreaterThan(0);
    expect(row.ssim).toBeGreaterThan(0.5);
    expect(row.ssim).toBeLessThanOrEqual(1);
  }
  await expect(page.getByTestId('bench-operations').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('bench-models').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('chart-time').locator('.bar-row')).toHaveCount(3);
  await expect(page.getByTestId('bench-memory')).toBeVisible();
  await shot('benchmark');
  const exported = page.waitForEvent('download');
  await page.getByTestId('bench-export').click();
  const report = JSON.parse(await readFile((await (await exported).path())!, 'utf8'));
  expect(report.tiers).toHaveLength(3);
  expect(report.rows).toHaveLength(9);
  expect(report.crossOriginIsolated).toBe(true);
  expect(report.modelLoads.length).toBeGreaterThan(0);
  await testInfo.attach('benchmark-report.json', { body: JSON.stringify(report, null, 1), contentType: 'application/json' });

  await page.getByTestId('tab-about').click();
  await expect(page.getByTestId('credits').locator('tbody tr')).toHaveCount(12);
  await shot('about');

  // A phone-sized window: no horizontal scrolling.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByTestId('tab-convert').click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await shot('phone-360');

  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(requests.length).toBeGreaterThan(10);
  expect(violations).toEqual([]);
});
