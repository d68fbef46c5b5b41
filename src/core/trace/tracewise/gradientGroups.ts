import type { Raster } from '../../types';
import { colourAt, fitGradient, MAX_RMS, paintColourAt, paintOpacityAt, paintPosition, type GradientPaint, type GradientStop, type Rgb } from './gradientFit';
import { colourWeights, dominantColour, type Mixture } from './mixture';
import { splitFacets } from './facets';
import { colourRange, smoothRegions, type SmoothRegion } from './smoothRegions';
import { fitOverlay, type TranslucentOverlay } from './translucentOverlay';
import { refitUnderOverlays } from './jointOverlay';
import { boxInside, regionBox, type Box } from './regionBox';

/** Palette colours that are bands of one smooth gradient, to be drawn as one gradient layer. */
export interface GradientGroup {
  paint: GradientPaint;
  members: number[];
  /** Set when the bands are a flat translucent colour over `paint`, which a lower layer (the
   * base gradient's) draws: the group is then filled with this colour at this opacity. */
  overlay?: TranslucentOverlay;
}

/** The colour a group paints at a point of the pixel grid, composited as a renderer does. */
export function groupColourAt(group: GradientGroup, x: number, y: number): Rgb {
  const under = paintColourAt(group.paint, x, y);
  const overlay = group.overlay;
  if (!overlay) return under;
  return under.map((v, k) => (1 - overlay.opacity) * v + overlay.opacity * overlay.colour[k]) as Rgb;
}

/** Only regions spanning at least this colour range are split into facets (facets.ts). */
const FACET_MIN_RANGE = 64;

/** A colour joins a gradient when at least this share of its pixels lies in the gradient region. */
const MEMBERSHIP = 0.6;
/** The gradient must explain its region at least this much better (RMS) than flat colours do:
 * a flat face with a soft highlight is better kept as two shapes. */
const MUST_BEAT_FLAT = 0.9;
/** …unless the flat colours are this many bands or more: their blends then match the pixels'
 * values closely but draw visible stripes (and a shape per band), where the gradient is smooth. */
const MANY_BANDS = 3;
/** A region drawn mostly in one or two colours that other regions share (no band lies mostly
 * inside it) is offered a gradient layer of its own when its fit's error is under this share of
 * the flat colours': colours that far off draw it wrong, not merely banded (train split: a
 * badge's light rim, which no palette colour matches, came back as a dark sliver). 0.5 changed
 * the same SVGs, but drew the facet alternative for many more soft emoji regions (+8% trace time
 * on train, for none kept). See GradientSearch.misfit. */
const FEW_BANDS_MUST_BEAT = 0.2;
/** Below this flat-colour RMS error a region is left flat without trying a fit (saves time). */
const MIN_FLAT_RMS = 1.5;

/**
 * Finds smooth regions whose colours a linear or radial gradient explains, and claims for each
 * the palette colours (bands) that live mostly inside it. The bands' layers become one layer,
 * whose outline is still traced at its anti-aliased edge, filled with the fitted gradient.
 */
