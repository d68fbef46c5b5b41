import { describe, expect, it } from 'vitest';
import { THUMBNAIL_CHANNELS, THUMBNAIL_SIDE, thumbnail } from '../../scripts/train/thumbnail';
import type { Raster } from '../../src/core/types';

/** A raster painted pixel by pixel: paint(x, y) → [r, g, b, a]. */
function rasterOf(width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Raster {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 4);
  return { width, height, data };
}

/** Channel c (0 alpha, 1–3 red/green/blue over white) at cell (x, y) of a side × side thumbnail. */
const at = (t: Float32Array, side: number, c: number, x: number, y: number): number => t[c * side * side + y * side + x]!;

describe('thumbnail', () => {
  it('is THUMBNAIL_CHANNELS planes of THUMBNAIL_SIDE² numbers in 0–1 (float32), and repeatable', () => {
    const raster = rasterOf(40, 40, (x, y) => [x * 6, y * 6, 128, (x + y) * 3]);
    const t = thumbnail(raster);
    expect(t).toHaveLength(THUMBNAIL_CHANNELS.length * THUMBNAIL_SIDE ** 2);
    expect([...t].every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(thumbnail(raster)).toEqual(t);
  });

  it('area-averages: an opaque red left half over a transparent right half', () => {
    const t = thumbnail(rasterOf(64, 64, (x) => (x < 32 ? [255, 0, 0, 255] : [0, 0, 0, 0])), 16);
    for (const y of [0, 7, 15]) {
      expect(at(t, 16, 0, 3, y)).toBe(1);
      expect(at(t, 16, 2, 3, y)).toBe(0); // green of red
      expect(at(t, 16, 0, 12, y)).toBe(0);
      expect(at(t, 16, 2, 12, y)).toBe(1); // transparent shows the white it is composited on
      expect(at(t, 16, 1, 12, y)).toBe(1);
    }
  });

  it('composites a half-transparent black over white, premultiplied', () => {
    const t = thumbnail(rasterOf(32, 32, () => [0, 0, 0, 128]), 8);
    expect(at(t, 8, 0, 4, 4)).toBeCloseTo(128 / 255, 6);
    expect(at(t, 8, 1, 4, 4)).toBeCloseTo(1 - 128 / 255, 6);
    // A transparent pixel's stored colour adds nothing: fully transparent green reads as white.
    const hidden = thumbnail(rasterOf(32, 32, () => [0, 255, 0, 0]), 8);
    expect(at(hidden, 8, 1, 2, 2)).toBe(1);
    expect(at(hidden, 8, 0, 2, 2)).toBe(0);
  });

  it('letterboxes a wide image with transparent bands above and below', () => {
    const t = thumbnail(rasterOf(64, 32, () => [0, 0, 0, 255]), 16);
    expect(at(t, 16, 0, 8, 0)).toBe(0);
    expect(at(t, 16, 0, 8, 3)).toBe(0);
    expect(at(t, 16, 0, 8, 4)).toBeCloseTo(1, 6);
    expect(at(t, 16, 0, 8, 11)).toBeCloseTo(1, 6);
    expect(at(t, 16, 0, 8, 12)).toBe(0);
    expect(at(t, 16, 1, 8, 8)).toBeCloseTo(0, 6);
  });

  it('spreads a small image over the cells (an odd 3 px side straddles cell edges)', () => {
    const t = thumbnail(rasterOf(3, 3, (x) => (x === 1 ? [0, 0, 255, 255] : [255, 255, 255, 255])), 8);
    // Each source pixel spans 8/3 cells: cell 2 is 2/3 white + 1/3 blue, cells 3–4 are blue.
    expect(at(t, 8, 0, 2, 2)).toBeCloseTo(1, 6);
    expect(at(t, 8, 1, 2, 2)).toBeCloseTo(2 / 3, 6);
    expect(at(t, 8, 1, 3, 2)).toBeCloseTo(0, 6);
    expect(at(t, 8, 3, 4, 7)).toBeCloseTo(1, 6);
  });
});
