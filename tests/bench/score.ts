import { renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import { countShapes, setSvgRoot } from '../../src/core/svg/svgRoot';
import type { Quality, Raster } from '../../src/core';

/**
 * Every engine's SVG is scored by the same code the product uses on itself: rendered with resvg
 * at the original's pixel size, compared over white. Engines disagree on the root element
 * (points, no viewBox, a source-size width), so the root is normalised first: the drawing's own
 * coordinate system (its viewBox, else its width/height) is stretched onto the raster.
 */
export function scoreSvg(svg: string, original: Raster): Quality & { pathCount: number } {
  const view = drawingSize(svg) ?? { width: original.width, height: original.height };
  const normalised = setSvgRoot(stripProlog(svg), {
    viewWidth: view.width,
    viewHeight: view.height,
    width: original.width,
    height: original.height,
  });
  return { ...scoreRaster(original, renderSvg(normalised, original.width, original.height)), pathCount: countShapes(svg) };
}

function drawingSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const viewBox = /\bviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(root);
  if (viewBox) return { width: Number(viewBox[1]), height: Number(viewBox[2]) };
  const width = /\bwidth\s*=\s*["']([\d.]+)/.exec(root);
  const height = /\bheight\s*=\s*["']([\d.]+)/.exec(root);
  return width && height ? { width: Number(width[1]), height: Number(height[1]) } : null;
}

/** An XML declaration or DOCTYPE before the root is harmless to resvg but not to our regexes. */
function stripProlog(svg: string): string {
  const start = svg.search(/<svg\b/i);
  return start > 0 ? svg.slice(start) : svg;
}
