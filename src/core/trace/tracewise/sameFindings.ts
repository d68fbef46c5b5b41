import type { FittedRegion, GradientFindings, GradientGroup } from './gradientGroups';

/**
 * Whether two groupings would draw the same image: the same gradient groups (members, paint,
 * overlay) and the same unclaimed regions (pixels, fit). Splitting shaded regions into facets
 * often finds no facet that fits (emoji shading, photos of objects); the grouping then comes out
 * as before, and drawing it again would only repeat the first drawing at its full cost.
 */
export function sameFindings(a: GradientFindings, b: GradientFindings): boolean {
  return sameList(a.groups, b.groups, sameGroup) && sameList(a.unclaimed, b.unclaimed, sameFitted);
}

function sameList<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => same(x, b[i]));
}

function sameGroup(a: GradientGroup, b: GradientGroup): boolean {
  return a.members.join() === b.members.join() && JSON.stringify([a.paint, a.overlay]) === JSON.stringify([b.paint, b.overlay]);
}

function sameFitted(a: FittedRegion, b: FittedRegion): boolean {
  return samePixels(a.region.pixels, b.region.pixels) && JSON.stringify(a.fit) === JSON.stringify(b.fit);
}

function samePixels(a: Uint32Array, b: Uint32Array): boolean {
  return a === b || (a.length === b.length && a.every((p, i) => p === b[i]));
}
