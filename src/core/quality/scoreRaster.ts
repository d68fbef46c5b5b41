import { gaussianSsim, lumaOf } from './gaussianSsim';
import type { Quality, Raster } from '../types';

/**
 * Scores a rendering against the original the way a viewer sees them: both composited over
 * white. SSIM is Wang et al.'s (Gaussian 11 px window, σ 1.5, on luma): see gaussianSsim.ts.
 */
export function scoreRaster(original: Raster, rendered: Raster): Quality {
  if (original.width !== rendered.width || original.height !== rendered.height) {
    throw new Error('scoreRaster needs two rasters of the same size.');
  }
  const a = overWhite(original);
  const b = overWhite(rendered);
  let rgbError = 0;
  let alphaError = 0;
  const pixels = original.width * original.height;
  for (let i = 0; i < pixels * 4; i += 4) {
    rgbError += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
    alphaError += Math.abs(original.data[i + 3] - rendered.data[i + 3]);
  }
  return {
    ssim: structuralSimilarity(original.width, original.height, a, b),
    mae: rgbError / (pixels * 3),
    alphaMae: alphaError / pixels,
  };
}

function structuralSimilarity(width: number, height: number, a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  // The Gaussian window needs at least 11×11 pixels; a smaller image is compared exactly.
  if (width < 11 || height < 11) return identical(a, b) ? 1 : meanLumaSimilarity(a, b);
  return gaussianSsim(width, height, lumaOf(a), lumaOf(b));
}

function overWhite(raster: Raster): Uint8ClampedArray {
  const out = new Uint8ClampedArray(raster.data.length);
  const src = raster.data;
  for (let i = 0; i < src.length; i += 4) {
    const alpha = src[i + 3] / 255;
    const white = 255 * (1 - alpha);
    out[i] = src[i] * alpha + white;
    out[i + 1] = src[i + 1] * alpha + white;
    out[i + 2] = src[i + 2] * alpha + white;
    out[i + 3] = 255;
  }
  return out;
}

function identical(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  return a.every((value, i) => value === b[i]);
}

/** For images too small for a window: 1 − mean absolute luma difference. */
function meanLumaSimilarity(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let total = 0;
  for (let i = 0; i < a.length; i += 4) total += Math.abs(luma(a, i) - luma(b, i));
  return 1 - total / (a.length / 4) / 255;
}

function luma(data: Uint8ClampedArray, i: number): number {
  return 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
}
