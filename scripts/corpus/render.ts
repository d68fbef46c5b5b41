import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg, type ResvgRenderOptions } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);
let ready: Promise<void> | null = null;

/** resvg's wasm may be initialised only once per realm; later calls reuse the first promise. */
export function initRenderer(): Promise<void> {
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return ready;
}

export interface Rendered {
  png: Uint8Array;
  rgba: Uint8Array;
  width: number;
  height: number;
  /** Pixels with any coverage; 0 means the render is blank. */
  visiblePixels: number;
}

/**
 * Renders with the longest side = `size`. No system fonts: ground truths contain no <text> (text is
 * converted to paths first), and the app's own scorer renders without fonts too.
 */
export function renderPng(svg: string, size: number): Rendered {
  const probe = new Resvg(svg, { font: { loadSystemFonts: false } });
  const landscape = probe.width >= probe.height;
  probe.free();
  const resvg = new Resvg(svg, {
    fitTo: landscape ? { mode: 'width', value: size } : { mode: 'height', value: size },
    font: { loadSystemFonts: false },
  });
  try {
    const img = resvg.render();
    try {
      const rgba = img.pixels;
      let visiblePixels = 0;
      for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) visiblePixels++;
      return { png: img.asPng(), rgba, width: img.width, height: img.height, visiblePixels };
    } finally {
      img.free();
    }
  } finally {
    resvg.free();
  }
}

/** Mean absolute RGBA difference (0–255) between two renders of equal size; Infinity otherwise. */
export function meanAbsDiff(a: Rendered, b: Rendered): number {
  if (a.width !== b.width || a.height !== b.height) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.rgba.length; i++) sum += Math.abs((a.rgba[i] ?? 0) - (b.rgba[i] ?? 0));
  return sum / a.rgba.length;
}

/**
 * Converts the <text> of an SVG into outline paths using the given font, via resvg's own
 * normalised tree (toString). The result is the inner markup of the root <svg>, to be spliced into
 * a composed SVG with the same viewBox. resvg-wasm 2.6.2 writes empty gradient ids, so callers
 * must only pass flat-filled text here and apply gradients afterwards.
 */
export function textToPaths(svg: string, font: Uint8Array, family: string): string {
  const opts: ResvgRenderOptions = { font: { fontBuffers: [font], defaultFontFamily: family } };
  const resvg = new Resvg(svg, opts);
  try {
    const tree = resvg.toString();
    const inner = /<svg[^>]*>([\s\S]*)<\/svg>\s*$/.exec(tree)?.[1] ?? '';
    if (!/<path/.test(inner)) throw new Error(`font ${family} produced no glyphs`);
    return inner.replace(/<defs>[\s\S]*?<\/defs>/g, '').trim();
  } finally {
    resvg.free();
  }
}

export interface Box { x: number; y: number; width: number; height: number }

/** Bounding box of everything drawn (strokes included), in user units; null if nothing is. */
export function contentBox(svg: string): Box | null {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false } });
  try {
    const b = resvg.innerBBox();
    if (!b) return null;
    const out = { x: b.x, y: b.y, width: b.width, height: b.height };
    b.free();
    return out;
  } finally {
    resvg.free();
  }
}
