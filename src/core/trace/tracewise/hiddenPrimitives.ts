import type { Contour } from './contours';
import type { HiddenArea } from './hiddenChords';
import { fitHiddenRect } from './hiddenRect';
import { solveLinear } from './linearSolve';
import { distanceTo, type Primitive } from './primitives';

/** An outline point is the shape's own where a pixel beside it is at least this much own colour
 * (hiddenChords' finer test, any own colour within a pixel, also takes in the upper shapes'
 * rims where gradient edges are explained as a trace of the lower colour). */
const VISIBLE_OWN = 0.5;
/** Visible outline points this close (px, along the outline) to a hidden one are left out of the
 * fit: where the shape dips under an upper one, the union's outline turns onto the upper shape's
 * border beside pixels that are still partly own colour. */
const TRIM = 1.5;
/** Fewer visible points than this do not pin a shape down. */
const MIN_POINTS = 16;
/** The visible points must fall in at least SPAN_BINS of ANGLE_BINS equal angles around the
 * fitted centre (about half the shape), or a short arc would decide a whole ellipse. */
const ANGLE_BINS = 16;
const SPAN_BINS = 8;
/** How far (coverage, ≈ px) the shape's estimated pixel coverage may stray from what the pixels
 * need: no more of it may show than the union covers, and no less than the own colour needs. */
const COVERAGE_SLACK = 0.4;
/** How much of the own colour's share may go uncovered under an upper shape's rim. */
const SEAM_SLACK = 0.1;
/** Upper pixels with less own colour than this are not checked for seams: where gradients meet,
 * their edges are explained with a share of the lower colour even far from it, and a real share
 * this small left uncovered is little to see. */
const SEAM_OWN = 0.2;
/** Union coverage from which a pixel is inside it (see onUpperRim). */
const INSIDE_UNION = 0.9;
/** Less upper colour than this in a pixel is mixing noise (as hiddenChords' OWN_TRACE). */
const TRACE = 0.02;

/**
 * A circle, ellipse or (rounded) rectangle that a lower layer's outline is where it shows, when
 * the layer's union outline (its colour plus the opaque shapes above) is none as a whole because
 * it follows an upper shape where it dips under it. Circles and ellipses come from an algebraic
 * least-squares conic fit to the visible outline points, rectangles from fitHiddenRect. A shape
 * is kept only when every visible point lies within `tolerance` of it, the points pin it down
 * (about half of an ellipse, two adjoining sides of a rectangle), and drawn at the layer's place
 * it covers the own colour (fully under the upper shapes' anti-aliased rims: no seam) and nothing
 * the union leaves uncovered (no lower layer is painted over). `own`: the layer's own coverage.
 */
export function fitHiddenPrimitive(contour: Contour, area: HiddenArea, own: Float32Array, imageWidth: number, tolerance: number): Primitive | null {
  const points = visiblePoints(contour, own, imageWidth);
  if (!points || points.length / 2 < MIN_POINTS) return null;
  const frame = normalisation(points);
  const unionAt = (px: number, py: number) => {
    const [x, y] = [px - area.x0, py - area.y0];
    return x < 0 || y < 0 || x >= area.width || y >= area.height ? 0 : area.upper[y * area.width + x] + own[py * imageWidth + px];
  };
  for (const model of MODELS) {
    // A rectangle is pinned down by the two adjoining sides fitHiddenRect asks for.
    const shape = model === 'rect' ? fitHiddenRect(points, tolerance, unionAt) : fitConic(points, frame, model);
    if (shape && fitsPoints(points, shape, tolerance) && (model === 'rect' || spansEnough(points, shape)) && coversPixels(shape, area, own, imageWidth)) return shape;
  }
  return null;
}

/** Pivots below this leave the conic undetermined (the points' frame is normalised to unit scale). */
const SINGULAR_PIVOT = 1e-12;

/** Shortest markup first (a turned ellipse's transform makes it the longest). */
const MODELS = ['circle', 'ellipse', 'rect', 'turned'] as const;
type Model = (typeof MODELS)[number];

/** The outline points near the own colour, without TRIM px at either end of each visible run;
 * null when the outline is all visible (fitPrimitive's case) or all hidden. */
