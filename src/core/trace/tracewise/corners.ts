import { normalize, type Point } from './bezier';

/** Arc length (px) on each side of a point over which its turning angle is measured. */
const CORNER_REACH = 1.1;
/** A corner's two sides are measured this far away (px), beyond the anti-aliasing chamfer. */
const SIDE_NEAR = 1;
const SIDE_FAR = 4;
/** The sides' intersection replaces the chamfer only when it is this close to the corner. */
const MAX_SHIFT = 1.5;

/**
 * Points whose direction turns by more than `threshold` (radians) within about a pixel, and more
 * than their neighbours'. On a closed contour, in order.
 */
export function findCorners(points: Point[], threshold: number): number[] {
  const n = points.length;
  if (n < 5) return [];
  const angle = points.map((p, i) => {
    const a = normalize(sub(p, walk(points, i, -1, CORNER_REACH)));
    const b = normalize(sub(walk(points, i, 1, CORNER_REACH), p));
    return Math.acos(Math.max(-1, Math.min(1, a.x * b.x + a.y * b.y)));
  });
  const corners: number[] = [];
  for (let i = 0; i < n; i++) {
    if (angle[i] < threshold) continue;
    let isPeak = true; // a local maximum within two points (ties go to the first)
    for (let k = 1; k <= 2 && isPeak; k++) {
      if (angle[(i - k + n) % n] >= angle[i] || angle[(i + k) % n] > angle[i]) isPeak = false;
    }
    if (isPeak) corners.push(i);
  }
  const blunt = withBluntCorners(points, threshold, BLUNT_FAR, corners);
  return withBluntCorners(points, threshold * GENTLE_SHARE, GENTLE_FAR, blunt);
}

/** A blunt corner's sides are measured from this far (px) on each side… */
const BLUNT_NEAR = 1.5;
/** …to this far, and must be straight within BLUNT_STRAIGHT px over that stretch. */
const BLUNT_FAR = 5;
const BLUNT_STRAIGHT = 0.2;
/** Gentle corners (an octagon's 45°) are found from longer straight sides, up to this far (px),
 * turning by at least this share of the corner threshold: a circle straight within
 * BLUNT_STRAIGHT over 6.5 px has a radius above 26 px, and turns by under 21° between them. */
const GENTLE_FAR = 8;
const GENTLE_SHARE = 0.6;

/**
 * Corners whose turn the anti-aliasing spreads over more than a pixel — the inner corners of a
 * star, a notch, most corners of a shape on a gradient — where the turn within CORNER_REACH
 * stays under the threshold and the curve fitter rounds them into Béziers. Found instead from
 * the two straight sides beyond the blur: they meet at more than the threshold. A curve is never
 * one: where its sides are straight over 3.5 px, its turn over 3 px is far below the threshold.
 */
function withBluntCorners(points: Point[], threshold: number, far: number, corners: number[]): number[] {
  const n = points.length;
  if (n < 12) return corners;
  // Arc length along the contour, three times round, so that walks from the middle round are
  // index lookups.
  const arc = new Float64Array(3 * n);
  for (let k = 1; k < 3 * n; k++) arc[k] = arc[k - 1] + Math.hypot(points[k % n].x - points[(k - 1) % n].x, points[k % n].y - points[(k - 1) % n].y);
  if (arc[n] < 4 * far) return corners;
  // For point i (as i + n): the first point at least `distance` ahead and behind it.
  const ahead = (distance: number): Int32Array => {
    const out = new Int32Array(n);
    for (let i = 0, j = n; i < n; i++) {
      while (arc[j] - arc[i + n] < distance) j++;
      out[i] = j;
      if (j < i + n) j = i + n;
    }
    return out;
  };
  const behind = (distance: number): Int32Array => {
    const out = new Int32Array(n);
    for (let i = n - 1, j = 2 * n; i >= 0; i--) {
      if (j > i + n) j = i + n;
      while (arc[i + n] - arc[j] < distance) j--;
      out[i] = j;
    }
    return out;
  };
  const [nearAhead, farAhead, nearBehind, farBehind] = [ahead(BLUNT_NEAR), ahead(far), behind(BLUNT_NEAR), behind(far)];
  const at = (k: number): Point => points[k % n];
  const cosThreshold = Math.cos(threshold);
  const scored: { i: number; cos: number }[] = [];
  for (let i = 0; i < n; i++) {
    const before = direction(at(farBehind[i]), at(nearBehind[i]));
    const after = direction(at(nearAhead[i]), at(farAhead[i]));
    const cos = before.x * after.x + before.y * after.y;
    if (cos > cosThreshold) continue;
    if (!straight(points, farBehind[i], nearBehind[i], far) || !straight(points, nearAhead[i], farAhead[i], far)) continue;
    scored.push({ i, cos });
  }
  if (scored.length === 0) return corners;
  const near = (i: number, j: number): boolean => {
    const d = Math.abs(arc[i] - arc[j]);
    return Math.min(d, arc[n] - d) < far;
  };
  const found = [...corners];
  for (const { i } of scored.sort((a, b) => a.cos - b.cos)) if (!found.some((c) => near(c, i))) found.push(i);
  return found.sort((a, b) => a - b);
}

