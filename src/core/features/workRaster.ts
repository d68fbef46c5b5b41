import type { Raster } from '../types';

/** Features are measured at most this large: the training corpus is 256 px, and it keeps the
 * extractor within its ~5 ms budget whatever the input size. */
export const FEATURE_MAX_SIDE = 256;

/** A raster split into the planes the features need. */
export interface WorkRaster {
  width: number;
  height: number;
  alpha: Uint8Array;
  /** RGB composited over white, interleaved (3 bytes a pixel): what a tracer's binariser sees. */
  rgbOverWhite: Uint8Array;
  /** RGB as stored (not composited), interleaved; 0 where alpha is 0. */
  rgb: Uint8Array;
}

/**
 * Larger rasters are area-averaged (premultiplied, so transparent pixels add no dark fringe) to a
 * longest side of exactly FEATURE_MAX_SIDE, then split into planes. Deterministic arithmetic.
 */
export function toWorkRaster(raster: Raster): WorkRaster {
  const work = shrinkToSide(raster, FEATURE_MAX_SIDE);
  return split(work.width, work.height, work.data);
}

/**
 * The raster area-averaged (in premultiplied RGBA) to a longest side of `side`;
 * returned as is when it is not larger. toWorkRaster shrinks large inputs with it; the multi-scale
 * study (scripts/train/multiScaleStudy.ts) made its smaller views of an image with it too.
 */
export function shrinkToSide(raster: Raster, side: number): Raster {
  const longest = Math.max(raster.width, raster.height);
  if (longest <= side) return raster;
  const scale = side / longest;
  const width = Math.max(1, Math.round(raster.width * scale));
  const height = Math.max(1, Math.round(raster.height * scale));
  return { width, height, data: areaResample(raster, width, height) };
}

/** Output sample k covers source [k·r, (k+1)·r); each source pixel weighs its overlap. */
interface Taps { first: Int32Array; weights: Float64Array[] }

function taps(source: number, target: number): Taps {
  const r = source / target;
  const first = new Int32Array(target);
  const weights: Float64Array[] = [];
  for (let k = 0; k < target; k++) {
    const lo = k * r, hi = (k + 1) * r;
    const start = Math.floor(lo);
    const end = Math.min(source, Math.ceil(hi));
    first[k] = start;
    const w = new Float64Array(end - start);
    for (let s = start; s < end; s++) w[s - start] = (Math.min(hi, s + 1) - Math.max(lo, s)) / r;
    weights.push(w);
  }
  return { first, weights };
}

/** Separable area average in premultiplied float RGBA, back to straight 8-bit RGBA. */
function areaResample(raster: Raster, width: number, height: number): Uint8ClampedArray {
  const { width: sw, height: sh, data } = raster;
  const h = taps(sw, width);
  const v = taps(sh, height);
  const rows = new Float64Array(width * sh * 4);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < width; x++) {
      const w = h.weights[x]!;
      let r = 0, g = 0, b = 0, a = 0;
      for (let k = 0, o = (y * sw + h.first[x]!) * 4; k < w.length; k++, o += 4) {
        const wa = w[k]! * data[o + 3]!;
        r += wa * data[o]!;
        g += wa * data[o + 1]!;
        b += wa * data[o + 2]!;
        a += wa;
      }
      const t = (y * width + x) * 4;
      rows[t] = r; rows[t + 1] = g; rows[t + 2] = b; rows[t + 3] = a;
    }
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const w = v.weights[y]!;
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let k = 0, o = ((v.first[y]! * width) + x) * 4; k < w.length; k++, o += width * 4) {
        r += w[k]! * rows[o]!;
        g += w[k]! * rows[o + 1]!;
        b += w[k]! * rows[o + 2]!;
        a += w[k]! * rows[o + 3]!;
      }
      const t = (y * width + x) * 4;
      // Uint8ClampedArray rounds half to even and clamps.
      out[t + 3] = a;
      if (a > 0) {
        out[t] = r / a;
        out[t + 1] = g / a;
        out[t + 2] = b / a;
      }
    }
  }
  return out;
}

/** Splits straight RGBA into alpha, RGB and RGB-over-white planes, integer maths only. */
function split(width: number, height: number, data: Uint8ClampedArray): WorkRaster {
  const n = width * height;
  const alpha = new Uint8Array(n);
  const rgb = new Uint8Array(n * 3);
  const rgbOverWhite = new Uint8Array(n * 3);
  for (let i = 0, o = 0, j = 0; i < n; i++, o += 4, j += 3) {
    const a = data[o + 3]!;
    alpha[i] = a;
    if (a === 255) {
      rgb[j] = rgbOverWhite[j] = data[o]!;
      rgb[j + 1] = rgbOverWhite[j + 1] = data[o + 1]!;
      rgb[j + 2] = rgbOverWhite[j + 2] = data[o + 2]!;
    } else if (a === 0) {
      rgbOverWhite[j] = rgbOverWhite[j + 1] = rgbOverWhite[j + 2] = 255;
    } else {
      const white = 255 * (255 - a) + 127;
      for (let k = 0; k < 3; k++) {
        const c = data[o + k]!;
        rgb[j + k] = c;
        rgbOverWhite[j + k] = ((c * a + white) / 255) | 0;
      }
    }
  }
  return { width, height, alpha, rgb, rgbOverWhite };
}
