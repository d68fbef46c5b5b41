import { readdirSync, readFileSync } from 'node:fs';
import { ssim } from 'ssim.js';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { gaussianSsim, lumaOf } from '../../src/core/quality/gaussianSsim';
import { logoSvg, pngFromSvg } from './fixtures';

/** ssim.js's 'original' algorithm (Wang's MATLAB port): the reference our faster one must match. */
function reference(width: number, height: number, a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  return ssim({ width, height, data: a }, { width, height, data: b }, { ssim: 'original', downsample: false, rgb2grayVersion: 'original' }).mssim;
}

function noisy(width: number, height: number, seed: number): Uint8ClampedArray {
  let state = seed;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  return data;
}

describe('gaussianSsim', () => {
  it('matches ssim.js (original algorithm) on random images of odd sizes', () => {
    for (const [w, h] of [[11, 11], [37, 23], [64, 64]]) {
      const a = noisy(w, h, 1);
      const b = noisy(w, h, 2);
      const mixed = a.map((v, i) => (i % 7 === 0 ? b[i] : v));
      expect(gaussianSsim(w, h, lumaOf(a), lumaOf(mixed))).toBeCloseTo(reference(w, h, a, mixed), 10);
      expect(gaussianSsim(w, h, lumaOf(a), lumaOf(b))).toBeCloseTo(reference(w, h, a, b), 10);
    }
  });

  it('matches ssim.js on a real logo against a shifted copy', async () => {
    const raster = decodeImage(await loadVips(nodeHost), await pngFromSvg(logoSvg(96)), { maxSide: 1024, maxPixels: 1e7 }).raster;
    const shifted = new Uint8ClampedArray(raster.data.length);
    shifted.set(raster.data.subarray(4)); // one pixel to the left
    const over = (d: Uint8ClampedArray) => d.map((v, i) => (i % 4 === 3 ? 255 : v));
    const a = over(raster.data);
    const b = over(shifted);
    expect(gaussianSsim(96, 96, lumaOf(a), lumaOf(b))).toBeCloseTo(reference(96, 96, a, b), 10);
  });

  it('is 1 for identical images and refuses images under the window size', () => {
    const a = noisy(20, 20, 3);
    expect(gaussianSsim(20, 20, lumaOf(a), lumaOf(a))).toBeCloseTo(1, 12);
    expect(() => gaussianSsim(10, 30, new Uint8Array(300), new Uint8Array(300))).toThrow(/11×11/);
  });
});
