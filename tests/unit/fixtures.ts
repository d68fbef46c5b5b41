// Test images made on the spot with the same real libraries the app uses: resvg draws vector
// "logos" (so the ground truth is known), wasm-vips re-encodes them into every input format.
import { Resvg } from '@resvg/resvg-wasm';
import Vips from 'wasm-vips';
import { nodeHost } from '../../src/cli/nodeHost';
import { loadRenderer } from '../../src/core/quality/renderSvg';

let vipsReady: ReturnType<typeof Vips> | null = null;

export async function fixtureVips() {
  vipsReady ??= Vips({ dynamicLibraries: [] });
  return vipsReady;
}

/** Renders SVG markup to PNG bytes (RGBA, transparent background unless the SVG paints one). */
export async function pngFromSvg(svg: string): Promise<Uint8Array> {
  await loadRenderer(nodeHost); // the core's own loader: resvg's wasm initialises once per realm
  const rendered = new Resvg(svg).render();
  const png = rendered.asPng();
  rendered.free();
  return png;
}

/** A flat two-colour logo on a transparent background: a red disc with a white square in it. */
export function logoSvg(size = 128): string {
  const c = size / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
    <circle cx="${c}" cy="${c}" r="${size * 0.4}" fill="#d62828"/>
    <rect x="${c - size * 0.15}" y="${c - size * 0.15}" width="${size * 0.3}" height="${size * 0.3}" fill="#ffffff"/>
  </svg>`;
}

/** Re-encodes PNG bytes with vips (format string like '.jpg[Q=95]' or '.png[bitdepth=16]'). */
export async function reencode(png: Uint8Array, format: string, transform?: (image: any) => any): Promise<Uint8Array> {
  const vips = await fixtureVips();
  const image = vips.Image.newFromBuffer(png);
  const changed = transform ? transform(image) : image;
  const out = changed.writeToBuffer(format);
  if (changed !== image) changed.delete();
  image.delete();
  return out;
}

export const signal = (): AbortSignal => new AbortController().signal;
