export interface SvgRootSize {
  viewWidth: number;
  viewHeight: number;
  width: number;
  height: number;
}

/** Attributes this module owns on the root; every other root attribute is kept as it was. */
const OWNED = /\s(?:xmlns|width|height|viewBox)\s*=\s*("[^"]*"|'[^']*')/g;

/**
 * Rewrites the root <svg> tag so the drawing keeps the raster's pixel grid as its viewBox while
 * width/height carry the size it should be shown at (the source image's, when a large image was
 * traced smaller; the working size, when we render it back to measure it).
 */
export function setSvgRoot(svg: string, size: SvgRootSize): string {
  const match = /<svg\b([^>]*?)(\/?)>/i.exec(svg);
  if (!match) throw new Error('The SVG has no <svg> root element.');
  const kept = match[1].replace(OWNED, '').trim();
  // A working grid rounded from an extreme aspect (8000×50 → 1024×6) differs from the source's
  // aspect: stretch it to fill instead of letterboxing it.
  const stretch = Math.abs((size.width / size.height) / (size.viewWidth / size.viewHeight) - 1) > 0.001 && !/preserveAspectRatio/.test(kept);
  const tag =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" ` +
    `viewBox="0 0 ${size.viewWidth} ${size.viewHeight}"${stretch ? ' preserveAspectRatio="none"' : ''}${kept ? ` ${kept}` : ''}${match[2]}>`;
  return svg.slice(0, match.index) + tag + svg.slice(match.index + match[0].length);
}

/** Number of drawn shapes: what a designer would count as "objects" in the file. */
export function countShapes(svg: string): number {
  return (svg.match(/<(path|rect|circle|ellipse|polygon|polyline|line)\b/g) ?? []).length;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
