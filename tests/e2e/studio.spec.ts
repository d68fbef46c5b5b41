import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { LOGO_SVG, renderPng } from './logoPng';
import { mixedFraction } from './pixels';

/** A red disc in the middle of a 128 px canvas: at 8× zoom its curved edges fill the compare view. */
const DISC_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect width="128" height="128" fill="#ffffff"/><circle cx="64" cy="64" r="14.3" fill="#d62828"/>
</svg>`;
const PURE: [number, number, number][] = [
  [255, 255, 255],
  [214, 40, 40],
];

async function logos(count: number): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `studio-${String(i + 1).padStart(2, '0')}.png`,
      mimeType: 'image/png',
      buffer: await renderPng(LOGO_SVG.replace('#1d4ed8', `#${(0x1d4ed8 + i * 0x0b0a03).toString(16).slice(-6)}`)),
    })),
  );
}

/** A real drop: a DataTransfer carrying Files, dispatched on the page body. */
async function drop(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
      return transfer;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, bytes: [...f.buffer] })),
  );
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

test('ten dropped files become ten SVGs; the ZIP holds exactly the per-card downloads; copy puts the markup on the clipboard', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.getByTestId('tier-select').selectOption('1');
  const files = await logos(10);
  await drop(page, files);
  const cards = page.getByTestId('result-card');
  await expect(cards).toHaveCount(10);
  await expect.poll(() => cards.evaluateAll((all) => all.filter((c) => c.getAttribute('data-state') === 'done').length), { timeout: 90_000 }).toBe(10);
  await expect(page.locator('[data-testid="result-card"] [data-testid="svg-output"]')).toHaveCount(10);

  // Per-card downloads: name → text.
  const perCard = await page.locator('[data-testid="download-svg"]').evaluateAll(async (links) =>
    Promise.all(links.map(async (a) => [a.getAttribute('download')!, await (await fetch((a as HTMLAnchorElement).href)).text()] as const)),
  );
  expect(perCard.map(([name]) => name)).toEqual(files.map((f) => f.name.replace(/\.png$/, '.svg')));

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('download-zip').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('tracewise-svgs.zip');
  const zipped = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const fromZip = Object.entries(zipped).map(([name, bytes]) => [name, strFromU8(bytes)] as const);
  expect(fromZip.map(([name]) => name).sort()).toEqual(perCard.map(([name]) => name).sort());
  for (const [name, text] of perCard) expect(zipped[name] && strFromU8(zipped[name])).toBe(text);

  // Copy SVG: the clipboard then holds exactly that card's markup.
  await page.bringToFront();
  await cards.nth(3).getByTestId('copy-svg').click();
  await expect(cards.nth(3).getByTestId('copy-status')).toHaveText('SVG markup copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(perCard[3][1]);

  await page.screenshot({ path: testInfo.outputPath('convert-view.png'), fullPage: false });
  await testInfo.attach('convert-view', { path: testInfo.outputPath('convert-view.png'), contentType: 'image/png' });
});

