import type { Raster } from '../../types';
import type { TraceEngine } from '../engine';
import { hexColour, straightColour } from './colour';
import { signedArea, traceContours } from './contours';
import { fitContour } from './fitContour';
import { layerCoverage, stackingOrder } from './layers';
import { explainPixels } from './mixture';
import { extractPalette } from './palette';
import { pathData } from './pathData';
import { TRACEWISE_DEFAULTS, type TracewiseParams } from './params';

/**
 * Tracewise's own engine: the image's exact flat colours, pixels explained as blends of two of
 * them, one stacked layer per colour traced at its anti-aliased (sub-pixel) edge, contours fitted
 * with lines and cubic Béziers, written as compact relative path data.
 */
export const tracewiseEngine: TraceEngine<TracewiseParams> = {
  id: 'tracewise',
  defaultParams: () => ({ ...TRACEWISE_DEFAULTS }),
  async trace(raster, params, hints) {
    return { svg: traceToSvg(raster, params, hints.precision) };
  },
};

export function traceToSvg(raster: Raster, params: TracewiseParams, decimals: number): string {
  const { width, height } = raster;
  const palette = extractPalette(raster, params);
  const mixture = explainPixels(raster, palette.map((p) => p.colour));
  const order = stackingOrder(palette);
  const rankOfColour = new Int16Array(palette.length);
  order.forEach((colourIndex, rank) => (rankOfColour[colourIndex] = rank));
  const opaque = palette.map((p) => p.colour[3] >= 254.5);
  const elements: string[] = [];
  order.forEach((colourIndex, rank) => {
    const coverage = layerCoverage(mixture, rankOfColour, opaque, rank, width, height);
    const contours = traceContours(coverage, width, height).filter((c) => Math.abs(signedArea(c)) >= params.minArea);
    if (contours.length === 0) return;
    const fitted = contours.map((c) => fitContour(c, params.curveTolerance, params.cornerAngle));
    const { r, g, b, opacity } = straightColour(palette[colourIndex].colour);
    const alpha = opacity < 0.995 ? ` fill-opacity="${+opacity.toFixed(3)}"` : '';
    elements.push(`<path fill="${hexColour(r, g, b)}"${alpha} d="${pathData(fitted, decimals)}"/>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${elements.join('')}</svg>`;
}
