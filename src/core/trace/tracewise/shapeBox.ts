import type { Point } from './bezier';
import type { FittedPath } from './fitContour';
import type { Primitive } from './primitives';

/** A shape's bounding box as a renderer computes it for gradientUnits="objectBoundingBox": the
 * tight box of its geometry (curve extrema, not control points), in its own user space. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The box of fitted paths as pathData writes them: every point (control points too) rounded to
 * `decimals` in absolute coordinates, each cubic's extrema included.
 */
export function pathBox(paths: FittedPath[], decimals: number): Box | null {
  const unit = 10 ** decimals;
  const q = (p: Point): Point => ({ x: Math.round(p.x * unit) / unit, y: Math.round(p.y * unit) / unit });
  const xs: number[] = [];
  const ys: number[] = [];
  for (const path of paths) {
    let from = q(path.start);
    xs.push(from.x);
    ys.push(from.y);
    for (const segment of path.segments) {
      const to = q(segment.to);
      xs.push(to.x);
      ys.push(to.y);
      if (segment.kind === 'C') {
        const c1 = q(segment.c1);
        const c2 = q(segment.c2);
        xs.push(...cubicExtrema(from.x, c1.x, c2.x, to.x));
        ys.push(...cubicExtrema(from.y, c1.y, c2.y, to.y));
      }
      from = to;
    }
  }
  if (xs.length === 0) return null;
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** The box of a primitive as primitiveMarkup writes it; null for a turned ellipse, whose box
 * lies in its turned frame. */
export function primitiveBox(shape: Primitive, decimals: number): Box | null {
  const n = (v: number) => +v.toFixed(decimals);
  switch (shape.kind) {
    case 'circle':
      return { x: n(shape.cx) - n(shape.r), y: n(shape.cy) - n(shape.r), width: 2 * n(shape.r), height: 2 * n(shape.r) };
    case 'ellipse':
      if (shape.angle !== 0) return null;
      return { x: n(shape.cx) - n(shape.rx), y: n(shape.cy) - n(shape.ry), width: 2 * n(shape.rx), height: 2 * n(shape.ry) };
    case 'rect':
      return { x: n(shape.x), y: n(shape.y), width: n(shape.width), height: n(shape.height) };
  }
}

/** Values of a 1-D cubic Bézier where its derivative vanishes inside (0, 1). */
function cubicExtrema(p0: number, p1: number, p2: number, p3: number): number[] {
  const a = 3 * (-p0 + 3 * p1 - 3 * p2 + p3);
  const b = 6 * (p0 - 2 * p1 + p2);
  const c = 3 * (p1 - p0);
  const roots: number[] = [];
  if (Math.abs(a) < 1e-12) {
    if (Math.abs(b) > 1e-12) roots.push(-c / b);
  } else {
    const discriminant = b * b - 4 * a * c;
    if (discriminant >= 0) {
      const root = Math.sqrt(discriminant);
      roots.push((-b + root) / (2 * a), (-b - root) / (2 * a));
    }
  }
  return roots
    .filter((t) => t > 0 && t < 1)
    .map((t) => {
      const s = 1 - t;
      return s * s * s * p0 + 3 * s * s * t * p1 + 3 * s * t * t * p2 + t * t * t * p3;
    });
}
