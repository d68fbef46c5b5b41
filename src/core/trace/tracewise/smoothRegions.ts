import type { Raster } from '../../types';

/** Neighbours differing by at most this (any premultiplied channel, or alpha) belong to the same
 * smooth region. */
const SMOOTH_STEP = 10;
/** Fainter pixels take no part: their colours are mostly rounding. */
const MIN_ALPHA = 16;

export interface SmoothRegion {
  pixels: Uint32Array;
  /** Largest per-channel spread of the region's colours: 0 for a flat area. */
  range: number;
}

/**
 * Splits the image into regions inside which colour changes only gradually: 4-neighbours whose
 * channels all differ by at most SMOOTH_STEP are joined (union–find). A flat area and a gradient
 * both form one region, and so does a fade to transparency; an anti-aliased edge separates regions.
 */
export function smoothRegions(raster: Raster, minPixels: number): SmoothRegion[] {
  const { width, height, data } = raster;
  const parent = new Int32Array(width * height).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // Premultiplied, so that faint pixels' noisy straight colours do not split a fade.
  const close = (a: number, b: number): boolean => {
    const alphaA = data[a * 4 + 3];
    const alphaB = data[b * 4 + 3];
    if (alphaA < MIN_ALPHA || alphaB < MIN_ALPHA || Math.abs(alphaA - alphaB) > SMOOTH_STEP) return false;
    for (let k = 0; k < 3; k++) if (Math.abs((data[a * 4 + k] * alphaA - data[b * 4 + k] * alphaB) / 255) > SMOOTH_STEP) return false;
    return true;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (x + 1 < width && close(p, p + 1)) parent[find(p)] = find(p + 1);
      if (y + 1 < height && close(p, p + width)) parent[find(p)] = find(p + width);
    }
  }
  // Count each region's pixels first, then gather only the regions large enough to matter.
  const count = width * height;
  const rootOf = new Int32Array(count);
  const size = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    rootOf[p] = data[p * 4 + 3] >= MIN_ALPHA ? find(p) : -1;
    if (rootOf[p] >= 0) size[rootOf[p]]++;
  }
  const regions = new Map<number, { pixels: Uint32Array; filled: number }>();
  for (let p = 0; p < count; p++) {
    const root = rootOf[p];
    if (root < 0 || size[root] < minPixels) continue;
    let region = regions.get(root);
    if (!region) regions.set(root, (region = { pixels: new Uint32Array(size[root]), filled: 0 }));
    region.pixels[region.filled++] = p;
  }
  return [...regions.values()].map(({ pixels }) => ({ pixels, range: colourRange(data, pixels) }));
}

/** Over straight RGB and alpha: a fade of one colour to transparency spans its alpha range. */
export function colourRange(data: Uint8ClampedArray, pixels: Uint32Array): number {
  const low = [255, 255, 255, 255];
  const high = [0, 0, 0, 0];
  for (const p of pixels) {
    for (let k = 0; k < 4; k++) {
      const v = data[p * 4 + k];
      if (v < low[k]) low[k] = v;
      if (v > high[k]) high[k] = v;
    }
  }
  return Math.max(high[0] - low[0], high[1] - low[1], high[2] - low[2], high[3] - low[3]);
}
