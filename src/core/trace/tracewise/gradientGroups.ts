import type { Raster } from '../../types';
import { fitGradient, paintColourAt, type GradientPaint } from './gradientFit';
import type { Mixture } from './mixture';
import { smoothRegions, type SmoothRegion } from './smoothRegions';

/** Palette colours that are bands of one smooth gradient, to be drawn as one gradient layer. */
export interface GradientGroup {
  paint: GradientPaint;
  members: number[];
}

/** A colour joins a gradient when at least this share of its pixels lies in the gradient region. */
const MEMBERSHIP = 0.6;
/** The gradient must explain its region at least this much better (RMS) than flat colours do:
 * a flat face with a soft highlight is better kept as two shapes. */
const MUST_BEAT_FLAT = 0.9;
/** Below this flat-colour RMS error a region is left flat without trying a fit (saves time). */
const MIN_FLAT_RMS = 1.5;

/**
 * Finds smooth regions whose colours a linear or radial gradient explains, and claims for each
 * the palette colours (bands) that live mostly inside it. The bands' layers become one layer,
 * whose outline is still traced at its anti-aliased edge, filled with the fitted gradient.
 */
export function gradientGroups(raster: Raster, paletteSize: number, mixture: Mixture): GradientGroup[] {
  const total = new Float64Array(paletteSize);
  const add = (into: Float64Array, p: number): void => {
    if (mixture.first[p] >= 0) into[mixture.first[p]] += 1 - mixture.t[p];
    if (mixture.second[p] >= 0) into[mixture.second[p]] += mixture.t[p];
  };
  for (let p = 0; p < mixture.t.length; p++) add(total, p);
  const minPixels = Math.max(64, raster.width * raster.height * 0.003);
  const claimed = new Set<number>();
  const groups: GradientGroup[] = [];
  for (const whole of smoothRegions(raster, minPixels)) {
    if (flatRmsOf(whole.pixels, mixture) < MIN_FLAT_RMS) continue; // flat shapes already match: nothing to gain
    const found = robustFit(raster, whole);
    if (!found) continue;
    const { region, fit } = found;
    if (fit.rms >= MUST_BEAT_FLAT * flatRmsOf(region.pixels, mixture)) continue;
    const paint = fit.paint;
    const inside = new Float64Array(paletteSize);
    for (const p of region.pixels) add(inside, p);
    const members: number[] = [];
    for (let c = 0; c < paletteSize; c++) {
      if (!claimed.has(c) && total[c] > 0 && inside[c] / total[c] >= MEMBERSHIP) members.push(c);
    }
    if (members.length === 0) continue;
    members.forEach((c) => claimed.add(c));
    groups.push({ paint, members });
  }
  return groups;
}

/** A region's RMS error (per channel) when drawn with flat colours and their blends. */
function flatRmsOf(pixels: Uint32Array, mixture: Mixture): number {
  let flatError = 0;
  for (const p of pixels) flatError += mixture.flatError[p];
  // flatError is a squared 4-channel distance (alpha equal here); a fit's RMS is per channel.
  return Math.sqrt(flatError / (3 * pixels.length));
}

/** A rough fit is refined on the pixels it explains within this RMS (per channel)… */
const INLIER_RMS = 10;
/** …when those are at least this share of the region. */
const MIN_INLIERS = 0.7;
/** A fit this far off is no gradient worth refining. */
const ROUGH_RMS = 20;

/**
 * A gradient fitted to a smooth region, or to most of it. A smooth region often takes in a soft
 * shadow or glow that joins it without a hard edge (the shadow of a letter on a gradient badge);
 * those pixels spoil the fit of the whole. Fitting roughly, keeping the pixels that rough fit
 * explains and fitting again finds the gradient; the outliers stay flat shapes on top.
 */
function robustFit(raster: Raster, whole: SmoothRegion): { region: SmoothRegion; fit: { paint: GradientPaint; rms: number } } | null {
  const fit = fitGradient(raster, whole);
  if (fit) return { region: whole, fit };
  let region = whole;
  for (let round = 0; round < 2; round++) {
    const rough = fitGradient(raster, region, ROUGH_RMS);
    if (!rough) return null;
    const kept = inliers(raster, region.pixels, rough.paint);
    if (kept.length < MIN_INLIERS * whole.pixels.length || kept.length === region.pixels.length) return null;
    region = { pixels: kept, range: region.range };
    const refined = fitGradient(raster, region);
    if (refined) return { region, fit: refined };
  }
  return null;
}

function inliers(raster: Raster, pixels: Uint32Array, paint: GradientPaint): Uint32Array {
  const kept = new Uint32Array(pixels.length);
  let count = 0;
  const limit = 3 * INLIER_RMS * INLIER_RMS;
  for (const p of pixels) {
    const x = p % raster.width;
    const y = (p - x) / raster.width;
    const colour = paintColourAt(paint, x + 0.5, y + 0.5);
    let error = 0;
    for (let k = 0; k < 3; k++) error += (raster.data[p * 4 + k] - colour[k]) ** 2;
    if (error <= limit) kept[count++] = p;
  }
  return kept.subarray(0, count);
}
