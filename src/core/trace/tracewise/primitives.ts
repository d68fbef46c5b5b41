import { contourBox, type Contour } from './contours';

/** A basic shape that an outline matches within tolerance. Angles in degrees. */
export type Primitive =
  | { kind: 'circle'; cx: number; cy: number; r: number }
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number; angle: number }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; r: number };

/** Corner radii below this (px) are read as square corners (see fitRoundedRect). */
const SQUARE_CORNER_MAX_R = 0.8;
/** An ellipse turned by less than this (degrees) is written unturned when it still fits. */
const SNAP_ANGLE = 2;

/**
 * The circle, ellipse or (rounded) axis-aligned rectangle that a closed outline is, when every
 * outline point lies within `tolerance` of it; else null. Ellipses come from the outline's area
 * moments (a filled ellipse of semi-axes a, b has second moments a²/4, b²/4 along its axes);
 * a rounded rectangle's corner radius from its area, w·h − (4 − π)·r².
 */
export function fitPrimitive(contour: Contour, tolerance: number): Primitive | null {
  if (contour.length < 16) return null;
  const m = moments(contour);
  if (!m) return null; // no area: no shape
  const ellipse = fitEllipse(contour, m, tolerance);
  const rect = fitRoundedRect(contour, m.area, tolerance);
  if (!ellipse || !rect) return ellipse ?? rect;
  // Both within tolerance happens on shapes a few pixels across (a 4×4 square is within 0.6 px of
  // a circle): the one that follows the outline more closely is what the pixels show.
  return rmsDistance(contour, distanceTo(rect)) <= rmsDistance(contour, distanceTo(ellipse)) ? rect : ellipse;
}

function fitEllipse(contour: Contour, m: Moments, tolerance: number): Primitive | null {
  const { cx, cy, xx, yy, xy } = m;
  const mean = (xx + yy) / 2;
  const spread = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  const a = 2 * Math.sqrt(mean + spread);
  const b = 2 * Math.sqrt(Math.max(0, mean - spread));
  if (b < 1) return null;
  const angle = (0.5 * Math.atan2(2 * xy, xx - yy) * 180) / Math.PI;
  const r = (a + b) / 2;
  const circle: Primitive = { kind: 'circle', cx, cy, r };
  if (a - b <= tolerance && fits(contour, tolerance, distanceTo(circle))) return circle;
  // Unturned first (shorter), then turned; axis a lies along `angle`.
  const candidates: Primitive[] = [];
  if (Math.abs(angle) < SNAP_ANGLE) candidates.push({ kind: 'ellipse', cx, cy, rx: a, ry: b, angle: 0 });
  if (Math.abs(Math.abs(angle) - 90) < SNAP_ANGLE) candidates.push({ kind: 'ellipse', cx, cy, rx: b, ry: a, angle: 0 });
  candidates.push({ kind: 'ellipse', cx, cy, rx: a, ry: b, angle });
  return candidates.find((e) => fits(contour, tolerance, distanceTo(e))) ?? null;
}

/** Approximate distance from a point to an ellipse's outline (exact on a circle). */
function ellipseDistance(e: Extract<Primitive, { kind: 'ellipse' }>): (x: number, y: number) => number {
  const cos = Math.cos((e.angle * Math.PI) / 180);
  const sin = Math.sin((e.angle * Math.PI) / 180);
  return (x, y) => {
    const u = (x - e.cx) * cos + (y - e.cy) * sin;
    const v = -(x - e.cx) * sin + (y - e.cy) * cos;
    const rho = Math.hypot(u / e.rx, v / e.ry);
    return rho === 0 ? -Math.min(e.rx, e.ry) : (Math.hypot(u, v) * (rho - 1)) / rho;
  };
}

