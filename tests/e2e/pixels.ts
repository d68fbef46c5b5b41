import type { Locator, Page } from '@playwright/test';

/**
 * Share of "mixed" pixels (anti-aliasing or scaling blends: far from every pure colour given) in
 * a horizontal band [x0, x1) (fractions of the width) of an element's screenshot. A crisp vector
 * edge at 8× zoom is ~1 px wide; a pixelated bitmap's anti-aliased edge pixel becomes an 8×8 block.
 */
export async function mixedFraction(page: Page, element: Locator, pure: [number, number, number][], x0 = 0, x1 = 1): Promise<number> {
  const png = (await element.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, pure, x0, x1 }) => {
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const from = Math.floor(bitmap.width * x0);
      const to = Math.ceil(bitmap.width * x1);
      const { data } = context.getImageData(from, 0, to - from, bitmap.height);
      let mixed = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near = pure.some(([r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 48);
        if (!near) mixed++;
      }
      return mixed / (data.length / 4);
    },
    { png, pure, x0, x1 },
  );
}
