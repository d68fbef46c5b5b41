import { expect, test } from '@playwright/test';

test('the page is cross-origin isolated (wasm-vips needs SharedArrayBuffer)', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});

test('the tier select offers tiers 1, 2 and 3, with 2 as the default', async ({ page }) => {
  await page.goto('/');
  const select = page.getByTestId('tier-select');
  await expect(select).toHaveValue('2');
  const values = await select.locator('option').evaluateAll((options) =>
    options.map((option) => (option as HTMLOptionElement).value),
  );
  expect(values).toEqual(['1', '2', '3']);
  // It is labelled, so assistive technology can name it.
  await expect(page.getByLabel('Tier')).toHaveCount(1);
});

test('the file input accepts several image files', async ({ page }) => {
  await page.goto('/');
  const input = page.getByTestId('file-input');
  await expect(input).toHaveAttribute('type', 'file');
  await expect(input).toHaveAttribute('multiple', '');
  const accept = (await input.getAttribute('accept'))?.split(',') ?? [];
  expect(accept.sort()).toEqual(['image/gif', 'image/jpeg', 'image/png', 'image/webp']);
});
