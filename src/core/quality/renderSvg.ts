import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Host } from '../host';
import type { Raster } from '../types';

let ready: Promise<void> | null = null;

/** resvg's wasm may be initialised once per realm; a second initWasm call throws. */
export function loadRenderer(host: Host): Promise<void> {
  ready ??= host
    .loadAsset('resvg.wasm')
    .then((bytes) => initWasm(bytes))
    .catch((error: unknown) => {
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
