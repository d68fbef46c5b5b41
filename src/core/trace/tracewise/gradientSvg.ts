import { hexColour } from './colour';
import type { GradientPaint } from './gradientFit';

/** A <linearGradient>/<radialGradient> in user space (the pixel grid), numbers at `decimals`. */
export function gradientElement(id: string, paint: GradientPaint, decimals: number): string {
  const n = (v: number) => String(+v.toFixed(decimals));
  const stops = paint.stops
    .map((s) => `<stop offset="${+s.offset.toFixed(3)}" stop-color="${hexColour(...s.colour)}"/>`)
    .join('');
  if (paint.kind === 'linear') {
    return `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${n(paint.x1)}" y1="${n(paint.y1)}" x2="${n(paint.x2)}" y2="${n(paint.y2)}">${stops}</linearGradient>`;
  }
  const focal = paint.fx === undefined || paint.fy === undefined ? '' : ` fx="${n(paint.fx)}" fy="${n(paint.fy)}"`;
  return `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${n(paint.cx)}" cy="${n(paint.cy)}" r="${n(paint.r)}"${focal}>${stops}</radialGradient>`;
}
