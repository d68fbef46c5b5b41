import type { Raster } from '../../types';
import { fitEllipticalRadial } from './ellipticalRadial';
import { fitFocalRadial } from './focalRadial';
import { colourAt, fitRamp, maxOf, minOf, opacityAt, type GradientStop, type Rgb } from './gradientRamp';
import type { SmoothRegion } from './smoothRegions';

export { colourAt, fitRamp, opacityAt, trimPads, type GradientStop, type Rgb } from './gradientRamp';

export type GradientPaint =
  | { kind: 'linear'; x1: number; y1: number; x2: number; y2: number; stops: GradientStop[] }
  | {
      kind: 'radial';
      cx: number;
      cy: number;
      r: number;
      fx?: number;
      fy?: number;
      /** Elliptical rings: the major axis's turn (degrees) and minor ÷ major (r is the major). */
      angle?: number;
      ratio?: number;
      stops: GradientStop[];
    };

/** A fit is accepted when its RMS colour error (0–255 units) is at most this. */
export const MAX_RMS = 5;
/** A paint whose stops span less than this is a flat shape whose anti-aliased rim the fit
 * mistook for shading (a flat ellipse "fitted" with elliptical rings). */
const MIN_PAINT_RANGE = 12;
/** A region a linear gradient fits within this RMS gets no focal-point search, circular or
 * elliptical (train gradient art: it changed no trace, and the search is ~half the focal fit's
 * time). */
const SEARCH_FOCUS_ABOVE = 2;
/** Regions whose colours span less than this are flat, not gradients. */
const MIN_RANGE = 20;

/**
 * Fits a smooth region's colours with a linear gradient (direction from a least-squares plane
 * per channel) and a radial one (centre from a least-squares paraboloid of luma), each with as
 * few stops as follow its colour ramp, and keeps the better if it explains the pixels well.
 */
export function fitGradient(raster: Raster, region: SmoothRegion, maxRms = MAX_RMS): { paint: GradientPaint; rms: number } | null {
  if (region.range < MIN_RANGE) return null;
  let fitted = fittedRegions.get(region.pixels);
  if (!fitted) fittedRegions.set(region.pixels, (fitted = fitShapes(raster, region.pixels)));
  const { linear, radial } = fitted;
  const candidates = [linear, radial].filter((f): f is Fitted => f !== null && f.rms <= maxRms && stopRange(f.paint) >= MIN_PAINT_RANGE);
  if (candidates.length === 0) return null;
  // Radial gradients cost more bytes and suit fewer shapes: they must be clearly better.
  return candidates.length === 2 && radial!.rms < linear!.rms * 0.85 ? radial! : candidates[0];
}

/** Fits by region, computed once: a region that misses the strict bound is asked again at a
 * rough one (robust refit) and a loose one (many bands), and fitting, not accepting, is the cost
 * (the slowest gradient icons traced ~2× slower before this was shared). Keyed by the pixel list,
 * which belongs to one raster. */
const fittedRegions = new WeakMap<Uint32Array, { linear: Fitted | null; radial: Fitted | null }>();

function fitShapes(raster: Raster, pixels: Uint32Array): { linear: Fitted | null; radial: Fitted | null } {
  const xs = new Float64Array(pixels.length);
  const ys = new Float64Array(pixels.length);
  // Straight RGB, plus alpha as a fourth channel where the region fades (stop-opacity).
  const fades = pixels.some((p) => raster.data[p * 4 + 3] < 255);
  const cs = [...Array(fades ? 4 : 3)].map(() => new Float64Array(pixels.length));
  pixels.forEach((p, i) => {
    xs[i] = (p % raster.width) + 0.5;
    ys[i] = Math.floor(p / raster.width) + 0.5;
    for (let k = 0; k < cs.length; k++) cs[k][i] = raster.data[p * 4 + k];
  });
  const linear = fitLinear(xs, ys, cs);
  // A linear fit this close leaves a focal point nothing to win: no search for one.
  const searchFocus = !(linear && linear.rms <= SEARCH_FOCUS_ABOVE);
  const radials = [fitRadial(xs, ys, cs), fitFocalRadial(xs, ys, cs, searchFocus)].filter((f): f is Fitted => f !== null);
  let radial = radials.sort((a, b) => a.rms - b.rms)[0] ?? null;
  // Elliptical rings cost a transform: they must be clearly better than circular ones.
  const elliptical = fitEllipticalRadial(xs, ys, cs, searchFocus);
  if (elliptical && (!radial || elliptical.rms < radial.rms * 0.85)) radial = elliptical;
  return { linear, radial };
}

export interface Fitted {
  paint: GradientPaint;
  rms: number;
}

function fitLinear(xs: Float64Array, ys: Float64Array, cs: Float64Array[]): Fitted | null {
  const n = xs.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const det = sxx * syy - sxy * sxy;
  if (det <= 1e-9) return null;
  // Per channel slope (b, c); the gradient direction is the principal axis of all three.
  let m00 = 0;
  let m01 = 0;
  let m11 = 0;
  for (const c of cs) {
    const mc = mean(c);
    let sxc = 0;
    let syc = 0;
    for (let i = 0; i < n; i++) {
      sxc += (xs[i] - mx) * (c[i] - mc);
      syc += (ys[i] - my) * (c[i] - mc);
    }
    const b = (sxc * syy - syc * sxy) / det;
    const cc = (syc * sxx - sxc * sxy) / det;
    m00 += b * b;
    m01 += b * cc;
    m11 += cc * cc;
  }
  const angle = 0.5 * Math.atan2(2 * m01, m00 - m11);
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const s = xs.map((x, i) => (x - mx) * dx + (ys[i] - my) * dy);
  const ramp = fitRamp(s, cs);
  if (!ramp) return null;
  const paint: GradientPaint = {
    kind: 'linear',
    x1: mx + dx * ramp.from,
    y1: my + dy * ramp.from,
    x2: mx + dx * ramp.to,
    y2: my + dy * ramp.to,
    stops: ramp.stops,
  };
  return { paint, rms: ramp.rms };
}