export function gradientGroups(raster: Raster, paletteSize: number, mixture: Mixture, survey = surveyShading(raster, mixture), split = false, decimals = 2): GradientSearch {
  const total = colourWeights(mixture, paletteSize);
  const { minPixels, smooth, shaded, shadedFits } = survey;
  const claimed = new Set<number>();
  const groups: GradientGroup[] = [];
  const unclaimed: FittedRegion[] = [];
  const misfits: { index: number; found: FittedRegion }[] = [];
  // Facets shaded in different directions join where their colours cross, into a region no
  // gradient fits; split, each facet may fit.
  const unfit = shaded.filter((r, i) => !shadedFits[i] && r.range >= FACET_MIN_RANGE);
  const facetsOf = new Map(split ? unfit.map((r) => [r, splitFacets(raster, r, minPixels)] as const) : []);
  const all = smooth.flatMap((r) => facetsOf.get(r) ?? [r]);
  const regions = shaded.flatMap((r) => facetsOf.get(r) ?? [r]);
  const fitOf = new Map(shaded.map((r, i) => [r, shadedFits[i]]));
  const joined = new Set<SmoothRegion>();
  const fits = refitUnderOverlays(raster, regions, regions.map((r) => (fitOf.has(r) ? fitOf.get(r)! : robustFit(raster, r))), decimals);
  const bases = fits.flatMap((found, index) => (found ? [{ index, paint: found.fit.paint, box: regionBox(raster.width, found.region.pixels), size: found.region.pixels.length }] : []));
  for (let index = 0; index < regions.length; index++) {
    if (joined.has(regions[index])) continue;
    const overlay = overlayOf(raster, regions[index], index, bases, decimals);
    const own = overlay ? { region: regions[index], fit: { paint: overlay.paint, rms: overlay.fit.rms } } : fits[index] ?? looseFit(raster, regions[index]);
    if (!own) continue;
    const found: Found = overlay ? own : withPieces(raster, own, all.filter((r) => r !== regions[index] && !joined.has(r)));
    let { region, fit } = found;
    const inside = colourWeights(mixture, paletteSize, region.pixels);
    const members: number[] = [];
    for (let c = 0; c < paletteSize; c++) {
      if (!claimed.has(c) && total[c] > 0 && inside[c] / total[c] >= MEMBERSHIP) members.push(c);
    }
    // Bands shared with other gradients (facets of one logo shaded through the same colours) lie
    // mostly inside no single region: the region then gets a layer of its own (see ownRegions).
    const minority = memberShare(region.pixels, members, mixture) < MIN_MEMBER_SHARE;
    const bands = minority && !overlay ? bandsFit(raster, region.pixels, members, mixture) : null;
    if (bands) ({ region, fit } = bands);
    else if (minority) {
      if (overlay || fit.rms > MAX_RMS) continue;
      if (bandCount(region.pixels, mixture, paletteSize) >= MANY_BANDS) {
        if (fit.rms >= MUST_BEAT_FLAT * flatRmsOf(region.pixels, mixture)) continue;
        unclaimed.push(found);
        [regions[index], ...(found.pieces ?? [])].forEach((r) => joined.add(r));
      } else if (own.fit.rms <= MAX_RMS && own.fit.rms < FEW_BANDS_MUST_BEAT * flatRmsOf(own.region.pixels, mixture)) {
        misfits.push({ index, found: own });
      }
      continue;
    }
    // Few bands stay flat unless the gradient explains them clearly better; many bands take even
    // a loose fit (see LOOSE_RMS).
    const fewBands = members.length < MANY_BANDS;
    if (fewBands && (fit.rms > MAX_RMS || fit.rms >= MUST_BEAT_FLAT * flatRmsOf(region.pixels, mixture))) continue;
    const paint = fit.paint;
    members.forEach((c) => claimed.add(c));
    found.pieces?.forEach((r) => joined.add(r));
    groups.push(overlay ? { paint, members, overlay: overlay.fit } : { paint, members });
  }
  // A region joined to a gradient later on is drawn in that gradient already.
  const misfit = misfits.flatMap(({ index, found }) => (joined.has(regions[index]) ? [] : [found]));
  return { groups, unclaimed, misfit, splittable: unfit.length > 0 };
}

export interface GradientFindings {
  groups: GradientGroup[];
  /** Fitted regions whose bands lie in other regions too (see ownRegions). */
  unclaimed: FittedRegion[];
  /** Some shaded region fits no gradient and may be facets joined (see splitFacets). */
  splittable: boolean;
}

/** What gradientGroups finds: the findings a facet drawing is made from, and the misfits. */
export interface GradientSearch extends GradientFindings {
  /** Fitted regions drawn mostly in one or two colours that other regions share too, which the
   * gradient explains far better than those colours do (FEW_BANDS_MUST_BEAT): a badge's light
   * rim that no palette colour matches. They may be given layers of their own as well. */
  misfit: FittedRegion[];
}

/** The image's smooth regions, those shaded enough to try gradients on, and their fits: the
 * costly part of gradientGroups, the same for every way of grouping them (see traceToSvg). */
export interface ShadingSurvey {
  minPixels: number;
  smooth: SmoothRegion[];
  shaded: SmoothRegion[];
  shadedFits: Array<FittedRegion | null>;
}

