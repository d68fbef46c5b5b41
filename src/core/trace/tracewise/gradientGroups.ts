import type { Raster } from '../../types';
import { fitGradient, type GradientPaint } from './gradientFit';
import type { Mixture } from './mixture';
import { smoothRegions } from './smoothRegions';

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
  for (const region of smoothRegions(raster, minPixels)) {
    let flatError = 0;
    for (const p of region.pixels) flatError += mixture.flatError[p];
    // flatError is a squared 4-channel distance (alpha equal here); a fit's RMS is per channel.
    const flatRms = Math.sqrt(flatError / (3 * region.pixels.length));
    if (flatRms < MIN_FLAT_RMS) continue; // flat shapes already match: nothing to gain
    const fit = fitGradient(raster, region);
    if (!fit || fit.rms >= MUST_BEAT_FLAT * flatRms) continue;
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
