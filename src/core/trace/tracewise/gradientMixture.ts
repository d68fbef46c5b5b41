import type { Raster } from '../../types';
import { distanceSq, premultipliedAt, type Premul } from './colour';
import { paintOpacityAt } from './gradientFit';
import { groupColourAt, type GradientGroup } from './gradientGroups';
import { EXACT_RESIDUAL, project, type Mixture } from './mixture';
import { forEachNeighbour8 } from './neighbours';

/** Other colours a gradient pixel may be blended with: the nearest few, as in explainPixels. */
const CANDIDATES = 4;

/**
 * Re-explains the pixels that touch a gradient with the gradient's own colour there. A gradient's
 * colour is never exactly one of its bands, so a pixel on the edge between a gradient and a flat
 * shape was explained as a blend of a band and the shape with the wrong share — or as two bands,
 * a whole pixel of gradient — and the shape's outline came out as a pixel staircase. Blending the
 * fitted paint's colour at the pixel with the shape's colour gives the edge's true position.
 * Works in place; the pixel keeps the group's first member as its gradient colour.
 */
export function explainGradientEdges(raster: Raster, mixture: Mixture, palette: Premul[], groups: GradientGroup[]): void {
  if (groups.length === 0) return;
  const groupOf = new Int16Array(palette.length).fill(-1);
  groups.forEach((g, index) => g.members.forEach((m) => (groupOf[m] = index)));
  const { first, second, t } = mixture;
  const groupAt = new Int16Array(t.length).fill(-1);
  for (let p = 0; p < t.length; p++) {
    const a = first[p];
    const b = second[p];
    groupAt[p] = a >= 0 && groupOf[a] >= 0 ? groupOf[a] : b >= 0 && groupOf[b] >= 0 ? groupOf[b] : -1;
  }
  const stray = strayPixels(raster, mixture, palette, groups, groupOf, groupAt);
  for (let p = 0; p < t.length; p++) {
    const group = groupAt[p];
    if (group < 0) continue;
    const best = stray.get(p) ?? gradientBlend(raster, mixture, p, palette, groups, groupOf, group);
    const member = groups[group].members[0];
    first[p] = member;
    second[p] = best.other < 0 && best.share === 0 ? member : best.other;
    t[p] = best.share;
  }
}

type Blend = { other: number; share: number; residual: number };

/** The pixel as the group's paint there, pure or blended with transparency or a non-member
 * colour (one of the nearest, or one shown pure within PURE_REACH px): the blend nearest the pixel. */
function gradientBlend(raster: Raster, mixture: Mixture, p: number, palette: Premul[], groups: GradientGroup[], groupOf: Int16Array, group: number): Blend {
  const x = p % raster.width;
  const y = (p - x) / raster.width;
  const rgb = groupColourAt(groups[group], x + 0.5, y + 0.5);
  // A fading gradient (stop-opacity) paints premultiplied colour at its opacity there.
  const alpha = groups[group].overlay ? 1 : paintOpacityAt(groups[group].paint, x + 0.5, y + 0.5);
  const gradient: Premul = [rgb[0] * alpha, rgb[1] * alpha, rgb[2] * alpha, 255 * alpha];
  const c = premultipliedAt(raster.data, p * 4);
  let best: Blend = { other: -1, share: 0, residual: distanceSq(c, gradient) };
  const tried = nearestCandidates(c, palette, groupOf, group, TRANSPARENT).map((other) => other.index);
  const tryBlend = (other: number) => {
    const [share, residual] = project(c, gradient, other < 0 ? TRANSPARENT : palette[other]);
    if (residual < best.residual) best = { other, share, residual };
  };
  tried.forEach(tryBlend);
  if (best.residual > EXACT_RESIDUAL) for (const other of pureColoursNear(mixture, x, y, raster.width, raster.height, groupOf, group)) if (!tried.includes(other)) tryBlend(other);
  return best;
}

/** How far (px) around an edge pixel the pure colours it may blend are looked for. */
const PURE_REACH = 2;

/**
 * The non-member colours shown pure within PURE_REACH px: the nearest colours are not always the
 * ones an edge blends (see blendNeighbourColours in mixture.ts: a dark outline beside a light
 * gradient is farther from the edge pixel than some mid-tone elsewhere in the image).
 */
function pureColoursNear(mixture: Mixture, x: number, y: number, width: number, height: number, groupOf: Int16Array, group: number): number[] {
  const found: number[] = [];
  for (let ny = Math.max(0, y - PURE_REACH); ny <= Math.min(height - 1, y + PURE_REACH); ny++) {
    for (let nx = Math.max(0, x - PURE_REACH); nx <= Math.min(width - 1, x + PURE_REACH); nx++) {
      const q = ny * width + nx;
      const colour = mixture.first[q];
      if (colour >= 0 && colour === mixture.second[q] && mixture.flatError[q] < EXACT_RESIDUAL && groupOf[colour] !== group && !found.includes(colour)) found.push(colour);
    }
  }
  return found;
}

