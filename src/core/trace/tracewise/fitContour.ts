import { fitCurve, normalize, type Point, type Segment } from './bezier';
import type { Contour } from './contours';
import { findCorners, sharpenCorners } from './corners';

export interface FittedPath {
  start: Point;
  segments: Segment[];
}

/** Contour points closer than this are merged (marching squares can emit near-duplicates). */
const MERGE_DISTANCE = 0.05;

/**
 * Turns a closed contour into lines and cubic Béziers: corners are found first (points whose
 * direction turns by more than `cornerAngle` within about a pixel, and more than their
 * neighbours'), then each run between corners is fitted on its own with one-sided tangents at
 * the corners; a contour with no corner is fitted as one smooth loop.
 */
export function fitContour(contour: Contour, tolerance: number, cornerAngle: number): FittedPath {
  const raw = dedupe(contour);
  const found = sharpenCorners(raw, findCorners(raw, (cornerAngle * Math.PI) / 180));
  const points = found.points;
  const corners = found.corners;
  const n = points.length;
  const segments: Segment[] = [];
  if (corners.length === 0) {
    // Smooth loop: start anywhere, with the same tangent leaving and arriving there.
    const loop = [...points, points[0]];
    const tangent = normalize(sub(points[1 % n], points[n - 1]));
    fitCurve(loop, 0, n, tangent, scale(tangent, -1), tolerance, segments);
    return { start: points[0], segments };
  }
  const rotated = [...points.slice(corners[0]), ...points.slice(0, corners[0]), points[corners[0]]];
  const cornerIndexes = [...corners.map((c) => (c - corners[0] + n) % n), n];
  for (let k = 0; k < cornerIndexes.length - 1; k++) {
    const first = cornerIndexes[k];
    const last = cornerIndexes[k + 1];
    fitCurve(rotated, first, last, endTangent(rotated, first, last, 1), endTangent(rotated, last, first, -1), tolerance, segments);
  }
  return { start: rotated[0], segments };
}

function dedupe(contour: Contour): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < contour.length; i += 2) {
    const p = { x: contour[i], y: contour[i + 1] };
    const previous = points[points.length - 1];
    if (!previous || Math.hypot(p.x - previous.x, p.y - previous.y) > MERGE_DISTANCE) points.push(p);
  }
  while (points.length > 3 && Math.hypot(points[0].x - points[points.length - 1].x, points[0].y - points[points.length - 1].y) <= MERGE_DISTANCE) {
    points.pop();
  }
  return points;
}

/** Direction leaving a corner, from the points within ~2 px (or a third of the run). */
function endTangent(points: Point[], at: number, towards: number, step: 1 | -1): Point {
  const span = Math.abs(towards - at);
  const reach = Math.max(1, Math.min(3, Math.floor(span / 3)));
  let sum = { x: 0, y: 0 };
  for (let k = 1; k <= reach; k++) sum = { x: sum.x + points[at + step * k].x - points[at].x, y: sum.y + points[at + step * k].y - points[at].y };
  return normalize(sum);
}

function sub(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y };
}

function scale(a: Point, k: number): Point {
  return { x: a.x * k, y: a.y * k };
}
