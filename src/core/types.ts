import type { SearchReport } from './tiers/closedLoop';

/** An 8-bit sRGB RGBA image, row-major, not premultiplied. Plain data, so it crosses worker
 * boundaries and exists in Node (unlike ImageData). */
export interface Raster {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export type Tier = 1 | 2 | 3;
export const TIERS: readonly Tier[] = [1, 2, 3];

export type LogoClass = 'simple' | 'text' | 'gradient' | 'complex';

/** Why a conversion did not take its first-choice path; always shown to the user. */
export interface Fallback {
  from: string;
  reason: string;
}

export interface Quality {
  /** Structural similarity on luma, Gaussian 11 px window, both images over white. 1 = identical. */
  ssim: number;
  /** Mean absolute RGB error over white, in 0–255 units. */
  mae: number;
  /** Mean absolute alpha error, in 0–255 units. */
  alphaMae: number;
}

/** Milliseconds spent in each pipeline stage, plus the total. */
export interface StageTimings {
  decode: number;
  classify: number;
  trace: number;
  optimize: number;
  measure: number;
  total: number;
}

export interface ConvertResult {
  svg: string;
  /** Size of the source image; the SVG's width/height attributes carry it. */
  width: number;
  height: number;
  /** Working size the image was traced at (the SVG's viewBox) and its ratio to the source. */
  workWidth: number;
  workHeight: number;
  scale: number;
  /** UTF-8 byte length of `svg`. */
  bytes: number;
  pathCount: number;
  engine: string;
  params: Record<string, unknown>;
  /** Who chose `params`: the parameter model, the class preset (or tier 3's fixed list), or the
   * plain no-AI plan (tier 1, no classifier, or the fallback engine's defaults). */
  paramSource: 'model' | 'preset' | 'plain';
  tier: Tier;
  class: LogoClass | null;
  confidence: number | null;
  fallback: Fallback | null;
  /** Null when quality measurement was switched off. */
  quality: Quality | null;
  /** Tier 3's closed-loop search: candidates tried and the gain over the first (tier 2's). */
  search: SearchReport | null;
  timings: StageTimings;
}