const TRANSPARENT: Premul = [0, 0, 0, 0];

/** A stray is given to the gradient when its paint (or the paint blended with a nearby colour)
 * explains it within this squared error (4 channels, about 3.7 per colour channel). Train split,
 * gradient category, tier 2: 75 (MAX_RMS per channel) took edge pixels of faces and hair that
 * then traced larger outlines (noto-couple-with-heart: +15% bytes); 25 kept fewer ramp pixels;
 * 40 scored best on both SSIM and bytes. */
const STRAY_MAX_RESIDUAL = 40;
/** Strays are followed this many pixels away from the gradient's own pixels (train gradient: 3
 * matched the same SSIM with 0.5 kB more). */
const STRAY_REACH = 2;

/**
 * Pixels in a gradient's steep stretch (Noto's rim shading: a radial whose ramp sits in its last
 * fifth) match no band: explainPixels explains them as blends of two unrelated colours that happen
 * to straddle the ramp's colour there — a dark outline colour and a light one — and those colours'
 * layers then trace thin slivers and contour lines along the rim. A pixel next to the gradient
 * whose two colours both show pure nowhere near it (so it is no edge between their shapes), and
 * which the paint explains within STRAY_MAX_RESIDUAL, is given to the gradient, grown outward
 * STRAY_REACH pixels. Marks the pixels claimed in `groupAt`.
 */
function strayPixels(raster: Raster, mixture: Mixture, palette: Premul[], groups: GradientGroup[], groupOf: Int16Array, groupAt: Int16Array): Map<number, Blend> {
  const { width, height } = raster;
  const claimed = new Map<number, Blend>();
  let frontier: number[] = [];
  for (let p = 0; p < groupAt.length; p++) if (groupAt[p] >= 0) frontier.push(p);
  for (let step = 0; step < STRAY_REACH && frontier.length > 0; step++) {
    const next: number[] = [];
    const seen = new Set<number>();
    for (const p of frontier) {
      forEachNeighbour8(p, width, height, (q, nx, ny) => {
        if (groupAt[q] >= 0 || seen.has(q)) return;
        seen.add(q);
        // A blend of two colours of which neither shows nearby is no edge between shapes.
        if ([mixture.first[q], mixture.second[q]].some((colour) => shownNearby(mixture, colour, nx, ny, width, height))) return;
        const blend = gradientBlend(raster, mixture, q, palette, groups, groupOf, groupAt[p]);
        if (blend.residual > STRAY_MAX_RESIDUAL) return;
        claimed.set(q, blend);
        groupAt[q] = groupAt[p];
        next.push(q);
      });
    }
    frontier = next;
  }
  return claimed;
}

/**
 * The CANDIDATES nearest of transparency and the palette colours outside the group, nearest
 * first; among equals the earlier one (transparency, then palette order) comes first — the
 * order a stable sort of all of them gives, without sorting the whole palette for every pixel.
 */
function nearestCandidates(c: Premul, palette: Premul[], groupOf: Int16Array, group: number, transparent: Premul): { index: number; d: number }[] {
  const best: { index: number; d: number }[] = [{ index: -1, d: distanceSq(c, transparent) }];
  for (let index = 0; index < palette.length; index++) {
    if (groupOf[index] === group) continue;
    const d = distanceSq(c, palette[index]);
    if (best.length === CANDIDATES && d >= best[CANDIDATES - 1].d) continue;
    // Insert after every kept one that is nearer or as near (stable), dropping the farthest.
    let at = best.length;
    while (at > 0 && best[at - 1].d > d) at--;
    best.splice(at, 0, { index, d });
    if (best.length > CANDIDATES) best.pop();
  }
  return best;
}

/** Pixels this far apart (Chebyshev) count as near for shownNearby. */
const NEARBY = 2;

/** Whether a pixel near (x, y) is mostly `colour` (it is the pixel's colour, at least 90%). */
function shownNearby(mixture: Mixture, colour: number, x: number, y: number, width: number, height: number): boolean {
  for (let ny = Math.max(0, y - NEARBY); ny <= Math.min(height - 1, y + NEARBY); ny++) {
    for (let nx = Math.max(0, x - NEARBY); nx <= Math.min(width - 1, x + NEARBY); nx++) {
      const p = ny * width + nx;
      const share = (mixture.first[p] === colour ? 1 - mixture.t[p] : 0) + (mixture.second[p] === colour ? mixture.t[p] : 0);
      if (share >= 0.9) return true;
    }
  }
  return false;
}
