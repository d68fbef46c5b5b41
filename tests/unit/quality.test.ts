import { describe, expect, it } from 'vitest';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core/types';

function solid(width: number, height: number, rgba: number[]): Raster {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
}

function withSquare(base: Raster, rgba: number[], from: number, to: number): Raster {
  const out = { ...base, data: new Uint8ClampedArray(base.data) };
  for (let y = from; y < to; y++) for (let x = from; x < to; x++) out.data.set(rgba, (y * base.width + x) * 4);
  return out;
}

describe('scoreRaster', () => {
  it('scores identical images as perfect', () => {
    const image = withSquare(solid(32, 32, [255, 255, 255, 255]), [200, 0, 0, 255], 8, 24);
    expect(scoreRaster(image, image)).toEqual({ ssim: 1, mae: 0, alphaMae: 0 });
  });

  it('compares over white: transparent equals opaque white in colour, not in alpha', () => {
    const score = scoreRaster(solid(32, 32, [0, 0, 0, 0]), solid(32, 32, [255, 255, 255, 255]));
    expect(score.ssim).toBe(1);
    expect(score.mae).toBe(0);
    expect(score.alphaMae).toBe(255);
  });

  it('drops as the structure differs, in proportion to the damage', () => {
    const base = withSquare(solid(48, 48, [255, 255, 255, 255]), [0, 0, 0, 255], 8, 40);
    const small = scoreRaster(base, withSquare(base, [255, 255, 255, 255], 20, 24));
    const large = scoreRaster(base, withSquare(base, [255, 255, 255, 255], 12, 36));
    expect(small.ssim).toBeLessThan(1);
    expect(large.ssim).toBeLessThan(small.ssim);
    expect(large.mae).toBeGreaterThan(small.mae);
    expect(small.mae).toBeCloseTo((16 * 255) / (48 * 48), 6);
  });

  it('handles images smaller than the SSIM window', () => {
    const a = solid(4, 4, [0, 0, 0, 255]);
    expect(scoreRaster(a, a).ssim).toBe(1);
    expect(scoreRaster(a, solid(4, 4, [255, 255, 255, 255])).ssim).toBeCloseTo(0, 6);
  });

  it('refuses rasters of different sizes', () => {
    expect(() => scoreRaster(solid(4, 4, [0, 0, 0, 255]), solid(5, 4, [0, 0, 0, 255]))).toThrow(/same size/);
  });
});
