import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Host } from '../host';
import type { Raster } from '../types';

let ready: Promise<void> | null = null;

/** resvg's wasm is initialised once per realm, and a second initWasm call throws even though the
 * module is ready: other code in the realm (a benchmark, a test) may have got there first. */
export function loadRenderer(host: Host): Promise<void> {
  ready ??= host
    .loadAsset('resvg.wasm')
    .then((bytes) => initWasm(bytes))
    .catch((error: unknown) => {
      if (error instanceof Error && /already initialized/i.test(error.message)) return;
      ready = null;
      throw error;
    });
  return ready;
}

/** Renders an SVG to an RGBA raster of exactly width×height (transparent background). */
export function renderSvg(svg: string, width: number, height: number): Raster {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } });
  try {
    const rendered = resvg.render();
    try {
      if (rendered.width !== width || rendered.height !== height) {
        throw new Error(`Rendered ${rendered.width}×${rendered.height}, expected ${width}×${height}.`);
      }
      return { width, height, data: new Uint8ClampedArray(rendered.pixels) };
    } finally {
      rendered.free();
    }
  } finally {
    resvg.free();
  }
}
