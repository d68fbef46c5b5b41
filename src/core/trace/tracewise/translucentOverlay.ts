import type { Raster } from '../../types';
import { paintColourAt, type GradientPaint, type Rgb } from './gradientFit';

/** A flat colour laid over a gradient at a constant opacity: a glossy highlight, a shade. */
export interface TranslucentOverlay {
  colour: Rgb;
  /** 0–1, rounded to the two decimals it is written with. */
  opacity: number;
  /** RMS colour error (0–255 units, per channel) over the region, with the rounded values. */
  rms: number;
}

/** Opacities outside this range are an opaque shape or no overlay at all. */
const MIN_OPACITY = 0.08;
const MAX_OPACITY = 0.92;
/** The fitted colour may overshoot 0–255 by this much (the base's fit error, amplified by 1/a)
 * before it is clamped; the error bound then decides. */
const COLOUR_SLACK = 16;
/** The base gradient must vary under the region by at least this (per-channel standard
 * deviation): over a flat base every opacity explains the pixels equally, and the region is just
 * a flat colour. */
const MIN_BASE_SPREAD = 3;

/**
 * Explains a region's pixels as a flat colour C at opacity a over the base gradient G, the way a
 * renderer composites it: P = (1 − a)·G + a·C. A least-squares line per channel with one slope
 * shared by all three: (1 − a) is the slope, a·C the intercepts. A designer's translucent white
 * highlight on a shaded disc costs one fill and one opacity this way, where fitting its own
 * gradient costs a gradient element (~150 bytes) that follows the base only approximately.
 */
export function fitOverlay(raster: Raster, pixels: Uint32Array, base: GradientPaint): TranslucentOverlay | null {
  const n = pixels.length;
  if (n === 0) return null;
  const { width, data } = raster;
  const g = [0, 1, 2].map(() => new Float64Array(n));
  const p = [0, 1, 2].map(() => new Float64Array(n));
  pixels.forEach((pixel, i) => {
    const x = pixel % width;
    const colour = paintColourAt(base, x + 0.5, (pixel - x) / width + 0.5);
    for (let k = 0; k < 3; k++) {
      g[k][i] = colour[k];
      p[k][i] = data[pixel * 4 + k];
    }
  });
  let covariance = 0;
  let variance = 0;
  const means = [0, 1, 2].map((k) => [mean(g[k]), mean(p[k])]);
  for (let k = 0; k < 3; k++) {
    const [mg, mp] = means[k];
    for (let i = 0; i < n; i++) {
      covariance += (g[k][i] - mg) * (p[k][i] - mp);
      variance += (g[k][i] - mg) ** 2;
    }
  }
  if (variance / (3 * n) < MIN_BASE_SPREAD ** 2) return null;
  const opacity = Math.round((1 - covariance / variance) * 100) / 100;
  if (opacity < MIN_OPACITY || opacity > MAX_OPACITY) return null;
  const colour = means.map(([mg, mp]) => (mp - (1 - opacity) * mg) / opacity) as Rgb;
  if (colour.some((v) => v < -COLOUR_SLACK || v > 255 + COLOUR_SLACK)) return null; // no colour composites to these pixels
  const rounded = colour.map((v) => Math.min(255, Math.max(0, Math.round(v)))) as Rgb;
  let error = 0;
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < n; i++) error += (p[k][i] - ((1 - opacity) * g[k][i] + opacity * rounded[k])) ** 2;
  }
  return { colour: rounded, opacity, rms: Math.sqrt(error / (3 * n)) };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
