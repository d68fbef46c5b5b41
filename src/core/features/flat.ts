import { labelComponents } from './components';
import type { WorkRaster } from './workRaster';

export interface FlatStats {
  flatColoursLog: number;
  flatColoursMinorLog: number;
  flatColoursMajorLog: number;
  flatCoverage: number;
  flatRegionsLog: number;
  flatPiecesLog: number;
}

/** A flat colour counts from this share of the image (three thresholds: minor, normal, major). */
const COLOUR_SHARES = [0.0005, 0.002, 0.01] as const;
/** A flat region counts from this share of the image… */
const MIN_REGION_SHARE = 0.001;
/** …and a flat piece (dash, dot, small detail) from this many pixels at 256 px. */
const MIN_PIECE_PIXELS = 6;

export interface FlatAnalysis {
  stats: FlatStats;
  /** The smallest RGB distance between two flat colours that each cover ≥ 1 % of the image
   * (those flatColoursMajorLog counts: a designer's shades; the 1–2 px steps of a slow gradient,
   * flat along one axis, rarely fill that much); Infinity with fewer than two. Not a model
   * feature: the tiers keep parameter sets that would merge two of them last (colourCap.ts). */
  colourGap: number;
}

/**
 * Exact flat paint: opaque pixels identical to their right and lower neighbours. Anti-aliasing
 * and shading never qualify, so the distinct colours and connected regions here approximate what
 * the source SVG fills with solid paint: its colour count and its shape count.
 */
export function analyseFlat(work: WorkRaster): FlatAnalysis {
  const { width, height, alpha, rgbOverWhite: c } = work;
  const n = width * height;
  const keys = new Int32Array(n).fill(-1);
  let opaque = 0;
  for (let y = 0; y < height - 1; y++) {
    for (let x = 0; x < width - 1; x++) {
      const i = y * width + x;
      if (alpha[i]! < 250) continue;
      opaque++;
      const j = i * 3;
      const k = (c[j]! << 16) | (c[j + 1]! << 8) | c[j + 2]!;
      const r = j + 3, d = j + width * 3;
      if (alpha[i + 1]! < 250 || alpha[i + width]! < 250) continue;
      if (((c[r]! << 16) | (c[r + 1]! << 8) | c[r + 2]!) !== k) continue;
      if (((c[d]! << 16) | (c[d + 1]! << 8) | c[d + 2]!) !== k) continue;
      keys[i] = k;
    }
  }
  const regions = labelComponents(width, height, keys);
  const scale = n / (256 * 256);
  const perColour = new Map<number, number>();
  let regionCount = 0, pieces = 0, covered = 0;
  for (let r = 0; r < regions.count; r++) {
    const area = regions.areas[r]!;
    if (area < Math.max(1, MIN_PIECE_PIXELS * scale)) continue;
    pieces++;
    covered += area;
    if (area >= MIN_REGION_SHARE * n) regionCount++;
    perColour.set(regions.keys[r]!, (perColour.get(regions.keys[r]!) ?? 0) + area);
  }
  const colours = COLOUR_SHARES.map((share) => [...perColour.values()].filter((area) => area >= share * n).length);
  const major = [...perColour].filter(([, area]) => area >= COLOUR_SHARES[2] * n).map(([key]) => key);
  return {
    stats: {
      flatColoursLog: Math.log2(1 + colours[1]!),
      flatColoursMinorLog: Math.log2(1 + colours[0]!),
      flatColoursMajorLog: Math.log2(1 + colours[2]!),
      flatCoverage: opaque ? covered / opaque : 0,
      flatRegionsLog: Math.log2(1 + regionCount),
      flatPiecesLog: Math.log2(1 + pieces),
    },
    colourGap: smallestGap(major),
  };
}

/** The smallest Euclidean distance between two of the packed 0xRRGGBB colours. */
function smallestGap(keys: number[]): number {
  let gap = Infinity;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const [a, b] = [keys[i]!, keys[j]!];
      gap = Math.min(gap, Math.hypot(((a >> 16) & 255) - ((b >> 16) & 255), ((a >> 8) & 255) - ((b >> 8) & 255), (a & 255) - (b & 255)));
    }
  }
  return gap;
}
