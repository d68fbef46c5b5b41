import { fitRamp, type Fitted } from './gradientFit';

/** Radius factors tried: the painted disc may end before the gradient's circle does. */
const RADIUS_FACTORS = [1, 1.15, 1.35];
/** The focal point is searched on at most this many of the region's pixels (every k-th one):
 * the ramp's error moves smoothly with the focus, and a full fit per probe made gradient art
 * noticeably slower. The chosen focus is then fitted on all pixels. */
const SEARCH_SAMPLE = 384;
/** The search stops when its step is below this (px). */
const MIN_STEP = 1;

/**
 * A radial gradient whose focal point is off-centre — the lit sphere of many icons. The circle is
 * the region's bounding circle. The focal point starts where the colour is most extreme (the
 * highlight or the shadow core: where luma peaks, or where any one channel does, since a ramp
 * through similar lumas peaks in none) and is then moved, by a shrinking-step pattern search, to
 * where the ramp explains the pixels best: the brightest pixels are not always at the focus (a
 * highlight laid over the sphere, a ramp whose middle stop is its lightest). Each pixel's gradient
 * position t solves SVG's definition: p lies on the circle of centre f + t·(c − f) and radius t·r.
 */
export function fitFocalRadial(xs: Float64Array, ys: Float64Array, cs: Float64Array[], search = true): Fitted | null {
  const n = xs.length;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xs[i]);
    x1 = Math.max(x1, xs[i]);
    y0 = Math.min(y0, ys[i]);
    y1 = Math.max(y1, ys[i]);
  }
  const centre = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
  const radius = Math.max(x1 - x0, y1 - y0) / 2;
  if (radius < 4) return null;
  const starts = extremePoints(xs, ys, cs);
  if (starts.length === 0) return null;
  const all = { xs, ys, cs };
  const sample = everyKth(all, Math.ceil(n / SEARCH_SAMPLE));
  // Searched once, on the bounding circle (the focus barely moves with the radius factor); then
  // each radius factor is tried with the focus found and with the starts, all on the sample, and
  // only the best is fitted on all pixels.
  const found = search ? searchFocus(sample, centre, radius, starts) : null;
  let best: { r: number; focus: Point; rms: number } | null = null;
  for (const factor of RADIUS_FACTORS) {
    for (const focus of found ? [found, ...starts] : starts) {
      const fit = fitWithFocus(sample, centre, radius * factor, focus);
      if (fit && (!best || fit.rms < best.rms)) best = { r: radius * factor, focus, rms: fit.rms };
    }
  }
  return best && fitWithFocus(all, centre, best.r, best.focus);
}

interface Pixels {
  xs: Float64Array;
  ys: Float64Array;
  cs: Float64Array[];
}

interface Point {
  x: number;
  y: number;
}

/** The focus whose ramp explains the sample best: the best start, then steps of a quarter of the
 * radius in 8 directions, halved whenever none improves. */
function searchFocus(sample: Pixels, centre: Point, r: number, starts: Point[]): Point | null {
  let best: Point | null = null;
  let error = Infinity;
  for (const start of starts) {
    const fit = fitWithFocus(sample, centre, r, start);
    if (fit && fit.rms < error) [best, error] = [start, fit.rms];
  }
  if (!best) return null;
  let focus: Point = best;
  for (let step = r / 4; step >= MIN_STEP; ) {
    let moved = false;
    for (const [dx, dy] of DIRECTIONS) {
      const next: Point = { x: focus.x + dx * step, y: focus.y + dy * step };
      const fit = fitWithFocus(sample, centre, r, next);
      if (fit && fit.rms < error) {
        [focus, error, moved] = [next, fit.rms, true];
        break;
      }
    }
    if (!moved) step /= 2;
  }
  return focus;
}

const DIRECTIONS = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]].map(([x, y]) => [x / Math.hypot(x, y), y / Math.hypot(x, y)]);

function fitWithFocus({ xs, ys, cs }: Pixels, centre: Point, r: number, focal: Point): Fitted | null {
  const n = xs.length;
  const ex = centre.x - focal.x;
  const ey = centre.y - focal.y;
  const a = ex * ex + ey * ey - r * r;
  if (a >= -1e-6) return null; // the focal point must lie inside the circle
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - focal.x;
    const dy = ys[i] - focal.y;
    const de = dx * ex + dy * ey;
    t[i] = ((de - Math.sqrt(Math.max(0, de * de - a * (dx * dx + dy * dy)))) / a) * r; // t·r: in pixels, so bins are ~2 px wide
  }
  const ramp = fitRamp(t, cs, 0);
  if (!ramp || ramp.to <= 0) return null;
  // Offsets along t·r ∈ [0, ramp.to]; the SVG circle scales so that t = 1 at ramp.to.
  const scale = ramp.to / r;
  const paint = {
    kind: 'radial' as const,
    cx: focal.x + ex * scale,
    cy: focal.y + ey * scale,
    r: ramp.to,
    fx: focal.x,
    fy: focal.y,
    stops: ramp.stops,
  };
  return { paint, rms: ramp.rms };
}

function everyKth({ xs, ys, cs }: Pixels, k: number): Pixels {
  if (k <= 1) return { xs, ys, cs };
  const pick = (v: Float64Array) => Float64Array.from({ length: Math.ceil(v.length / k) }, (_, i) => v[i * k]);
  return { xs: pick(xs), ys: pick(ys), cs: cs.map(pick) };
}

/** Candidate focal points: the mean position of the 1% of pixels whose luma is furthest from the
 * region's median (first: the fit before the search started from it alone), then the same for
 * each colour channel. */
function extremePoints(xs: Float64Array, ys: Float64Array, cs: Float64Array[]): Point[] {
  const n = xs.length;
  const luma = new Float64Array(n);
  for (let i = 0; i < n; i++) luma[i] = 0.299 * cs[0][i] + 0.587 * cs[1][i] + 0.114 * cs[2][i];
  return [luma, cs[0], cs[1], cs[2]].map((values) => extremePoint(xs, ys, values)).filter((p): p is Point => p !== null);
}

/** The value of each rank in a list of whole numbers 0–255 (a channel's bytes), from their
 * histogram: the same as sorting, without a sort per channel per region. Null for other values. */
function byteRanks(values: Float64Array): ((rank: number) => number) | null {
  const counts = new Uint32Array(256);
  for (const v of values) {
    if (!(v >= 0 && v <= 255 && Number.isInteger(v))) return null;
    counts[v]++;
  }
  return (rank: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += counts[v]) > rank) return v;
    return 255;
  };
}

function extremePoint(xs: Float64Array, ys: Float64Array, values: Float64Array): Point | null {
  const n = xs.length;
  const at = byteRanks(values) ?? ((sorted) => (rank: number) => sorted[rank])(Float64Array.from(values).sort());
  const median = at(n >> 1);
  const low = at(Math.floor(n * 0.01));
  const high = at(Math.ceil(n * 0.99) - 1);
  const bright = high - median > median - low;
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (bright ? values[i] >= high : values[i] <= low) {
      sx += xs[i];
      sy += ys[i];
      count++;
    }
  }
  return count === 0 ? null : { x: sx / count, y: sy / count };
}