export function surveyShading(raster: Raster, mixture: Mixture): ShadingSurvey {
  const minPixels = Math.max(64, raster.width * raster.height * 0.003);
  const smooth = smoothRegions(raster, minPixels);
  // Flat shapes already match: nothing to gain.
  const shaded = smooth.filter((whole) => flatRmsOf(whole.pixels, mixture) >= MIN_FLAT_RMS);
  return { minPixels, smooth, shaded, shadedFits: shaded.map((whole) => robustFit(raster, whole)) };
}

/** A fitted smooth region, its gradient, and the other regions the same gradient covers. */
export type FittedRegion = { region: SmoothRegion; fit: { paint: GradientPaint; rms: number }; pieces?: SmoothRegion[] };
type Found = FittedRegion;
/** The member colours must be the nearest colour of at least this share of a region's pixels for
 * the region to be drawn as their layer. */
const MIN_MEMBER_SHARE = 0.5;

function memberShare(pixels: Uint32Array, members: number[], mixture: Mixture): number {
  const isMember = new Set(members);
  let count = 0;
  for (const p of pixels) if (isMember.has(dominantColour(mixture, p))) count++;
  return count / pixels.length;
}

/**
 * A gradient that runs into a large flat area (a logo's facet shaded along one edge, the rest one
 * flat colour that other facets share too) is one smooth region, mostly of that flat colour: its
 * many bands (MANY_BANDS) lie inside it but are a minority of its pixels, and the region's fit is
 * pulled by the flat part. The bands' own pixels are fitted alone: when a gradient explains them
 * within MAX_RMS, better than the flat bands do (MUST_BEAT_FLAT), they are that gradient's layer,
 * drawn over the flat colour's.
 */
function bandsFit(raster: Raster, pixels: Uint32Array, members: number[], mixture: Mixture): Found | null {
  if (members.length < MANY_BANDS) return null;
  const isMember = new Set(members);
  const own = pixels.filter((p) => isMember.has(dominantColour(mixture, p)));
  const region = { pixels: own, range: colourRange(raster.data, own) };
  const fit = fitGradient(raster, region);
  return fit && fit.rms < MUST_BEAT_FLAT * flatRmsOf(own, mixture) ? { region, fit } : null;
}

/** A colour is one of a region's bands when it is the nearest colour of at least this share of its pixels. */
const BAND_MIN_SHARE = 0.05;

/** How many palette colours each explain a share (BAND_MIN_SHARE) of the region: the stripes
 * drawing it flat would show. */
function bandCount(pixels: Uint32Array, mixture: Mixture, paletteSize: number): number {
  const counts = new Int32Array(paletteSize);
  for (const p of pixels) {
    const c = dominantColour(mixture, p);
    if (c >= 0) counts[c]++;
  }
  return counts.filter((n) => n >= BAND_MIN_SHARE * pixels.length).length;
}

/**
 * One gradient often fills several separate pieces — the parts of a shield, the letters of a
 * word — and each piece is its own smooth region. Other regions that the fitted paint already
 * explains within MAX_RMS join it, and the paint is refitted to all of them (kept when it still
 * explains them within MAX_RMS): their bands then become members of the one gradient layer
 * instead of stripes, or of several gradients.
 */
function withPieces(raster: Raster, found: Found, others: SmoothRegion[]): Found {
  const pieces = others.filter((r) => paintFits(raster, r.pixels, found.fit.paint, MAX_RMS));
  if (pieces.length === 0) return found;
  const size = found.region.pixels.length + pieces.reduce((sum, r) => sum + r.pixels.length, 0);
  const pixels = new Uint32Array(size);
  pixels.set(found.region.pixels);
  let at = found.region.pixels.length;
  for (const r of pieces) {
    pixels.set(r.pixels, at);
    at += r.pixels.length;
  }
  const region = { pixels, range: Math.max(found.region.range, ...pieces.map((r) => r.range)) };
  const fit = fitGradient(raster, region);
  return fit ? { region, fit, pieces } : found;
}

/** Whether a paint explains pixels within `maxRms` (RMS per channel), its end ramps extended past
 * the end stops instead of padded: a piece's own fit ends where the piece does, while the
 * designer's gradient runs on. Every fitted gradient is tried on every other smooth region, so a
 * region is given up as soon as its summed error is clearly past the bound (at 1024 px this test
 * had been a fifth of a shaded logo's trace time). */
