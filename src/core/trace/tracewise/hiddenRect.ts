import type { Primitive } from './primitives';
import { distanceTo } from './primitives';

/** A side of the box counts as seen when this many visible points lie on it. */
const SIDE_POINTS = 4;
/** A hidden side is pushed out while the next pixel column (or row) out is at least this deep in
 * the union, and ends through the centres of the last such line: under the upper shape, about a
 * pixel short of its rim. */
const DEEP = 0.9;
/** Step (px) of the corner radius search. */
const RADIUS_STEP = 0.25;
/** As fitRoundedRect's SQUARE_CORNER_MAX_R. */
const SQUARE_CORNER_MAX_R = 0.8;

type Box = { x0: number; y0: number; x1: number; y1: number };

/**
 * An axis-aligned (rounded) rectangle through the visible outline points of a shape partly under
 * upper ones: the sides seen are the points' box sides; a hidden side is pushed out under the
 * upper shapes (`union(px, py)`: the union's coverage of a pixel, 0 off the layer's area); the
 * corner radius is the one that brings the points closest. Null unless two adjoining sides show.
 */
export function fitHiddenRect(points: Float64Array, tolerance: number, union: (px: number, py: number) => number): Primitive | null {
  const box: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (let i = 0; i < points.length; i += 2) {
    box.x0 = Math.min(box.x0, points[i]);
    box.x1 = Math.max(box.x1, points[i]);
    box.y0 = Math.min(box.y0, points[i + 1]);
    box.y1 = Math.max(box.y1, points[i + 1]);
  }
  if (box.x1 - box.x0 < 2 || box.y1 - box.y0 < 2) return null;
  const on = (side: keyof Box) => {
    let count = 0;
    for (let i = 0; i < points.length; i += 2) if (Math.abs(points[i + (side === 'x0' || side === 'x1' ? 0 : 1)] - box[side]) <= tolerance) count++;
    return count >= SIDE_POINTS;
  };
  const seen = { x0: on('x0'), y0: on('y0'), x1: on('x1'), y1: on('y1') };
  if (!((seen.x0 || seen.x1) && (seen.y0 || seen.y1))) return null;
  if (seen.x0 && seen.y0 && seen.x1 && seen.y1) return withRadius(points, box, tolerance);
  for (const side of ['x0', 'x1', 'y0', 'y1'] as const) if (!seen[side]) pushOut(box, side, union);
  return withRadius(points, box, tolerance);
}

/** Moves a hidden side out pixel by pixel while the pixels just inside it stay deep in the union. */
function pushOut(box: Box, side: keyof Box, union: (px: number, py: number) => number): void {
  const vertical = side === 'x0' || side === 'x1';
  const outward = side === 'x0' || side === 'y0' ? -1 : 1;
  // Pixels along the side whose centres lie a pixel inside the box (the anti-aliased rims of the
  // sides across are not deep in anything).
  const [from, to] = vertical ? [Math.ceil(box.y0 + 0.5), Math.floor(box.y1 - 1.5)] : [Math.ceil(box.x0 + 0.5), Math.floor(box.x1 - 1.5)];
  if (to < from) return;
  // The pixel line (column or row) whose centres are next outside the side.
  let line = outward > 0 ? Math.floor(box[side] - 0.5) + 1 : Math.ceil(box[side] - 0.5) - 1;
  let last = -Infinity;
  for (let steps = 0; steps < 4096; steps++, line += outward) {
    let deep = true;
    for (let k = from; k <= to && deep; k++) deep = (vertical ? union(line, k) : union(k, line)) >= DEEP;
    if (!deep) break;
    last = line;
  }
  if (last === -Infinity) return;
  // Through the last deep line's centres: a pixel or so short of the upper shape's rim.
  box[side] = outward > 0 ? Math.max(box[side], last + 0.5) : Math.min(box[side], last + 0.5);
}

function withRadius(points: Float64Array, box: Box, tolerance: number): Primitive | null {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  let best: Primitive | null = null;
  let bestError = tolerance;
  for (let r = 0; r <= Math.min(width, height) / 2; r += RADIUS_STEP) {
    const rect: Primitive = { kind: 'rect', x: box.x0, y: box.y0, width, height, r };
    const distance = distanceTo(rect);
    let worst = 0;
    for (let i = 0; i < points.length && worst <= bestError; i += 2) worst = Math.max(worst, Math.abs(distance(points[i], points[i + 1])));
    if (worst <= bestError) [best, bestError] = [rect, worst];
  }
  return best && best.kind === 'rect' && best.r < SQUARE_CORNER_MAX_R ? { ...best, r: 0 } : best;
}
