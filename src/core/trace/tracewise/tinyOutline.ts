import type { Point, Segment } from './bezier';
import { contourBox, type Contour } from './contours';
import type { FittedPath } from './fitContour';

/**
 * Longest bounding-box side (px) up to which an outline is written as its marching-squares polygon
 * rather than fitted. Corner detection measures turning over about a pixel on each side of a
 * point, so on a shape this small it sees no corners or the wrong ones (a 1×1 pixel came back as
 * a curl overshooting the canvas, a 4×4 square as a tilted quadrilateral); the polygon is what the
 * pixels say, and a few bytes.
 */
const TINY_OUTLINE_SIDE = 4;

export function isTinyOutline(contour: Contour): boolean {
  const { x0, y0, x1, y1 } = contourBox(contour);
  return Math.max(x1 - x0, y1 - y0) <= TINY_OUTLINE_SIDE;
}

/** The closed polygon as straight segments, without points that lie on the line through their
 * neighbours (marching squares puts one on every cell edge of a straight side). */
export function polygonPath(contour: Contour): FittedPath {
  const all: Point[] = [];
  for (let i = 0; i < contour.length; i += 2) all.push({ x: contour[i], y: contour[i + 1] });
  const kept = all.filter((p, i) => !collinear(all[(i - 1 + all.length) % all.length], p, all[(i + 1) % all.length]));
  const points = kept.length >= 3 ? kept : all;
  const segments: Segment[] = [...points.slice(1), points[0]].map((to) => ({ kind: 'L', to }));
  return { start: points[0], segments };
}

function collinear(a: Point, b: Point, c: Point): boolean {
  return Math.abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) < 1e-9;
}