test('compare view: the split slider moves by mouse and keyboard and changes what is visible; 800% zoom shows a crisp SVG; pan works', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles({ name: 'disc.png', mimeType: 'image/png', buffer: await renderPng(DISC_SVG) });
  const card = page.locator('[data-testid="result-card"][data-file="disc.png"]');
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await card.getByTestId('view-compare').click();
  const viewport = card.getByTestId('compare-viewport');
  const slider = card.getByTestId('compare-slider');
  await expect(slider).toHaveAttribute('role', 'slider');
  await expect(slider).toHaveAttribute('aria-valuenow', '50');

  // Zoom to 800%: the SVG <img> is laid out at 8× its size (rasterised there, not a scaled bitmap).
  await card.getByTestId('zoom-select').selectOption('8');
  await expect(viewport).toHaveAttribute('data-zoom', '8');
  const svgBox = (await card.getByTestId('compare-svg').boundingBox())!;
  expect(Math.round(svgBox.width)).toBe(1024);
  expect(await card.getByTestId('compare-original').evaluate((img) => getComputedStyle(img).imageRendering)).toBe('pixelated');
  expect(await card.getByTestId('compare-svg').evaluate((img) => getComputedStyle(img).imageRendering)).toBe('auto');

  // Mouse: drag the handle to 20% of the view.
  const box = (await viewport.boundingBox())!;
  const handle = (await slider.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const afterDrag = Number(await slider.getAttribute('aria-valuenow'));
  expect(afterDrag).toBeGreaterThanOrEqual(18);
  expect(afterDrag).toBeLessThanOrEqual(22);
  expect(await card.getByTestId('compare-svg-layer').evaluate((el) => getComputedStyle(el).clipPath)).toContain(`${afterDrag}`.slice(0, 2));
  // Right of the line (70–85% of the width) is the SVG: crisp edges, few blended pixels.
  const svgSide = await mixedFraction(page, viewport, PURE, 0.7, 0.85);
  await viewport.screenshot({ path: testInfo.outputPath('compare-800-split20.png') });

  // Keyboard: End moves the line to the right edge; the same band is now the pixelated original.
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuenow', '100');
  const originalSide = await mixedFraction(page, viewport, PURE, 0.7, 0.85);
  expect(svgSide).toBeLessThan(originalSide / 2);
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuenow', '95');
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuenow', '0');
  // All SVG at 800%: crisper than the whole original at 800%.
  const allSvg = await mixedFraction(page, viewport, PURE, 0.15, 0.85);
  await viewport.screenshot({ path: testInfo.outputPath('compare-800-svg.png') });
  await testInfo.attach('compare-800-svg', { path: testInfo.outputPath('compare-800-svg.png'), contentType: 'image/png' });
  expect(allSvg).toBeGreaterThan(0); // the edge is there …
  expect(allSvg).toBeLessThan(originalSide / 2); // … and thin

  // Pan with the keyboard and by dragging; zoom with + / −.
  const before = (await card.getByTestId('compare-svg').boundingBox())!;
  await viewport.focus();
  await page.keyboard.press('ArrowLeft');
  const panned = (await card.getByTestId('compare-svg').boundingBox())!;
  expect(panned.x - before.x).toBeCloseTo(32, 0);
  await page.mouse.move(box.x + box.width * 0.6, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6 - 50, box.y + 60, { steps: 4 });
  await page.mouse.up();
  const dragged = (await card.getByTestId('compare-svg').boundingBox())!;
  expect(dragged.x - panned.x).toBeCloseTo(-50, 0);
  expect(dragged.y - panned.y).toBeCloseTo(20, 0);
  await page.keyboard.press('+');
  await expect(viewport).toHaveAttribute('data-zoom', '16');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(viewport).toHaveAttribute('data-zoom', '4');
});

test('paste adds images; a non-image is refused on its card; a card re-runs at another tier; advanced options apply and reset', async ({ page }) => {
  await page.goto('/');
  const png = [...(await renderPng())];
  await page.evaluate((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
    transfer.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
  }, png);
  const pasted = page.locator('[data-testid="result-card"][data-file^="pasted-"]');
  await expect(pasted).toHaveCount(1);
  const text = page.locator('[data-testid="result-card"][data-file="notes.txt"]');
  await expect(text).toHaveAttribute('data-state', 'error');
  await expect(text.getByTestId('error-code')).toHaveText('UNSUPPORTED_FORMAT');
  await expect(text.getByTestId('error-message')).toContainText('not a PNG, JPEG, WebP or GIF');
  await expect(pasted).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(pasted.getByTestId('tier')).toHaveText('2');

  // Advanced: quality measurement off, then re-run at tier 1.
  await page.getByTestId('advanced-options').locator('summary').click();
  await page.getByTestId('opt-measure').uncheck();
  await pasted.getByTestId('rerun-tier').selectOption('1');
  await pasted.getByTestId('rerun').click();
  await expect(pasted).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(pasted.getByTestId('tier')).toHaveText('1');
  await expect(pasted.getByTestId('ssim')).toHaveText('not measured');
  await page.getByTestId('opt-reset').click();
  await expect(page.getByTestId('opt-measure')).toBeChecked();
  await pasted.getByTestId('rerun').click();
  await expect(pasted).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(pasted.getByTestId('ssim')).not.toHaveText('not measured');
});
