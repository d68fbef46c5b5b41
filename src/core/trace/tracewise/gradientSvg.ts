import { hexColour } from './colour';
import type { GradientPaint } from './gradientFit';
import type { Box } from './shapeBox';

/**
 * A <linearGradient>/<radialGradient>, numbers at `decimals`: in user space (the pixel grid), or —
 * when the filled shape's box is known and that is shorter — in the shape's bounding-box units,
 * the SVG default, which saves the ~30-byte gradientUnits attribute.
 */
export function gradientElement(id: string, paint: GradientPaint, decimals: number, box: Box | null = null): string {
  const stops = paint.stops
    .map((s) => `<stop${s.offset === 0 ? '' : ` offset="${stopOffset(s.offset)}"`} stop-color="${hexColour(...s.colour)}"${s.opacity === undefined ? '' : ` stop-opacity="${s.opacity}"`}/>`)
    .join('');
  const shift = allowedShift(paint);
  const user = userSpaceElement(id, paint, digitsFor(shift, decimals), stops);
  const inBox = box ? boxElement(id, paint, decimals, stops, box, shift) : null;
  return inBox && inBox.length < user.length ? inBox : user;
}

function userSpaceElement(id: string, paint: GradientPaint, decimals: number, stops: string): string {
  const n = (v: number) => String(+v.toFixed(decimals));
  if (paint.kind === 'linear') {
    // 0 is x1's, y1's and y2's default in any units (0%).
    const vector = attributes([['x1', n(paint.x1), '0'], ['y1', n(paint.y1), '0'], ['x2', n(paint.x2)], ['y2', n(paint.y2), '0']]);
    return `<linearGradient id="${id}" gradientUnits="userSpaceOnUse"${vector}>${stops}</linearGradient>`;
  }
  if (paint.ratio !== undefined) {
    // A unit circle of radius r at the origin, turned and squashed onto the rings. A ring is the
    // same ellipse turned by 180°, so the turn is written within ±90° (no minus signs on the
    // diagonal), and as 0 where that moves no ring by more than the geometry's allowed shift.
    const turn = (ringTurn(paint.angle ?? 0, paint.r, allowedShift(paint)) * Math.PI) / 180;
    const m = (v: number) => String(+v.toFixed(4));
    const matrix = [Math.cos(turn), Math.sin(turn), -paint.ratio * Math.sin(turn), paint.ratio * Math.cos(turn)].map(m);
    // A focus is written in the circle's own (transformed) coordinates.
    let focal = '';
    if (paint.fx !== undefined && paint.fy !== undefined) {
      const [dx, dy] = [paint.fx - paint.cx, paint.fy - paint.cy];
      const u = dx * Math.cos(turn) + dy * Math.sin(turn);
      const v = (-dx * Math.sin(turn) + dy * Math.cos(turn)) / paint.ratio;
      focal = ` fx="${n(u)}" fy="${n(v)}"`;
    }
    return `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="0" cy="0" r="${n(paint.r)}"${focal} gradientTransform="matrix(${matrix.join(' ')} ${n(paint.cx)} ${n(paint.cy)})">${stops}</radialGradient>`;
  }
  const focal = paint.fx === undefined || paint.fy === undefined ? '' : ` fx="${n(paint.fx)}" fy="${n(paint.fy)}"`;
  return `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${n(paint.cx)}" cy="${n(paint.cy)}" r="${n(paint.r)}"${focal}>${stops}</radialGradient>`;
}

/**
 * The same paint in bounding-box units, as percentages (svgo rounds plain numbers to the
 * coordinate precision, far too coarse for fractions of a box, but keeps a percentage's digits),
 * with enough digits that the gradient moves by less than a coordinate's rounding. Linear: the
 * box's stretch skews a gradient's normals, so the vector is solved for the same position
 * function t(x, y) rather than mapped. Radial: only in a square box (else its circles would
 * stretch into ellipses); elliptical rings stay in user space.
 */