function direction(from: Point, to: Point): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return { x: (to.x - from.x) / length, y: (to.y - from.y) / length };
}

/** Whether the contour from index `from` to `to` (to ≥ from, indices taken round the loop) stays
 * within BLUNT_STRAIGHT of its chord, and the chord is nearly as long as the stretch. */
function straight(points: Point[], from: number, to: number, far: number): boolean {
  const n = points.length;
  const a = points[from % n];
  const b = points[to % n];
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length < (far - BLUNT_NEAR) * 0.8) return false;
  const d = { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
  for (let k = from + 1; k < to; k++) {
    const p = points[k % n];
    if (Math.abs((p.x - a.x) * d.y - (p.y - a.y) * d.x) > BLUNT_STRAIGHT) return false;
  }
  return true;
}

/**
 * Marching squares cuts every sharp corner with a small chamfer (the corner pixel is only partly
 * covered). Each corner's two sides, measured beyond the chamfer, are extended to their
 * intersection, and that point replaces the chamfer's points: a square comes back square.
 */
export function sharpenCorners(points: Point[], corners: number[]): { points: Point[]; corners: number[] } {
  const n = points.length;
  const replace = new Map<number, { point: Point; removed: Set<number> }>();
  const taken = new Set<number>();
  for (const c of corners) {
    const before = sideLine(points, c, -1);
    const after = sideLine(points, c, 1);
    if (!before || !after) continue;
    const x = intersect(before.at, before.direction, after.at, after.direction);
    if (!x || Math.hypot(x.x - points[c].x, x.y - points[c].y) > MAX_SHIFT) continue;
    const removed = new Set<number>();
    for (let step = -1; step <= 1; step += 2) {
      for (let k = 1, i = (c + step + n) % n; k < n && i !== before.index && i !== after.index; k++, i = (i + step + n) % n) removed.add(i);
    }
    if ([c, ...removed].some((i) => taken.has(i))) continue;
    [c, ...removed].forEach((i) => taken.add(i));
    replace.set(c, { point: x, removed });
  }
  const out: Point[] = [];
  const outCorners: number[] = [];
  const cornerSet = new Set(corners);
  for (let i = 0; i < n; i++) {
    const swap = replace.get(i);
    if (swap) {
      outCorners.push(out.length);
      out.push(swap.point);
    } else if (![...replace.values()].some((r) => r.removed.has(i))) {
      if (cornerSet.has(i)) outCorners.push(out.length);
      out.push(points[i]);
    }
  }
  return { points: out, corners: outCorners };
}

/** A side of corner c: the point SIDE_NEAR away along the contour and the direction towards c. */
function sideLine(points: Point[], c: number, step: 1 | -1): { at: Point; direction: Point; index: number } | null {
  const near = walkIndex(points, c, step, SIDE_NEAR);
  const far = walkIndex(points, c, step, SIDE_FAR);
  if (near === far) return null;
  return { at: points[near], direction: normalize(sub(points[near], points[far])), index: near };
}

function intersect(p: Point, d: Point, q: Point, e: Point): Point | null {
  const denominator = d.x * e.y - d.y * e.x;
  if (Math.abs(denominator) < 0.2) return null; // nearly parallel: not a real corner
  const t = ((q.x - p.x) * e.y - (q.y - p.y) * e.x) / denominator;
  return { x: p.x + d.x * t, y: p.y + d.y * t };
}

function walk(points: Point[], from: number, step: 1 | -1, distance: number): Point {
  return points[walkIndex(points, from, step, distance)];
}

/** Index of the first point at least `distance` away along the contour, in direction `step`. */
function walkIndex(points: Point[], from: number, step: 1 | -1, distance: number): number {
  const n = points.length;
  let travelled = 0;
  let i = from;
  for (let k = 0; k < n - 1; k++) {
    const j = (i + step + n) % n;
    travelled += Math.hypot(points[j].x - points[i].x, points[j].y - points[i].y);
    i = j;
    if (travelled >= distance) break;
  }
  return i;
}

function sub(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y };
}