function fitRoundedRect(contour: Contour, signedArea: number, tolerance: number): Primitive | null {
  const { x0, y0, x1, y1 } = contourBox(contour);
  const width = x1 - x0;
  const height = y1 - y0;
  const area = Math.abs(signedArea);
  if (width < 2 || height < 2) return null;
  const r = Math.min(Math.sqrt(Math.max(0, (width * height - area) / (4 - Math.PI))), width / 2, height / 2);
  const rect: Primitive = { kind: 'rect', x: x0, y: y0, width, height, r };
  if (!fits(contour, tolerance, distanceTo(rect))) return null;
  // A square corner's chamfer — the anti-aliasing one (~0.3 px inside the corner), or the
  // half-pixel one the contour cuts at a hard pixel corner, which reads as r ≈ 0.76 — is no rounding.
  return r < SQUARE_CORNER_MAX_R ? { ...rect, r: 0 } : rect;
}

/** Signed distance from a point to the primitive's outline (approximate for a turned ellipse). */
export function distanceTo(shape: Primitive): (x: number, y: number) => number {
  switch (shape.kind) {
    case 'circle':
      return (x, y) => Math.hypot(x - shape.cx, y - shape.cy) - shape.r;
    case 'ellipse':
      return ellipseDistance(shape);
    case 'rect': {
      const hx = shape.width / 2 - shape.r;
      const hy = shape.height / 2 - shape.r;
      const cx = shape.x + shape.width / 2;
      const cy = shape.y + shape.height / 2;
      return (x, y) => {
        const qx = Math.abs(x - cx) - hx;
        const qy = Math.abs(y - cy) - hy;
        return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - shape.r;
      };
    }
  }
}

function rmsDistance(contour: Contour, distance: (x: number, y: number) => number): number {
  let sum = 0;
  for (let i = 0; i < contour.length; i += 2) sum += distance(contour[i], contour[i + 1]) ** 2;
  return Math.sqrt(sum / (contour.length / 2));
}

function fits(contour: Contour, tolerance: number, distance: (x: number, y: number) => number): boolean {
  for (let i = 0; i < contour.length; i += 2) if (Math.abs(distance(contour[i], contour[i + 1])) > tolerance) return false;
  return true;
}

interface Moments { area: number; cx: number; cy: number; xx: number; yy: number; xy: number }

/** Area, centroid and central second moments (per unit area) of a closed polygon (Green). */
function moments(contour: Contour): Moments | null {
  const n = contour.length / 2;
  let a = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const [xi, yi, xj, yj] = [contour[2 * i], contour[2 * i + 1], contour[2 * j], contour[2 * j + 1]];
    const cross = xi * yj - xj * yi;
    a += cross;
    sx += (xi + xj) * cross;
    sy += (yi + yj) * cross;
    sxx += (xi * xi + xi * xj + xj * xj) * cross;
    syy += (yi * yi + yi * yj + yj * yj) * cross;
    sxy += (xi * yj + 2 * xi * yi + 2 * xj * yj + xj * yi) * cross;
  }
  const area = a / 2;
  if (Math.abs(area) < 1e-9) return null;
  const cx = sx / (6 * area);
  const cy = sy / (6 * area);
  return {
    area,
    cx,
    cy,
    xx: sxx / (12 * area) - cx * cx,
    yy: syy / (12 * area) - cy * cy,
    xy: sxy / (24 * area) - cx * cy,
  };
}

/** The primitive as the start of an SVG element (the caller adds the fill and closes it). */
export function primitiveMarkup(shape: Primitive, decimals: number): string {
  const n = (v: number) => String(+v.toFixed(decimals)).replace(/^(-?)0\./, '$1.');
  switch (shape.kind) {
    case 'circle':
      return `<circle cx="${n(shape.cx)}" cy="${n(shape.cy)}" r="${n(shape.r)}"`;
    case 'ellipse': {
      const turn = shape.angle === 0 ? '' : ` transform="rotate(${n(shape.angle)} ${n(shape.cx)} ${n(shape.cy)})"`;
      return `<ellipse cx="${n(shape.cx)}" cy="${n(shape.cy)}" rx="${n(shape.rx)}" ry="${n(shape.ry)}"${turn}`;
    }
    case 'rect': {
      const round = shape.r > 0 ? ` rx="${n(shape.r)}"` : '';
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}"${round}`;
    }
  }
}
