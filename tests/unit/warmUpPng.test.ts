import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { WARM_UP_PNG } from '../../src/core/decode/warmUpPng';

describe('the decoder warm-up PNG', () => {
  // The decoder warm-up decodes stored bytes to skip a fresh instance's slow first encode; they
  // must stay the image warmUpPng() draws, or the warm-up would exercise a different decode.
  it('decodes to the same pixels as the generated logo', async () => {
    const vips = await loadVips(nodeHost);
    const stored = decodeImage(vips, WARM_UP_PNG, { maxSide: 256, maxPixels: 1_000_000 });
    const generated = decodeImage(vips, warmUpPng(vips), { maxSide: 256, maxPixels: 1_000_000 });
    expect([stored.raster.width, stored.raster.height]).toEqual([96, 96]);
    expect(Buffer.from(stored.raster.data).equals(Buffer.from(generated.raster.data))).toBe(true);
    // Not a blank canvas: the red disc and the white square are both there.
    const at = (x: number, y: number) => Array.from(stored.raster.data.subarray((y * 96 + x) * 4, (y * 96 + x) * 4 + 4));
    expect(at(48, 48)).toEqual([255, 255, 255, 255]);
    expect(at(48, 16)).toEqual([200, 40, 40, 255]);
  });
});

/** A small generated logo (a red disc with a white square), encoded by vips: warm-up input. */
function warmUpPng(vips: Awaited<ReturnType<typeof loadVips>>): Uint8Array {
  const canvas = vips.Image.black(96, 96, { bands: 4 });
  canvas.drawCircle([200, 40, 40, 255], 48, 48, 36, { fill: true });
  canvas.drawRect([255, 255, 255, 255], 34, 34, 28, 28, { fill: true });
  const png = canvas.writeToBuffer('.png');
  canvas.delete();
  return png;
}
