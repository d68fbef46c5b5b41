/**
 * Least-squares cubic Bézier fitting after Philip J. Schneider, "An Algorithm for Automatically
 * Fitting Digitized Curves" (Graphics Gems, 1990): fit with fixed end tangents, refine the point
 * parameters by Newton–Raphson, split at the worst point when the error stays above tolerance.
 * A run of points that is straight within tolerance becomes a line instead.
 */
export interface Point {
  x: number;
  y: number;
}

/** `at`: index of the contour point a fitted segment ends on (for later merging), when known. */
export type Segment = { kind: 'L'; to: Point; at?: number } | { kind: 'C'; c1: Point; c2: Point; to: Point; at?: number };

const add = (a: Point, b: Point): Point => ({ x: a.x + b.x, y: a.y + b.y });
const sub = (a: Point, b: Point): Point => ({ x: a.x - b.x, y: a.y - b.y });
const scale = (a: Point, k: number): Point => ({ x: a.x * k, y: a.y * k });
const dot = (a: Point, b: Point): number => a.x * b.x + a.y * b.y;
const length = (a: Point): number => Math.hypot(a.x, a.y);

export function normalize(a: Point): Point {
  const l = length(a);
  return l === 0 ? { x: 0, y: 0 } : { x: a.x / l, y: a.y / l };
}

/** Fits points[first..last] (inclusive) and appends the segments, starting after points[first]. */
export function fitCurve(points: Point[], first: number, last: number, tan1: Point, tan2: Point, tolerance: number, out: Segment[]): void {
  if (isStraight(points, first, last, tolerance)) {
    out.push({ kind: 'L', to: points[last], at: last });
    return;
  }
  const p0 = points[first];
  const p3 = points[last];
  if (last - first === 1) {
    const d = length(sub(p3, p0)) / 3;
    out.push({ kind: 'C', c1: add(p0, scale(tan1, d)), c2: add(p3, scale(tan2, d)), to: p3, at: last });
    return;
  }
  const toleranceSq = tolerance * tolerance;
  let u = chordLengthParameters(points, first, last);
  let curve = generateBezier(points, first, last, u, tan1, tan2);
  let [error, split] = maxError(points, first, last, curve, u);
  if (error < toleranceSq) {
    out.push({ kind: 'C', c1: curve[1], c2: curve[2], to: p3, at: last });
    return;
  }
  if (error < toleranceSq * 16) {
    for (let i = 0; i < 4; i++) {
      u = reparameterize(points, first, last, u, curve);
      curve = generateBezier(points, first, last, u, tan1, tan2);
      [error, split] = maxError(points, first, last, curve, u);
      if (error < toleranceSq) {
        out.push({ kind: 'C', c1: curve[1], c2: curve[2], to: p3, at: last });
        return;
      }
    }
  }
  const centre = normalize(sub(points[split - 1], points[split + 1]));
  fitCurve(points, first, split, tan1, centre, tolerance, out);
  fitCurve(points, split, last, scale(centre, -1), tan2, tolerance, out);
}

export function isStraight(points: Point[], first: number, last: number, tolerance: number): boolean {
  const a = points[first];
  const b = points[last];
  const chord = sub(b, a);
  const chordLength = length(chord);
  if (chordLength === 0) return last - first <= 1;
  for (let i = first + 1; i < last; i++) {
    const v = sub(points[i], a);
    const along = dot(v, chord) / chordLength;
    if (along < -tolerance || along > chordLength + tolerance) return false;
    if (Math.abs(v.x * chord.y - v.y * chord.x) / chordLength > tolerance) return false;
  }
  return true;
}

function chordLengthParameters(points: Point[], first: number, last: number): number[] {
  const u = [0];
  for (let i = first + 1; i <= last; i++) u.push(u[u.length - 1] + length(sub(points[i], points[i - 1])));
  const total = u[u.length - 1];
  return u.map((v) => (total === 0 ? 0 : v / total));
}

function generateBezier(points: Point[], first: number, last: number, u: number[], tan1: Point, tan2: Point): Point[] {
  const p0 = points[first];
  const p3 = points[last];
  let c00 = 0;
  let c01 = 0;
  let c11 = 0;
  let x0 = 0;
  let x1 = 0;
  for (let i = 0; i < u.length; i++) {
    const t = u[i];
    const s = 1 - t;
    const b0 = s * s * s;
    const b1 = 3 * t * s * s;
    const b2 = 3 * t * t * s;
    const b3 = t * t * t;
    const a1 = scale(tan1, b1);
    const a2 = scale(tan2, b2);
    c00 += dot(a1, a1);
    c01 += dot(a1, a2);
    c11 += dot(a2, a2);
    const rest = sub(points[first + i], add(scale(p0, b0 + b1), scale(p3, b2 + b3)));
    x0 += dot(a1, rest);
    x1 += dot(a2, rest);
  }
  const det = c00 * c11 - c01 * c01;
  const segment = length(sub(p3, p0));
  const epsilon = 1e-6 * segment;
  let alpha1 = det === 0 ? 0 : (x0 * c11 - x1 * c01) / det;
  let alpha2 = det === 0 ? 0 : (c00 * x1 - c01 * x0) / det;
  // A degenerate or backwards solution: fall back to Wu/Barsky's heuristic of a third of the chord.
  if (alpha1 < epsilon || alpha2 < epsilon) alpha1 = alpha2 = segment / 3;
  return [p0, add(p0, scale(tan1, alpha1)), add(p3, scale(tan2, alpha2)), p3];
}

function evaluate(curve: Point[], t: number): Point {
  const s = 1 - t;
  const b0 = s * s * s;
  const b1 = 3 * t * s * s;
  const b2 = 3 * t * t * s;
  const b3 = t * t * t;
  return {
    x: curve[0].x * b0 + curve[1].x * b1 + curve[2].x * b2 + curve[3].x * b3,
    y: curve[0].y * b0 + curve[1].y * b1 + curve[2].y * b2 + curve[3].y * b3,
  };
}

function maxError(points: Point[], first: number, last: number, curve: Point[], u: number[]): [number, number] {
  let worst = 0;
  let split = Math.floor((first + last) / 2);
  for (let i = first + 1; i < last; i++) {
    const d = sub(evaluate(curve, u[i - first]), points[i]);
    const e = dot(d, d);
    if (e >= worst) [worst, split] = [e, i];
  }
  return [worst, split];
}

function reparameterize(points: Point[], first: number, last: number, u: number[], curve: Point[]): number[] {
  const d1 = [0, 1, 2].map((i) => scale(sub(curve[i + 1], curve[i]), 3));
  const d2 = [0, 1].map((i) => scale(sub(d1[i + 1], d1[i]), 2));
  return u.map((t, k) => {
    const p = points[first + k];
    const s = 1 - t;
    const q = evaluate(curve, t);
    const q1 = add(add(scale(d1[0], s * s), scale(d1[1], 2 * s * t)), scale(d1[2], t * t));
    const q2 = add(scale(d2[0], s), scale(d2[1], t));
    const numerator = dot(sub(q, p), q1);
    const denominator = dot(q1, q1) + dot(sub(q, p), q2);
    return denominator === 0 ? t : Math.min(1, Math.max(0, t - numerator / denominator));
  });
}
