import type { Raster } from '../../types';
import { distanceSq, premultipliedAt, type Premul } from './colour';
import { paintOpacityAt } from './gradientFit';
import { groupColourAt, type GradientGroup } from './gradientGroups';
import { project, type Mixture } from './mixture';

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
  const { width, data } = raster;
  const { first, second, t } = mixture;
  const transparent: Premul = [0, 0, 0, 0];
  for (let p = 0; p < t.length; p++) {
    const a = first[p];
    const b = second[p];
    const group = a >= 0 && groupOf[a] >= 0 ? groupOf[a] : b >= 0 && groupOf[b] >= 0 ? groupOf[b] : -1;
    if (group < 0) continue;
    const x = p % width;
    const y = (p - x) / width;
    const rgb = groupColourAt(groups[group], x + 0.5, y + 0.5);
    // A fading gradient (stop-opacity) paints premultiplied colour at its opacity there.
    const alpha = groups[group].overlay ? 1 : paintOpacityAt(groups[group].paint, x + 0.5, y + 0.5);
    const gradient: Premul = [rgb[0] * alpha, rgb[1] * alpha, rgb[2] * alpha, 255 * alpha];
    const c = premultipliedAt(data, p * 4);
    // The pixel as pure gradient, or blended with transparency or a nearby non-member colour.
    let best = { other: -1, share: 0, residual: distanceSq(c, gradient) };
    const others = nearestCandidates(c, palette, groupOf, group, transparent);
    for (const other of others) {
      const [share, residual] = project(c, gradient, other.index < 0 ? transparent : palette[other.index]);
      if (residual < best.residual) best = { other: other.index, share, residual };
    }
    const member = groups[group].members[0];
    first[p] = member;
    second[p] = best.other < 0 && best.share === 0 ? member : best.other;
    t[p] = best.share;
  }
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
