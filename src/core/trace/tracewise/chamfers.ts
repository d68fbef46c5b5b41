import type { Point, Segment } from './bezier';

/** A line this short (px) between two lines may be a cut tip… */
const MAX_CHAMFER = 3.5;
/** …when its neighbours turn by more than this (radians, ~100°: the tip is acute)… */
const MIN_TURN = (100 * Math.PI) / 180;
/** …and meet within this distance (px) of it. */
const MAX_REACH = 5;
/** A blunter corner left cut (by a few pixels' blur, often on a gradient) is joined too, when its
 * lines turn by this much and meet this close (px) to the cut: the outline moves by less than a
 * pixel. */
const MIN_BLUNT_TURN = (30 * Math.PI) / 180;
const MAX_BLUNT_REACH = 2;
const MAX_BLUNT_CHAMFER = 5;

/**
 * The anti-aliasing of an acute tip (a star's point) fades below half coverage before the tip
 * itself, so its outline comes out cut off by a short line, and the two corners at its ends are
 * too blunt for sharpenCorners to extend. Where two lines' extensions meet just beyond such a
 * cut, the cut is replaced by their meeting point: one segment fewer, and the tip as drawn.
 * Works on a closed path whose last segment ends at its start.
 */
export function joinCutTips(start: Point, segments: Segment[]): { start: Point; segments: Segment[] } {
  const out = [...segments];
  for (let k = 0; out.length >= 4 && k < out.length; ) {
    const m = out.length;
    const [a, b, c] = [out[(k - 1 + m) % m], out[k], out[(k + 1) % m]];
    const tip = a.kind === 'L' && b.kind === 'L' && c.kind === 'L' ? meetingPoint(out[(k - 2 + m) % m].to, a.to, b.to, c.to) : null;
    if (!tip) {
      k++;
      continue;
    }
    out[(k - 1 + m) % m] = { kind: 'L', to: tip };
    out.splice(k, 1);
  }
  return { start: out[out.length - 1].to, segments: out };
}

/** Where line p0→p1 extended meets line p2→p3 extended back, if p1→p2 is a cut tip between them. */
function meetingPoint(p0: Point, p1: Point, p2: Point, p3: Point): Point | null {
  const cut = Math.hypot(p2.x - p1.x, p2.y - p1.y);
  const before = Math.hypot(p1.x - p0.x, p1.y - p0.y);
  const after = Math.hypot(p3.x - p2.x, p3.y - p2.y);
  if (cut > MAX_BLUNT_CHAMFER || before < cut || after < cut) return null;
  const d = { x: (p1.x - p0.x) / before, y: (p1.y - p0.y) / before };
  const e = { x: (p3.x - p2.x) / after, y: (p3.y - p2.y) / after };
  const turn = Math.acos(Math.max(-1, Math.min(1, d.x * e.x + d.y * e.y)));
  const acute = turn >= MIN_TURN && cut <= MAX_CHAMFER;
  if (turn < MIN_BLUNT_TURN) return null;
  const denominator = d.x * e.y - d.y * e.x;
  if (Math.abs(denominator) < 1e-6) return null;
  const t = ((p2.x - p1.x) * e.y - (p2.y - p1.y) * e.x) / denominator;
  const tip = { x: p1.x + d.x * t, y: p1.y + d.y * t };
  // Beyond the cut on both lines, and near it.
  const back = (tip.x - p2.x) * e.x + (tip.y - p2.y) * e.y;
  if (t <= 0 || back >= 0) return null;
  const middle = { x: (p1.x + p2.x) / 2, y: (p1.y + p2.y) / 2 };
  return Math.hypot(tip.x - middle.x, tip.y - middle.y) <= (acute ? MAX_REACH : MAX_BLUNT_REACH) ? tip : null;
}