function fitRadial(xs: Float64Array, ys: Float64Array, cs: Float64Array[]): Fitted | null {
  const luma = xs.map((_, i) => 0.299 * cs[0][i] + 0.587 * cs[1][i] + 0.114 * cs[2][i]);
  const mx = mean(xs);
  const my = mean(ys);
  // luma ≈ a + b·x + c·y + d·(x² + y²), on centred coordinates for conditioning.
  const rows = xs.length;
  const ata = [...Array(4)].map(() => new Float64Array(4));
  const atb = new Float64Array(4);
  for (let i = 0; i < rows; i++) {
    const x = xs[i] - mx;
    const y = ys[i] - my;
    const v = [1, x, y, x * x + y * y];
    for (let r = 0; r < 4; r++) {
      atb[r] += v[r] * luma[i];
      for (let c = 0; c < 4; c++) ata[r][c] += v[r] * v[c];
    }
  }
  const solution = solve4(ata, atb);
  if (!solution || Math.abs(solution[3]) < 1e-4) return null;
  const cx = mx - solution[1] / (2 * solution[3]);
  const cy = my - solution[2] / (2 * solution[3]);
  const extent = Math.sqrt(maxOf(xs.map((x, i) => (x - mx) ** 2 + (ys[i] - my) ** 2)));
  if (Math.hypot(cx - mx, cy - my) > 1.5 * extent) return null; // centre far away: nearly linear
  const s = xs.map((x, i) => Math.hypot(x - cx, ys[i] - cy));
  const ramp = fitRamp(s, cs, 0);
  if (!ramp || ramp.to <= 0) return null;
  return { paint: { kind: 'radial', cx, cy, r: ramp.to, stops: ramp.stops }, rms: ramp.rms };
}

/** The paint's colour at a point of the pixel grid, as an SVG renderer computes it (pad spread). */
export function paintColourAt(paint: GradientPaint, x: number, y: number): Rgb {
  return colourAt(paint.stops, paintPosition(paint, x, y));
}

/** The paint's opacity (0–1) at a point of the pixel grid. */
export function paintOpacityAt(paint: GradientPaint, x: number, y: number): number {
  return paint.stops.some((s) => s.opacity !== undefined) ? opacityAt(paint.stops, paintPosition(paint, x, y)) : 1;
}

/** The gradient position t (0 at the first stop's end, 1 at the last) of a point. */
export function paintPosition(paint: GradientPaint, x: number, y: number): number {
  if (paint.kind === 'linear') {
    const dx = paint.x2 - paint.x1;
    const dy = paint.y2 - paint.y1;
    const length = dx * dx + dy * dy;
    return length === 0 ? 0 : ((x - paint.x1) * dx + (y - paint.y1) * dy) / length;
  }
  if (paint.ratio !== undefined) {
    // Elliptical rings: the same circle in the turned, unsquashed space (see ringSpace).
    const [u, v] = ringSpace(paint, x, y);
    if (paint.fx === undefined || paint.fy === undefined) return Math.hypot(u, v) / paint.r;
    const [fu, fv] = ringSpace(paint, paint.fx, paint.fy);
    return circlePosition(0, 0, paint.r, fu, fv, u, v);
  }
  return circlePosition(paint.cx, paint.cy, paint.r, paint.fx ?? paint.cx, paint.fy ?? paint.cy, x, y);
}

/** A point in an elliptical paint's ring space: turned by −angle about the centre, its minor
 * axis stretched by 1 / ratio, so that the rings are circles about the origin. */
export function ringSpace(paint: Extract<GradientPaint, { kind: 'radial' }>, x: number, y: number): [number, number] {
  const turn = ((paint.angle ?? 0) * Math.PI) / 180;
  const u = (x - paint.cx) * Math.cos(turn) + (y - paint.cy) * Math.sin(turn);
  const v = -(x - paint.cx) * Math.sin(turn) + (y - paint.cy) * Math.cos(turn);
  return [u, v / (paint.ratio ?? 1)];
}

/** The position t of (x, y) for a circle (cx, cy, r) with focus (fx, fy). */
function circlePosition(cx: number, cy: number, r: number, fx: number, fy: number, x: number, y: number): number {
  if (fx === cx && fy === cy) return Math.hypot(x - cx, y - cy) / r;
  // p lies on the circle of centre f + t·(c − f) and radius t·r (see focalRadial.ts).
  const ex = cx - fx;
  const ey = cy - fy;
  const a = ex * ex + ey * ey - r * r;
  const dx = x - fx;
  const dy = y - fy;
  const de = dx * ex + dy * ey;
  return (de - Math.sqrt(Math.max(0, de * de - a * (dx * dx + dy * dy)))) / a;
}


function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Gaussian elimination with partial pivoting for the 4×4 normal equations. */
function solve4(a: Float64Array[], b: Float64Array): number[] | null {
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < 4; col++) {
    let pivot = col;
    for (let r = col + 1; r < 4; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < 4; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c < 5; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[4] / row[i]);
}

/** Largest per-channel spread of a paint's stop colours. */
function stopRange(paint: GradientPaint): number {
  let range = 0;
  for (let k = 0; k < 4; k++) {
    const values = paint.stops.map((s) => (k < 3 ? s.colour[k] : 255 * (s.opacity ?? 1)));
    range = Math.max(range, Math.max(...values) - Math.min(...values));
  }
  return range;
}
