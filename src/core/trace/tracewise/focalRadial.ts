import { fitRamp, type Fitted } from './gradientFit';

/** Radius factors tried: the painted disc may end before the gradient's circle does. */
const RADIUS_FACTORS = [1, 1.15, 1.35];

/**
 * A radial gradient whose focal point is off-centre — the lit sphere of many icons. The circle is
 * the region's bounding circle; the focal point is where the colour is most extreme (the
 * highlight or the shadow core). Each pixel's gradient position t solves SVG's definition: p lies
 * on the circle of centre f + t·(c − f) and radius t·r.
 */
export function fitFocalRadial(xs: Float64Array, ys: Float64Array, cs: Float64Array[]): Fitted | null {
  const n = xs.length;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xs[i]);
    x1 = Math.max(x1, xs[i]);
    y0 = Math.min(y0, ys[i]);
    y1 = Math.max(y1, ys[i]);
  }
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const radius = Math.max(x1 - x0, y1 - y0) / 2;
  if (radius < 4) return null;
  const focal = extremePoint(xs, ys, cs);
  if (!focal) return null;
  let best: Fitted | null = null;
  for (const factor of RADIUS_FACTORS) {
    const r = radius * factor;
    const ex = cx - focal.x;
    const ey = cy - focal.y;
    const a = ex * ex + ey * ey - r * r;
    if (a >= -1e-6) continue; // the focal point must lie inside the circle
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const dx = xs[i] - focal.x;
      const dy = ys[i] - focal.y;
      const de = dx * ex + dy * ey;
      t[i] = (de - Math.sqrt(Math.max(0, de * de - a * (dx * dx + dy * dy)))) / a;
    }
    const ramp = fitRamp(t.map((v) => v * r), cs, 0); // in pixels, so bins are ~2 px wide
    if (!ramp || ramp.to <= 0) continue;
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
    if (!best || ramp.rms < best.rms) best = { paint, rms: ramp.rms };
  }
  return best;
}

/** Mean position of the 1% of pixels whose luma is furthest from the region's median. */
function extremePoint(xs: Float64Array, ys: Float64Array, cs: Float64Array[]): { x: number; y: number } | null {
  const n = xs.length;
  const luma = new Float64Array(n);
  for (let i = 0; i < n; i++) luma[i] = 0.299 * cs[0][i] + 0.587 * cs[1][i] + 0.114 * cs[2][i];
  const sorted = Float64Array.from(luma).sort();
  const median = sorted[n >> 1];
  const low = sorted[Math.floor(n * 0.01)];
  const high = sorted[Math.ceil(n * 0.99) - 1];
  const bright = high - median > median - low;
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (bright ? luma[i] >= high : luma[i] <= low) {
      sx += xs[i];
      sy += ys[i];
      count++;
    }
  }
  return count === 0 ? null : { x: sx / count, y: sy / count };
}