function visiblePoints(contour: Contour, own: Float32Array, imageWidth: number): Float64Array | null {
  const n = contour.length / 2;
  const imageHeight = own.length / imageWidth;
  const ownAt = (x: number, y: number) => {
    const [px, py] = [Math.floor(x), Math.floor(y)];
    return px < 0 || py < 0 || px >= imageWidth || py >= imageHeight ? 0 : own[py * imageWidth + px];
  };
  const visible = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y] = [contour[2 * i], contour[2 * i + 1]];
    // The pixels whose centres are nearest the point, on either side of the ½ level.
    visible[i] = Math.max(ownAt(x - 0.5, y - 0.5), ownAt(x + 0.5, y - 0.5), ownAt(x - 0.5, y + 0.5), ownAt(x + 0.5, y + 0.5)) >= VISIBLE_OWN ? 1 : 0;
  }
  const firstHidden = visible.indexOf(0);
  if (firstHidden < 0 || visible.indexOf(1) < 0) return null;
  // Outline length from the nearest hidden point, forwards and then backwards.
  const reach = new Float64Array(n);
  let run = 0;
  for (let k = 1; k <= n; k++) {
    const i = (firstHidden + k) % n;
    const h = (i + n - 1) % n;
    run = visible[i] ? run + Math.hypot(contour[2 * i] - contour[2 * h], contour[2 * i + 1] - contour[2 * h + 1]) : 0;
    reach[i] = run;
  }
  run = 0;
  const out: number[] = [];
  for (let k = 1; k <= n; k++) {
    const i = (firstHidden + n - k) % n;
    const h = (i + 1) % n;
    run = visible[i] ? run + Math.hypot(contour[2 * i] - contour[2 * h], contour[2 * i + 1] - contour[2 * h + 1]) : 0;
    if (Math.min(run, reach[i]) >= TRIM) out.push(contour[2 * i], contour[2 * i + 1]);
  }
  return Float64Array.from(out);
}

interface Frame { mx: number; my: number; scale: number }

/** Points centred on their mean and scaled to unit spread, so the normal equations stay well
 * conditioned whatever the shape's place and size. */
function normalisation(points: Float64Array): Frame {
  const n = points.length / 2;
  let [mx, my] = [0, 0];
  for (let i = 0; i < n; i++) [mx, my] = [mx + points[2 * i] / n, my + points[2 * i + 1] / n];
  let spread = 0;
  for (let i = 0; i < n; i++) spread += ((points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2) / n;
  return { mx, my, scale: Math.sqrt(spread) || 1 };
}

/**
 * Least-squares conic A x² + B xy + C y² + D x + E y + F = 0 under A + C = 1 (a normalisation
 * that does not depend on where the shape lies or how it is turned): for the circle A = C and B =
 * 0 (Kåsa's fit), for the unturned ellipse B = 0. Null unless the conic is a real ellipse.
 */
function fitConic(points: Float64Array, frame: Frame, model: Exclude<Model, 'rect'>): Primitive | null {
  const columns = model === 'circle' ? 3 : model === 'ellipse' ? 4 : 5;
  const normal = new Float64Array(columns * columns);
  const right = new Float64Array(columns);
  const row = new Float64Array(columns);
  for (let i = 0; i < points.length; i += 2) {
    const x = (points[i] - frame.mx) / frame.scale;
    const y = (points[i + 1] - frame.my) / frame.scale;
    let target: number;
    if (model === 'circle') {
      row.set([x, y, 1]);
      target = -(x * x + y * y) / 2; // with A = C = ½
    } else {
      row.set(model === 'ellipse' ? [x * x - y * y, x, y, 1] : [x * x - y * y, x, y, 1, x * y]);
      target = -y * y;
    }
    for (let r = 0; r < columns; r++) {
      right[r] += row[r] * target;
      for (let c = 0; c < columns; c++) normal[r * columns + c] += row[r] * row[c];
    }
  }
  const p = solveLinear(normal, right, SINGULAR_PIVOT);
  if (!p) return null;
  const A = model === 'circle' ? 0.5 : p[0];
  const [D, E, F] = model === 'circle' ? [p[0], p[1], p[2]] : [p[1], p[2], p[3]];
  const B = model === 'turned' ? p[4] : 0;
  const C = 1 - A;
  const det = 4 * A * C - B * B;
  if (det <= 0) return null;
  const x0 = (B * E - 2 * C * D) / det;
  const y0 = (B * D - 2 * A * E) / det;
  const level = A * x0 * x0 + B * x0 * y0 + C * y0 * y0 - F;
  const half = Math.hypot((A - C) / 2, B / 2);
  const [large, small] = [(A + C) / 2 + half, (A + C) / 2 - half];
  if (level <= 0 || small <= 0) return null;
  const cx = frame.mx + x0 * frame.scale;
  const cy = frame.my + y0 * frame.scale;
  if (model === 'circle') return { kind: 'circle', cx, cy, r: Math.sqrt(level / A) * frame.scale };
  if (model === 'ellipse') return { kind: 'ellipse', cx, cy, rx: Math.sqrt(level / A) * frame.scale, ry: Math.sqrt(level / C) * frame.scale, angle: 0 };
  // The axis at angle ½·atan2(B, A − C) has the larger eigenvalue: the shorter semi-axis.
  const angle = (0.5 * Math.atan2(B, A - C) * 180) / Math.PI;
  return { kind: 'ellipse', cx, cy, rx: Math.sqrt(level / large) * frame.scale, ry: Math.sqrt(level / small) * frame.scale, angle };
}

function fitsPoints(points: Float64Array, shape: Primitive, tolerance: number): boolean {
  const distance = distanceTo(shape);
  for (let i = 0; i < points.length; i += 2) if (Math.abs(distance(points[i], points[i + 1])) > tolerance) return false;
  return true;
}

/** Whether the points fall in enough equal angles around the shape's centre (in its own frame,
 * where an ellipse is a unit circle). */
function spansEnough(points: Float64Array, shape: Primitive): boolean {
  if (shape.kind === 'rect') return false;
  const [rx, ry, angle] = shape.kind === 'circle' ? [shape.r, shape.r, 0] : [shape.rx, shape.ry, shape.angle];
  const cos = Math.cos((angle * Math.PI) / 180);
  const sin = Math.sin((angle * Math.PI) / 180);
  const bins = new Uint8Array(ANGLE_BINS);
  for (let i = 0; i < points.length; i += 2) {
    const [dx, dy] = [points[i] - shape.cx, points[i + 1] - shape.cy];
    const t = Math.atan2((-dx * sin + dy * cos) / ry, (dx * cos + dy * sin) / rx);
    bins[Math.min(ANGLE_BINS - 1, Math.floor(((t + Math.PI) / (2 * Math.PI)) * ANGLE_BINS))] = 1;
  }
  return bins.reduce((sum, v) => sum + v, 0) >= SPAN_BINS;
}

/**
 * Drawn as the layer, the shape covers a pixel about clamp(½ − d) (d its signed distance from the
 * pixel centre). Where an upper shape's rim meets the own colour (onUpperRim), the shape must reach own / (1 − upper) of it, less SEAM_SLACK: the rim is blended
 * over whatever lies below, and anything but the own colour there is a seam. Elsewhere it may
 * stray by COVERAGE_SLACK of a pixel's colour either way: leave some own colour uncovered, or
 * paint past the union (over what shows of lower layers or the background). Checked over the
 * hidden area's box; the shape must not reach past it inside the image.
 */
function coversPixels(shape: Primitive, area: HiddenArea, own: Float32Array, imageWidth: number): boolean {
  const box = shapeBox(shape);
  const imageHeight = own.length / imageWidth;
  // The box reaches HiddenArea's pad (3 px) past the union's outline: a shape that leaves it
  // paints outside the union, unless it leaves the image there.
  if (
    (box.x0 < area.x0 && area.x0 > 0) ||
    (box.y0 < area.y0 && area.y0 > 0) ||
    (box.x1 > area.x0 + area.width && area.x0 + area.width < imageWidth) ||
    (box.y1 > area.y0 + area.height && area.y0 + area.height < imageHeight)
  ) return false;
  const distance = distanceTo(shape);
  const { width, height, upper } = area;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const covered = Math.min(1, Math.max(0, 0.5 - distance(area.x0 + x + 0.5, area.y0 + y + 0.5)));
      const mine = own[(area.y0 + y) * imageWidth + area.x0 + x];
      const above = upper[y * width + x];
      if (covered > mine + above + COVERAGE_SLACK) return false;
      if (mine - covered * (1 - above) <= Math.min(SEAM_SLACK, COVERAGE_SLACK)) continue;
      if (mine - covered * (1 - above) > COVERAGE_SLACK) return false;
      if (mine > SEAM_OWN && above > TRACE && onUpperRim(area, own, imageWidth, x, y) && covered < Math.min(1, mine / (1 - above)) - SEAM_SLACK) return false;
    }
  }
  return true;
}

