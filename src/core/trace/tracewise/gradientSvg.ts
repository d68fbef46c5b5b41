import { hexColour } from './colour';
import type { GradientPaint } from './gradientFit';

/** A <linearGradient>/<radialGradient> in user space (the pixel grid), numbers at `decimals`. */
export function gradientElement(id: string, paint: GradientPaint, decimals: number): string {
  const n = (v: number) => String(+v.toFixed(decimals));
  const stops = paint.stops
    .map((s) => `<stop offset="${stopOffset(s.offset)}" stop-color="${hexColour(...s.colour)}"/>`)
    .join('');
  if (paint.kind === 'linear') {
    return `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${n(paint.x1)}" y1="${n(paint.y1)}" x2="${n(paint.x2)}" y2="${n(paint.y2)}">${stops}</linearGradient>`;
  }
  if (paint.ratio !== undefined) {
    // A unit circle of radius r at the origin, turned and squashed onto the rings.
    const turn = ((paint.angle ?? 0) * Math.PI) / 180;
    const m = (v: number) => String(+v.toFixed(4));
    const matrix = [Math.cos(turn), Math.sin(turn), -paint.ratio * Math.sin(turn), paint.ratio * Math.cos(turn)].map(m);
    return `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="0" cy="0" r="${n(paint.r)}" gradientTransform="matrix(${matrix.join(' ')} ${n(paint.cx)} ${n(paint.cy)})">${stops}</radialGradient>`;
  }
  const focal = paint.fx === undefined || paint.fy === undefined ? '' : ` fx="${n(paint.fx)}" fy="${n(paint.fy)}"`;
  return `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${n(paint.cx)}" cy="${n(paint.cy)}" r="${n(paint.r)}"${focal}>${stops}</radialGradient>`;
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
