import { expect, test, type Page } from '@playwright/test';
import { renderPng } from './logoPng';

/** Uncaught errors on the page or in its workers fail the test that caused them. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('a PNG logo converts to an SVG that renders, downloads and scores well', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await renderPng() });

  const card = page.locator('[data-testid="result-card"][data-file="logo.png"]');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 45_000 });

  // The SVG is shown through an <img> (object URL), never as inline markup.
  const svgImage = card.getByTestId('svg-output');
  await expect(svgImage).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => svgImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(await svgImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(128);
  await expect(card.locator('svg')).toHaveCount(0);
  await expect(card.getByTestId('original-image')).toHaveAttribute('src', /^blob:/);

  const download = card.getByTestId('download-svg');
  await expect(download).toHaveAttribute('download', 'logo.svg');
  const href = await download.getAttribute('href');
  expect(href).toMatch(/^blob:/);
  const svgText = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
  expect(svgText.startsWith('<svg')).toBe(true);
  // The logo's two shapes, in their colours: a circle partly behind a rounded square. (Either may
  // be written as a path or as the primitive it is; the engine now writes both as primitives.)
  expect(svgText).toMatch(/<(?:circle|ellipse|path)\b[^>]*fill="#d62828"/);
  expect(svgText).toMatch(/<(?:rect|path)\b[^>]*fill="#1d4ed8"/);

  const ssim = Number(await card.getByTestId('ssim').textContent());
  expect(ssim).toBeGreaterThan(0.8);
  expect(ssim).toBeLessThanOrEqual(1);
  const bytes = Number(await card.getByTestId('svg-bytes').getAttribute('data-value'));
  expect(bytes).toBe(new TextEncoder().encode(svgText).length);
  expect(Number(await card.getByTestId('time-ms').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(card.getByTestId('engine')).not.toBeEmpty();
  await expect(card.getByTestId('tier')).toHaveText('2');
  expect(errors).toEqual([]);
});

test('a file that is not an image ends in an INVALID_IMAGE error card', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('this is plain text, not a PNG\n') });

  const card = page.locator('[data-testid="result-card"][data-file="x.png"]');
  await expect(card).toHaveAttribute('data-state', 'error', { timeout: 45_000 });
  await expect(card.getByTestId('error-code')).toHaveText('INVALID_IMAGE');
  await expect(card.getByTestId('error-code')).toBeVisible();
  await expect(card.getByTestId('error-message')).not.toBeEmpty();
  await expect(card.getByTestId('download-svg')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('files dropped on the page convert with the chosen tier, no more at once than the pool has workers', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('tier-select').selectOption('3');
  const png = [...(await renderPng())];
  // A real drop: a DataTransfer carrying Files, dispatched on the page body.
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'first.png', { type: 'image/png' }));
    transfer.items.add(new File(['not an image'], 'second.png', { type: 'image/png' }));
    transfer.items.add(new File([new Uint8Array(bytes)], 'third.png', { type: 'image/png' }));
    return transfer;
  }, png);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();

  const cards = page.getByTestId('result-card');
  await expect(cards).toHaveCount(3);
  expect(await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-file')))).toEqual([
    'first.png',
    'second.png',
    'third.png',
  ]);
  // Never more cards working than the pool has trace workers.
  const workers = await page.evaluate(() => (globalThis as any).__tracewise.settings.concurrency as number);
  const states = await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-state')));
  expect(states.filter((state) => state === 'working').length).toBeLessThanOrEqual(workers);

  await expect(cards.nth(2)).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(cards.nth(0)).toHaveAttribute('data-state', 'done');
  await expect(cards.nth(1)).toHaveAttribute('data-state', 'error');
  await expect(cards.nth(0).getByTestId('tier')).toHaveText('3');
  await expect(cards.nth(2).getByTestId('tier')).toHaveText('3');
});

test('removing a card revokes its object URLs', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await renderPng() });
  const card = page.locator('[data-testid="result-card"][data-file="logo.png"]');
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  const href = await card.getByTestId('download-svg').getAttribute('href');
  expect(await page.evaluate(async (url) => (await fetch(url!)).ok, href)).toBe(true);

  await card.getByRole('button', { name: 'Remove logo.png' }).click();
  await expect(card).toHaveCount(0);
  const fetchAfterRevoke = await page.evaluate(async (url) => {
    try {
      await fetch(url!);
      return 'fetched';
    } catch {
      return 'revoked';
    }
  }, href);
  expect(fetchAfterRevoke).toBe('revoked');
});

test('removing the card being converted aborts it and the queue carries on', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/');
  const png = await renderPng();
  await page.getByTestId('file-input').setInputFiles([
    { name: 'first.png', mimeType: 'image/png', buffer: png },
    { name: 'second.png', mimeType: 'image/png', buffer: png },
  ]);
  const first = page.locator('[data-testid="result-card"][data-file="first.png"]');
  const second = page.locator('[data-testid="result-card"][data-file="second.png"]');
  // The first conversion also starts wasm-vips (~0.5 s), so it is reliably still working here.
  await expect(first).toHaveAttribute('data-state', 'working');
  await expect(second).toHaveAttribute('data-state', 'queued');
  await first.getByRole('button', { name: 'Remove first.png' }).click();
  await expect(first).toHaveCount(0);
  // The worker was terminated mid-conversion; the next job gets a fresh one and completes.
  await expect(second).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  expect(errors).toEqual([]);
});