/** Whether a pixel lies on an upper shape's rim inside the union: one of its 8 neighbours (or
 * itself) is at least half upper shapes, and all are covered by the union. Where the union's own
 * outline passes (the background beside), the pixel is a junction of three colours, which the
 * two-colour mixture cannot share out: there the COVERAGE_SLACK test alone holds. */
function onUpperRim(area: HiddenArea, own: Float32Array, imageWidth: number, x: number, y: number): boolean {
  let beside = false;
  for (let j = y - 1; j <= y + 1; j++) {
    for (let i = x - 1; i <= x + 1; i++) {
      if (i < 0 || j < 0 || i >= area.width || j >= area.height) return false;
      const above = area.upper[j * area.width + i];
      if (above + own[(area.y0 + j) * imageWidth + area.x0 + i] < INSIDE_UNION) return false;
      if (above >= 0.5) beside = true;
    }
  }
  return beside;
}

/** The axis-aligned box a circle or (turned) ellipse spans. */
function shapeBox(shape: Primitive): { x0: number; y0: number; x1: number; y1: number } {
  if (shape.kind === 'rect') return { x0: shape.x, y0: shape.y, x1: shape.x + shape.width, y1: shape.y + shape.height };
  const [rx, ry, angle] = shape.kind === 'circle' ? [shape.r, shape.r, 0] : [shape.rx, shape.ry, shape.angle];
  const cos = Math.cos((angle * Math.PI) / 180);
  const sin = Math.sin((angle * Math.PI) / 180);
  const hx = Math.hypot(rx * cos, ry * sin);
  const hy = Math.hypot(rx * sin, ry * cos);
  return { x0: shape.cx - hx, y0: shape.cy - hy, x1: shape.cx + hx, y1: shape.cy + hy };
}