function boxElement(id: string, paint: GradientPaint, decimals: number, stops: string, box: Box, shift: number): string | null {
  const size = Math.max(box.width, box.height);
  if (!(box.width > 0 && box.height > 0)) return null;
  const digits = digitsFor((shift * 100) / size, Math.max(0, decimals + Math.ceil(Math.log10(size / 100))));
  const pc = (v: number) => `${String(+(v * 100).toFixed(digits)).replace(/^(-?)0\./, '$1.')}%`;
  if (paint.kind === 'linear') {
    // t = a·x + b·y + c in user space; in box units x = box.x + width·u, y = box.y + height·v.
    const dx = paint.x2 - paint.x1;
    const dy = paint.y2 - paint.y1;
    const lengthSq = dx * dx + dy * dy;
    if (lengthSq === 0) return null;
    const [a, b] = [dx / lengthSq, dy / lengthSq];
    const c = -(paint.x1 * a + paint.y1 * b);
    const alpha = a * box.width;
    const beta = b * box.height;
    const k = a * box.x + b * box.y + c;
    const norm = alpha * alpha + beta * beta;
    // The start: the point of t = 0 nearest the box's centre; the end one vector E further, with
    // E / |E|² = (α, β).
    const shift = (0.5 * alpha + 0.5 * beta + k) / norm;
    const u1 = 0.5 - shift * alpha;
    const v1 = 0.5 - shift * beta;
    const vector = attributes([['x1', pc(u1), '0%'], ['y1', pc(v1), '0%'], ['x2', pc(u1 + alpha / norm), '100%'], ['y2', pc(v1 + beta / norm), '0%']]);
    return `<linearGradient id="${id}"${vector}>${stops}</linearGradient>`;
  }
  // A circle in box units is an upright ellipse of the box's proportions in user space: the
  // rings must be that (a circle on a square box; a designer's bounding-box radial on a wide
  // shape), within the allowed shift.
  const radii = uprightRadii(paint, shift);
  if (!radii) return null;
  const radius = (radii.x / box.width + radii.y / box.height) / 2;
  const tolerance = Math.max(shift, 10 ** -decimals / 2);
  if (Math.abs(radius * box.width - radii.x) > tolerance || Math.abs(radius * box.height - radii.y) > tolerance) return null;
  const u = (x: number) => pc((x - box.x) / box.width);
  const v = (y: number) => pc((y - box.y) / box.height);
  const [cx, cy] = [u(paint.cx), v(paint.cy)];
  // fx and fy default to cx and cy.
  const focal = paint.fx === undefined || paint.fy === undefined ? [] : ([['fx', u(paint.fx), cx], ['fy', v(paint.fy), cy]] as const);
  const circle = attributes([['cx', cx, '50%'], ['cy', cy, '50%'], ['r', pc(radius), '50%'], ...focal]);
  return `<radialGradient id="${id}"${circle}>${stops}</radialGradient>`;
}

/** The rings' horizontal and vertical radii when they are upright (a circle, or an ellipse whose
 * axis turn is within the allowed shift of 0° or 90°), else null. */
function uprightRadii(paint: Extract<GradientPaint, { kind: 'radial' }>, shift: number): { x: number; y: number } | null {
  if (paint.ratio === undefined) return { x: paint.r, y: paint.r };
  const turn = ringTurn(paint.angle ?? 0, paint.r, shift);
  if (turn === 0) return { x: paint.r, y: paint.r * paint.ratio };
  if (Math.abs(Math.abs(turn) - 90) * (Math.PI / 180) * paint.r <= shift) return { x: paint.r * paint.ratio, y: paint.r };
  return null;
}

/** An elliptical ring's turn (degrees) within (−90°, 90°] — a ring turned by 180° is the same
 * ring — and 0 when turning it upright moves its major axis's end by at most `shift` px. */
function ringTurn(angle: number, r: number, shift: number): number {
  const turn = angle - 180 * Math.round(angle / 180);
  return Math.abs(turn) * (Math.PI / 180) * r <= shift ? 0 : turn;
}

/** ` name="value"` for each attribute whose value is not its default. */
function attributes(list: ReadonlyArray<readonly [string, string, string?]>): string {
  return list.map(([name, value, fallback]) => (value === fallback ? '' : ` ${name}="${value}"`)).join('');
}

/** A gradient's geometry may move by this much colour (0–255 units, per channel) where it is
 * steepest: its numbers need no more digits than that. */
const GEOMETRY_ERROR = 2;

/** How far (px) the paint's points may move before any colour changes by GEOMETRY_ERROR: its
 * steepest stop-to-stop ramp, over the gradient's length (for a radial one, the shortest way from
 * its focus to its circle). */
function allowedShift(paint: GradientPaint): number {
  let length: number;
  if (paint.kind === 'linear') length = Math.hypot(paint.x2 - paint.x1, paint.y2 - paint.y1);
  else length = paint.r * (paint.ratio ?? 1) - Math.hypot((paint.fx ?? paint.cx) - paint.cx, (paint.fy ?? paint.cy) - paint.cy);
  let steepest = 0;
  const { stops } = paint;
  for (let i = 1; i < stops.length; i++) {
    const [a, b] = [stops[i - 1], stops[i]];
    const change = Math.max(...[0, 1, 2].map((k) => Math.abs(b.colour[k] - a.colour[k])), 255 * Math.abs((b.opacity ?? 1) - (a.opacity ?? 1)));
    steepest = Math.max(steepest, change / Math.max(1e-3, b.offset - a.offset));
  }
  return length > 0 && steepest > 0 ? (GEOMETRY_ERROR * length) / steepest : 0;
}

/** The fewest decimals (at most `most`) that round a number by less than `shift`. */
function digitsFor(shift: number, most: number): number {
  if (!(shift > 0)) return most;
  return Math.min(most, Math.max(0, Math.ceil(-Math.log10(2 * shift))));
}

/**
 * A stop offset that survives svgo: its numeric cleanup rounds plain numbers to the coordinate
 * precision (one decimal at 256 px, which moves a stop by up to 5% of the gradient's length) but
 * keeps the digits of a percentage. Tenths stay plain numbers (".5" is shorter than "50%").
 */
export function stopOffset(offset: number): string {
  const tenths = Math.round(offset * 10);
  if (Math.abs(offset * 10 - tenths) < 0.02) return String(tenths / 10).replace(/^0\./, '.');
  return `${Math.round(offset * 100)}%`;
}