function paintFits(raster: Raster, pixels: Uint32Array, paint: GradientPaint, maxRms: number): boolean {
  const { stops } = paint;
  const last = stops.length - 1;
  const along = (a: GradientStop, b: GradientStop, t: number): Rgb =>
    a.colour.map((v, k) => Math.min(255, Math.max(0, v + ((t - a.offset) / Math.max(1e-9, b.offset - a.offset)) * (b.colour[k] - v)))) as Rgb;
  // Past this the RMS is over the bound whatever the remaining pixels add (the margin keeps the
  // final comparison, not this shortcut, deciding at the bound itself).
  const giveUp = maxRms * maxRms * 3 * pixels.length * (1 + 1e-6);
  let error = 0;
  for (const p of pixels) {
    const x = p % raster.width;
    const t = paintPosition(paint, x + 0.5, (p - x) / raster.width + 0.5);
    const colour = t < stops[0].offset ? along(stops[0], stops[1], t) : t > stops[last].offset ? along(stops[last - 1], stops[last], t) : colourAt(stops, t);
    for (let k = 0; k < 3; k++) error += (raster.data[p * 4 + k] - colour[k]) ** 2;
    if (error > giveUp) return false;
  }
  return Math.sqrt(error / (3 * pixels.length)) <= maxRms;
}


/** A fitted gradient region that another region may lie over. */
interface Base {
  index: number;
  paint: GradientPaint;
  box: Box;
  size: number;
}

/**
 * The best translucent overlay explaining a region over a larger fitted gradient whose box holds
 * it, if one explains it within the gradient acceptance error — preferred to the region's own
 * gradient, which costs far more bytes and only approximates the base's shading.
 */
function overlayOf(raster: Raster, region: SmoothRegion, index: number, bases: Base[], decimals: number): { paint: GradientPaint; fit: TranslucentOverlay } | null {
  const box = regionBox(raster.width, region.pixels);
  let best: { paint: GradientPaint; fit: TranslucentOverlay } | null = null;
  for (const base of bases) {
    if (base.index === index || base.size <= region.pixels.length) continue;
    if (!boxInside(box, base.box)) continue;
    const fit = fitOverlay(raster, region.pixels, base.paint, decimals);
    if (fit && fit.rms <= MAX_OVERLAY_RMS && (!best || fit.rms < best.fit.rms)) best = { paint: base.paint, fit };
  }
  return best;
}

/** An overlay is accepted at the error a gradient fit is. */
const MAX_OVERLAY_RMS = MAX_RMS;

/** A region's RMS error (per channel) when drawn with flat colours and their blends. */
function flatRmsOf(pixels: Uint32Array, mixture: Mixture): number {
  let flatError = 0;
  for (const p of pixels) flatError += mixture.flatError[p];
  // flatError is a squared 4-channel distance (alpha equal here); a fit's RMS is per channel.
  return Math.sqrt(flatError / (3 * pixels.length));
}

/** A region no gradient fits within MAX_RMS is still drawn with its best fit up to this error when
 * the alternative is many bands (MANY_BANDS): a shaded face whose rings the fit follows only
 * roughly is closer to the picture as one smooth gradient than as rings of flat colour. */
const LOOSE_RMS = 8;

function looseFit(raster: Raster, region: SmoothRegion): { region: SmoothRegion; fit: { paint: GradientPaint; rms: number } } | null {
  const fit = fitGradient(raster, region, LOOSE_RMS);
  return fit ? { region, fit } : null;
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
  // A fading paint is judged on alpha too: a faint shape's anti-aliased rim joins its smooth
  // region, with the right colour but far too little alpha.
  const fades = paint.stops.some((s) => s.opacity !== undefined);
  const limit = (fades ? 4 : 3) * INLIER_RMS * INLIER_RMS;
  for (const p of pixels) {
    const x = p % raster.width;
    const y = (p - x) / raster.width;
    const colour = paintColourAt(paint, x + 0.5, y + 0.5);
    let error = fades ? (raster.data[p * 4 + 3] - 255 * paintOpacityAt(paint, x + 0.5, y + 0.5)) ** 2 : 0;
    for (let k = 0; k < 3; k++) error += (raster.data[p * 4 + k] - colour[k]) ** 2;
    if (error <= limit) kept[count++] = p;
  }
  return kept.subarray(0, count);
}
