import { labelComponents } from './components';
import { regionKey, type Foreground } from './foreground';
import type { WorkRaster } from './workRaster';

export interface RegionStats {
  regionCountLog: number;
  fragmentShare: number;
  largestRegionShare: number;
  glyphCountLog: number;
  glyphAlignedLog: number;
  glyphAlignedShare: number;
  glyphHeightCv: number;
}

/** Regions smaller than this share of the image are anti-aliasing slivers or fine detail. */
const MIN_REGION_SHARE = 0.0005;
/** A glyph is at least this tall, and at most this tall or wide, relative to the longest side. */
const GLYPH_MIN_SIDE = 0.03;
const GLYPH_MAX_SIDE = 0.4;

/**
 * Flat-colour regions (8-connected runs of one coarse colour, over white) and, among them, the
 * glyph-sized ones: letters of a word are many such regions that one horizontal line crosses.
 */
export function regionStats(work: WorkRaster, fg: Foreground): RegionStats {
  const { width, height, rgbOverWhite: c } = work;
  const n = width * height;
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) keys[i] = regionKey(c, i);
  const regions = labelComponents(width, height, keys);
  const minRegion = Math.max(4, MIN_REGION_SHARE * n);
  const longest = Math.max(width, height);

  let big = 0, fragments = 0, largest = 0;
  const glyphs: number[] = [];
  for (let r = 0; r < regions.count; r++) {
    const area = regions.areas[r]!;
    if (area < minRegion) {
      fragments += area;
      continue;
    }
    big++;
    const isBackground = regions.keys[r] === fg.backgroundKey && regions.touchesBorder[r];
    if (isBackground) continue;
    if (area > largest) largest = area;
    const w = regions.maxX[r]! - regions.minX[r]! + 1;
    const h = regions.maxY[r]! - regions.minY[r]! + 1;
    if (h >= GLYPH_MIN_SIDE * longest && h <= GLYPH_MAX_SIDE * longest && w <= GLYPH_MAX_SIDE * longest) glyphs.push(r);
  }

  // The horizontal line crossing the most glyphs: a text baseline band.
  const crossing = new Int32Array(height + 1);
  for (const r of glyphs) {
    crossing[regions.minY[r]!]!++;
    crossing[regions.maxY[r]! + 1]!--;
  }
  let bestRow = 0, aligned = 0;
  for (let y = 0, run = 0; y < height; y++) {
    run += crossing[y]!;
    if (run > aligned) (aligned = run), (bestRow = y);
  }
  const heights = glyphs
    .filter((r) => regions.minY[r]! <= bestRow && regions.maxY[r]! >= bestRow)
    .map((r) => regions.maxY[r]! - regions.minY[r]! + 1);
  return {
    regionCountLog: Math.log2(1 + big),
    fragmentShare: fragments / n,
    largestRegionShare: fg.count ? Math.min(1, largest / fg.count) : 0,
    glyphCountLog: Math.log2(1 + glyphs.length),
    glyphAlignedLog: Math.log2(1 + aligned),
    glyphAlignedShare: glyphs.length ? aligned / glyphs.length : 0,
    glyphHeightCv: coefficientOfVariation(heights),
  };
}

function coefficientOfVariation(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return mean > 0 ? Math.sqrt(variance) / mean : 0;
}
