import { fitFocalRadial } from './focalRadial';
import { fitRamp, type Fitted } from './gradientFit';

/** An ellipse this close to a circle (minor ÷ major axis) is left to the circular fit. */
const MAX_RATIO = 0.95;

/**
 * A radial gradient whose rings are ellipses — what a designer's radial gradient becomes on a
 * wide or tall shape (objectBoundingBox units stretch it), or a squashed highlight. Luma is fitted
 * with a full quadratic a + bx + cy + dx² + exy + fy²; its quadratic part gives the rings' axes
 * and turn, its minimum or maximum their centre. Written as a circle in a turned, squashed space.
 */
export function fitEllipticalRadial(xs: Float64Array, ys: Float64Array, cs: Float64Array[], tryFocus = true): Fitted | null {
  const whole = ringsOf(xs, ys, cs, null, tryFocus);
  const rim = rimMask(cs);
  if (!rim) return whole;
  const refit = ringsOf(xs, ys, cs, rim, tryFocus);
  return refit && (!whole || refit.rms < whole.rms) && ringsRoundCore(refit, xs, ys, rim) ? refit : whole;
}

/** Rim shading's ramp starts at least this far out (a share of the radius)… */
const MIN_CORE_OFFSET = 0.5;
/** …and its rings are centred on the flat core: within this share of the radius of its centroid. */
const MAX_CORE_SHIFT = 0.25;

/** Whether fitted rings are rim shading around the flat core: a highlight plateau off to one
 * side of a shaded shape is a core too, and its rings a poorer fit than the whole region's. */
function ringsRoundCore(fitted: Fitted, xs: Float64Array, ys: Float64Array, rim: Uint8Array): boolean {
  const paint = fitted.paint;
  if (paint.kind !== 'radial' || paint.stops[0].offset < MIN_CORE_OFFSET) return false;
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    if (rim[i]) continue;
    sx += xs[i];
    sy += ys[i];
    count++;
  }
  return Math.hypot(sx / count - paint.cx, sy / count - paint.cy) <= MAX_CORE_SHIFT * paint.r;
}

/** A region is tried as rim shading when at least this share of it is its flat core… */
const MIN_CORE = 0.4;
/** …and at least this share is the rim. */
const MIN_RIM = 0.08;
/** Pixels within this luma of the region's median are its flat core. */
const CORE_LUMA = 2.5;

/**
 * Rim shading (Noto's: a flat shape under a radial gradient transparent up to ~0.8 of its
 * radius) is flat over most of the region: a quadratic fitted to all of it is mostly fitted to
 * the flat core and misplaces the rings. Fitted only to the pixels that are not the core — the
 * median colour — it follows the rim's rings. The rim pixels, or null for a region that is not so.
 */
function rimMask(cs: Float64Array[]): Uint8Array | null {
  const n = cs[0].length;
  const luma = new Float64Array(n);
  for (let i = 0; i < n; i++) luma[i] = 0.299 * cs[0][i] + 0.587 * cs[1][i] + 0.114 * cs[2][i];
  const median = Float64Array.from(luma).sort()[n >> 1];
  const mask = new Uint8Array(n);
  let rim = 0;
  for (let i = 0; i < n; i++) if (Math.abs(luma[i] - median) > CORE_LUMA) (mask[i] = 1), rim++;
  return rim >= MIN_RIM * n && rim <= (1 - MIN_CORE) * n ? mask : null;
}

/** Elliptical rings from a quadratic fitted to the pixels in `mask` (all when null), their ramp
 * fitted to all pixels. */
