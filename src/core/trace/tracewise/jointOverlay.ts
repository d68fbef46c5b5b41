import type { Raster } from '../../types';
import { fitGradient, MAX_RMS, type GradientPaint, type Rgb } from './gradientFit';
import type { SmoothRegion } from './smoothRegions';
import { fitOverlay, fitOverlayOver, type TranslucentOverlay } from './translucentOverlay';
import { forEachNeighbour8 } from './neighbours';
import { boxInside, regionBox } from './regionBox';

/** A base gradient refitted with an overlay's pixels taken into it, and the overlay over it. */
export interface JointFit {
  fit: { paint: GradientPaint; rms: number };
  overlay: TranslucentOverlay;
}

/** The first overlay guess pairs each overlay pixel within this distance (px, 8-connected steps)
 * of the base's own pixels with the nearest of them, whose colour stands in for the base under it:
 * the base fitted without the overlay's pixels is not trusted to extrapolate there. */
const NEAR = 4;
/** …and needs this many such pixels. */
const MIN_NEAR = 32;
/** Refit rounds: base with the overlay's pixels un-composited, then the overlay over it. */
const ROUNDS = 2;

/**
 * Fits a base gradient and a translucent flat overlay together. A glossy highlight on a shaded
 * disc often covers the base's centre (the focal point of its radial shading): the base fitted
 * without the highlight's pixels is then extrapolated badly there, and no flat overlay explains
 * the highlight over it. Here the overlay is first guessed where the base is reliable (next to the
 * base's own pixels), the highlight's pixels are un-composited with it — G = (P − a·C) / (1 − a)
 * — and the base refitted on its pixels and those; the overlay is then refitted over the new base,
 * and so on. Returns null unless both end within the gradient acceptance error.
 */
export function fitJointOverlay(raster: Raster, overlayRegion: SmoothRegion, base: { region: SmoothRegion; fit: { paint: GradientPaint } }, decimals = 2): JointFit | null {
  const nearest = nearestWithin(raster, base.region.pixels, NEAR);
  const near = overlayRegion.pixels.filter((p) => nearest[p] >= 0);
  if (near.length < MIN_NEAR) return null;
  const { data } = raster;
  let overlay: TranslucentOverlay | null = fitOverlayOver(raster, near, (p) => [0, 1, 2].map((k) => data[nearest[p] * 4 + k]) as Rgb);
  // A poor guess would only lead the refit astray; it is cheap, the refits are not.
  if (!overlay || overlay.rms > MAX_RMS) return null;
  const union = new Uint32Array(base.region.pixels.length + overlayRegion.pixels.length);
  union.set(base.region.pixels);
  union.set(overlayRegion.pixels, base.region.pixels.length);
  const range = Math.max(base.region.range, overlayRegion.range);
  let best: (JointFit & { error: number }) | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const under = uncomposited(raster, overlayRegion.pixels, overlay);
    // fitGradient caches fits by pixel list: each round needs a list of its own.
    const fit = fitGradient(under, { pixels: union.slice(), range });
    if (!fit) break;
    const next = fitOverlay(raster, overlayRegion.pixels, fit.paint, decimals);
    if (!next) break;
    overlay = next;
    // The rounds may drift (each un-composites with the last round's overlay): the pair with the
    // least squared error over both regions is kept.
    const error = fit.rms ** 2 * union.length + next.rms ** 2 * overlayRegion.pixels.length;
    if (next.rms <= MAX_RMS && (!best || error < best.error)) best = { fit, overlay: next, error };
  }
  return best && { fit: best.fit, overlay: best.overlay };
}

type Fitted = { region: SmoothRegion; fit: { paint: GradientPaint; rms: number } } | null;

/**
 * The regions' fits, with each base gradient refitted together with a smaller region inside its
 * box that is a translucent overlay over it (fitJointOverlay) where no overlay over the base as
 * fitted explains that region. The base keeps its own pixels (its bands stay its members); only
 * its paint changes, which the overlay is then found over (gradientGroups' overlayOf).
 */
export function refitUnderOverlays(raster: Raster, regions: SmoothRegion[], fits: Fitted[], decimals: number): Fitted[] {
  const refitted = [...fits];
  const boxes = regions.map((r) => regionBox(raster.width, r.pixels));
  regions.forEach((region, index) => {
    let best: { base: number; joint: JointFit; region: SmoothRegion } | null = null;
    for (let base = 0; base < regions.length; base++) {
      const found = refitted[base];
      if (base === index || !found || found.region.pixels.length <= region.pixels.length || !boxInside(boxes[index], boxes[base])) continue;
      const plain = fitOverlay(raster, region.pixels, found.fit.paint, decimals);
      if (plain && plain.rms <= MAX_RMS) return; // the base as fitted explains it already
      // A base fitted robustly (gradientGroups' robustFit) may have lost, as outliers, the pixels
      // the overlay hid the shading of (a radial's centre next to the highlight): the whole region
      // is tried first, and keeps them as its own if the joint fit holds.
      const whole = regions[base];
      const wholeJoint = found.region !== whole ? fitJointOverlay(raster, region, { region: whole, fit: found.fit }, decimals) : null;
      const joint = wholeJoint ?? fitJointOverlay(raster, region, found, decimals);
      if (joint && (!best || joint.overlay.rms < best.joint.overlay.rms)) best = { base, joint, region: wholeJoint ? whole : found.region };
    }
    if (best) refitted[best.base] = { region: best.region, fit: best.joint.fit };
  });
  return refitted;
}

/** A copy of the raster with the given pixels' colours taken back from under the overlay. */
function uncomposited(raster: Raster, pixels: Uint32Array, overlay: TranslucentOverlay): Raster {
  const data = new Uint8ClampedArray(raster.data);
  const a = overlay.opacity;
  for (const p of pixels) {
    for (let k = 0; k < 3; k++) data[p * 4 + k] = (raster.data[p * 4 + k] - a * overlay.colour[k]) / (1 - a);
  }
  return { ...raster, data };
}

/** Per pixel, the nearest of `sources` (8-connected steps) if within `distance` steps, else −1. */
function nearestWithin(raster: Raster, sources: Uint32Array, distance: number): Int32Array {
  const { width, height } = raster;
  const nearest = new Int32Array(width * height).fill(-1);
  let front: number[] = [];
  for (const p of sources) {
    nearest[p] = p;
    front.push(p);
  }
  for (let step = 0; step < distance && front.length > 0; step++) {
    const next: number[] = [];
    for (const p of front) {
      forEachNeighbour8(p, width, height, (q) => {
        if (nearest[q] >= 0) return;
        nearest[q] = nearest[p];
        next.push(q);
      });
    }
    front = next;
  }
  return nearest;
}
