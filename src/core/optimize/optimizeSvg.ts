import { optimize } from 'svgo/browser';

/**
 * Decimal places so that rounding moves a point by at most ~0.1 source pixel: the viewBox is the
 * working grid, and one working unit is 1/scale source pixels. Tiny icons get one more digit
 * because they are usually displayed enlarged.
 */
export function coordinatePrecision(workLongestSide: number, scale: number): number {
  const sourcePixelsPerUnit = 1 / Math.max(scale, 1e-6);
  const digits = Math.ceil(Math.log10(5 * sourcePixelsPerUnit)) + (workLongestSide < 64 ? 1 : 0);
  return Math.min(4, Math.max(1, digits));
}

/** svgo's default preset, multipass, with our precision. It keeps viewBox, width and height. */
export function optimizeSvg(svg: string, precision: number): string {
  return optimize(svg, {
    multipass: true,
    floatPrecision: precision,
    plugins: [{ name: 'preset-default', params: { overrides: { removeUnknownsAndDefaults: { keepRoleAttr: true } } } }],
  }).data;
}
