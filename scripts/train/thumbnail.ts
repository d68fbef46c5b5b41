import type { Raster } from '../../src/core/types';

/** A THUMBNAIL_SIDE × THUMBNAIL_SIDE picture of the whole image, measured as a second classifier
 * input by thumbnailStudy.ts and convStudy.ts (not shipped: see README, The classifier). It lives with the trainer;
 * a model that used it would move it into src/core/features, for the runtime. */
export const THUMBNAIL_SIDE = 16;
/** Plane order of the thumbnail: coverage, then colour composited over white (all 0–1). */
export const THUMBNAIL_CHANNELS = ['alpha', 'redOverWhite', 'greenOverWhite', 'blueOverWhite'] as const;

/**
 * The image area-averaged (premultiplied, so transparent pixels add no colour) into a square of
 * `side` px, letterboxed: the longest side spans the square, the rest is transparent padding.
 * Returned channel-major (all alpha, then red, green, blue over white), 4 · side² numbers in 0–1.
 * Plain float64 arithmetic in a fixed order, so Node and browsers give the same values.
 */
export function thumbnail(raster: Raster, side = THUMBNAIL_SIDE): Float32Array {
  const { width, height, data } = raster;
  const scale = side / Math.max(width, height);
  const columns = overlaps(width, scale, side);
  const rows = overlaps(height, scale, side);
  // Horizontal pass: every source row into `side` cells of premultiplied (a, a·r, a·g, a·b).
  const across = new Float64Array(height * side * 4);
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < columns.source.length; k++) {
      const o = (y * width + columns.source[k]!) * 4;
      const a = (columns.weight[k]! * data[o + 3]!) / 255;
      const t = (y * side + columns.target[k]!) * 4;
      across[t] += a;
      across[t + 1] += (a * data[o]!) / 255;
      across[t + 2] += (a * data[o + 1]!) / 255;
      across[t + 3] += (a * data[o + 2]!) / 255;
    }
  }
  const cells = new Float64Array(side * side * 4);
  for (let k = 0; k < rows.source.length; k++) {
    const w = rows.weight[k]!;
    const from = rows.source[k]! * side * 4;
    const to = rows.target[k]! * side * 4;
    for (let i = 0; i < side * 4; i++) cells[to + i] += w * across[from + i]!;
  }
  const plane = side * side;
  const out = new Float32Array(4 * plane);
  for (let i = 0; i < plane; i++) {
    const a = Math.min(1, cells[i * 4]!);
    // Over white: premultiplied colour plus the uncovered share of white.
    out[i] = a;
    for (let c = 1; c < 4; c++) out[c * plane + i] = Math.min(1, cells[i * 4 + c]! + (1 - a));
  }
  return out;
}

/**
 * One axis of the letterboxed area average: source pixel s covers target span
 * [offset + s·scale, offset + (s+1)·scale); each (source, target cell) pair that overlaps gets
 * the overlap's length as its weight (cells are 1 wide, so weights sum to a cell's coverage).
 */
function overlaps(length: number, scale: number, side: number): { source: Int32Array; target: Int32Array; weight: Float64Array } {
  const offset = (side - length * scale) / 2;
  const source: number[] = [], target: number[] = [], weight: number[] = [];
  for (let s = 0; s < length; s++) {
    const lo = offset + s * scale, hi = offset + (s + 1) * scale;
    for (let t = Math.max(0, Math.floor(lo)); t < Math.min(side, Math.ceil(hi)); t++) {
      const w = Math.min(hi, t + 1) - Math.max(lo, t);
      if (w > 0) {
        source.push(s);
        target.push(t);
        weight.push(w);
      }
    }
  }
  return { source: Int32Array.from(source), target: Int32Array.from(target), weight: Float64Array.from(weight) };
}