function ringsOf(xs: Float64Array, ys: Float64Array, cs: Float64Array[], mask: Uint8Array | null, tryFocus: boolean): Fitted | null {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] / n;
    my += ys[i] / n;
  }
  const ata = [...Array(6)].map(() => new Float64Array(6));
  const atb = new Float64Array(6);
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const x = xs[i] - mx;
    const y = ys[i] - my;
    const luma = 0.299 * cs[0][i] + 0.587 * cs[1][i] + 0.114 * cs[2][i];
    const v = [1, x, y, x * x, x * y, y * y];
    for (let r = 0; r < 6; r++) {
      atb[r] += v[r] * luma;
      for (let c = 0; c < 6; c++) ata[r][c] += v[r] * v[c];
    }
  }
  const q = solve(ata, atb);
  if (!q) return null;
  const [, b, c, d, e, f] = q;
  // Quadratic form [[d, e/2], [e/2, f]]: both eigenvalues of one sign, or the rings are not closed.
  const det = d * f - (e * e) / 4;
  if (det <= 1e-12) return null;
  const cx = mx + (-2 * f * b + e * c) / (4 * det);
  const cy = my + (-2 * d * c + e * b) / (4 * det);
  const mean = (d + f) / 2;
  const spread = Math.sqrt(((d - f) / 2) ** 2 + (e * e) / 4);
  const [small, large] = mean > 0 ? [mean - spread, mean + spread] : [mean + spread, mean - spread];
  const ratio = Math.sqrt(small / large); // minor ÷ major
  if (!(ratio > 0) || ratio > MAX_RATIO) return null;
  // ½·atan2(e, d − f) is the axis of the algebraically larger eigenvalue, mean + spread; the
  // rings' major axis is the eigenvalue smaller in size: that one for a maximum, the other for a minimum.
  const angle = 0.5 * Math.atan2(e, d - f) + (mean > 0 ? Math.PI / 2 : 0);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let extent = 0;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = (xs[i] - cx) * cos + (ys[i] - cy) * sin;
    const v = -(xs[i] - cx) * sin + (ys[i] - cy) * cos;
    s[i] = Math.hypot(u, v / ratio);
    extent = Math.max(extent, Math.hypot(xs[i] - mx, ys[i] - my));
  }
  if (Math.hypot(cx - mx, cy - my) > 1.5 * extent) return null; // centre far away: nearly linear
  const ramp = fitRamp(s, cs, 0);
  if (!ramp || ramp.to <= 0) return null;
  const centred: Fitted = { paint: { kind: 'radial', cx, cy, r: ramp.to, angle: (angle * 180) / Math.PI, ratio, stops: ramp.stops }, rms: ramp.rms };
  // Rings that already fit well leave a focus little to win, and its search is the cost.
  const focal = tryFocus && centred.rms > FOCAL_ABOVE ? focalInRingSpace(xs, ys, cs, cx, cy, angle, ratio) : null;
  // A focus costs two numbers and a shift of the centre: it must be clearly better.
  return focal && focal.rms < centred.rms * FOCAL_GAIN ? focal : centred;
}

/** Only centred rings fitted worse than this RMS are tried with a focus. */
const FOCAL_ABOVE = 4;
/** An elliptical fit with a focus must reach this fraction of the centred fit's RMS. */
const FOCAL_GAIN = 0.85;

/**
 * The same rings with an off-centre focus — a designer's focal radial gradient in bounding-box
 * units on a wide shape: the pixels are taken into the rings' space (turned, minor axis
 * stretched by 1 / ratio), where the rings are circles, fitted there as a focal radial, and the
 * circle's centre and focus mapped back.
 */
function focalInRingSpace(xs: Float64Array, ys: Float64Array, cs: Float64Array[], cx: number, cy: number, angle: number, ratio: number): Fitted | null {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const us = new Float64Array(xs.length);
  const vs = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    us[i] = (xs[i] - cx) * cos + (ys[i] - cy) * sin;
    vs[i] = (-(xs[i] - cx) * sin + (ys[i] - cy) * cos) / ratio;
  }
  const fit = fitFocalRadial(us, vs, cs);
  if (!fit || fit.paint.kind !== 'radial' || fit.paint.fx === undefined || fit.paint.fy === undefined) return null;
  const back = (u: number, v: number) => [cx + u * cos - v * ratio * sin, cy + u * sin + v * ratio * cos];
  const [centreX, centreY] = back(fit.paint.cx, fit.paint.cy);
  const [fx, fy] = back(fit.paint.fx, fit.paint.fy);
  return { paint: { kind: 'radial', cx: centreX, cy: centreY, r: fit.paint.r, fx, fy, angle: (angle * 180) / Math.PI, ratio, stops: fit.paint.stops }, rms: fit.rms };
}

/** Gaussian elimination with partial pivoting. */
function solve(a: Float64Array[], b: Float64Array): number[] | null {
  const size = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const k = m[r][col] / m[col][col];
      for (let c = col; c <= size; c++) m[r][c] -= k * m[col][c];
    }
  }
  return m.map((row, i) => row[size] / row[i]);
}
