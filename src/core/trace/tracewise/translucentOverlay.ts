import type { Raster } from '../../types';
import { paintColourAt, type GradientPaint, type Rgb } from './gradientFit';

/** A flat colour laid over a gradient at a constant opacity: a glossy highlight, a shade. */
export interface TranslucentOverlay {
  colour: Rgb;
  /** 0–1, rounded to the decimals it is written with (at most MAX_DECIMALS). */
  opacity: number;
  /** RMS colour error (0–255 units, per channel) over the region, with the rounded values. */
  rms: number;
}

/** Opacities outside this range are an opaque shape or no overlay at all. */
const MIN_OPACITY = 0.08;
const MAX_OPACITY = 0.92;
/** Opacity is fitted to at most this many decimals: finer steps change no pixel visibly. */
const MAX_DECIMALS = 2;
/** The base gradient must vary under the region by at least this (per-channel standard
 * deviation): over a flat base every opacity explains the pixels equally, and the region is just
 * a flat colour. */
const MIN_BASE_SPREAD = 3;

/**
 * Explains a region's pixels as a flat colour C at opacity a over the base gradient G, the way a
 * renderer composites it: P = (1 − a)·G + a·C. Each opacity that can be written is tried, with
 * the colour that fits best at it (least squares per channel, in closed form). A designer's
 * translucent white highlight on a shaded disc costs one fill and one opacity this way, where
 * fitting its own gradient costs a gradient element (~150 bytes) that follows the base only
 * approximately.
 */
export function fitOverlay(raster: Raster, pixels: Uint32Array, base: GradientPaint, decimals = MAX_DECIMALS): TranslucentOverlay | null {
  const { width } = raster;
  const under = (pixel: number): Rgb => {
    const x = pixel % width;
    return paintColourAt(base, x + 0.5, (pixel - x) / width + 0.5);
  };
  return fitOverlayOver(raster, pixels, under, decimals);
}

/** fitOverlay over any base colours: `under` gives the base's colour at a pixel. */
export function fitOverlayOver(raster: Raster, pixels: Uint32Array, under: (pixel: number) => Rgb, decimals = MAX_DECIMALS): TranslucentOverlay | null {
  const n = pixels.length;
  if (n === 0) return null;
  const { data } = raster;
  const g = [0, 1, 2].map(() => new Float64Array(n));
  const p = [0, 1, 2].map(() => new Float64Array(n));
  pixels.forEach((pixel, i) => {
    const colour = under(pixel);
    for (let k = 0; k < 3; k++) {
      g[k][i] = colour[k];
      p[k][i] = data[pixel * 4 + k];
    }
  });
  // Per channel: the base's spread, its covariance with the pixels and the pixels' spread, which
  // give every opacity's error in closed form.
  const sums = [0, 1, 2].map((k) => {
    const mg = mean(g[k]);
    const mp = mean(p[k]);
    let gg = 0;
    let gp = 0;
    let pp = 0;
    for (let i = 0; i < n; i++) {
      gg += (g[k][i] - mg) ** 2;
      gp += (g[k][i] - mg) * (p[k][i] - mp);
      pp += (p[k][i] - mp) ** 2;
    }
    return { mg, mp, gg, gp, pp };
  });
  if (sums.reduce((sum, c) => sum + c.gg, 0) / (3 * n) < MIN_BASE_SPREAD ** 2) return null;
  // Each opacity as it will be written (svgo rounds it to the SVG's decimals) with the colour that
  // suits it best, kept within 0–255: unbounded, the colour soaks up the base's fit error
  // amplified by 1/a, and a white highlight comes out "whiter than white" at too low an opacity.
  const steps = 10 ** Math.min(MAX_DECIMALS, Math.max(1, decimals));
  let best: TranslucentOverlay | null = null;
  for (let step = 1; step < steps; step++) {
    const opacity = step / steps;
    const keep = 1 - opacity;
    let error = 0;
    const colour = sums.map(({ mg, mp, gg, gp, pp }) => {
      const offset = mp - keep * mg;
      // The error is quadratic in the colour: the best within 0–255 is the nearest to the best.
      const c = Math.min(255, Math.max(0, Math.round(offset / opacity)));
      error += pp - 2 * keep * gp + keep * keep * gg + n * (offset - opacity * c) ** 2;
      return c;
    }) as Rgb;
    const rms = Math.sqrt(Math.max(0, error) / (3 * n));
    if (!best || rms < best.rms) best = { colour, opacity, rms };
  }
  if (!best || best.opacity < MIN_OPACITY || best.opacity > MAX_OPACITY) return null;
  return best;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
