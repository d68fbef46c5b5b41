import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Host } from '../host';
import type { Raster } from '../types';
import { withTimeout } from '../withTimeout';

let ready: Promise<void> | null = null;

/** A renderer that has not started by then is reported as unavailable rather than waited on… */
const LOAD_TIMEOUT_MS = 10_000;
/** …and for this long after a failed load, conversions are told so at once instead of waiting
 * again (a transient failure is retried after it). */
const RETRY_AFTER_MS = 30_000;
let lastFailure: { host: Host; at: number; error: unknown } | null = null;

/** resvg's wasm is initialised once per realm, and a second initWasm call throws even though the
 * module is ready: other code in the realm (a benchmark, a test) may have got there first. */
export function loadRenderer(host: Host): Promise<void> {
  // Per host: another host is another source for the bytes, and gets its own try.
  if (!ready && lastFailure?.host === host && performance.now() - lastFailure.at < RETRY_AFTER_MS) return Promise.reject(lastFailure.error);
  ready ??= withTimeout(host.loadAsset('resvg.wasm'), LOAD_TIMEOUT_MS, 'The SVG renderer (resvg.wasm) did not load')
    .then((bytes) => initWasm(bytes))
    .then(
      () => void (lastFailure = null),
      (error: unknown) => {
        if (error instanceof Error && /already initialized/i.test(error.message)) return;
        ready = null;
        lastFailure = { host, at: performance.now(), error };
        throw error;
      },
    );
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
      return { width, height, data: unpremultiply(rendered.pixels) };
    } finally {
      rendered.free();
    }
  } finally {
    resvg.free();
  }
}

/** resvg hands back premultiplied RGBA; a Raster is straight alpha. */
function unpremultiply(pixels: Uint8Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels);
  for (let i = 0; i < out.length; i += 4) {
    const a = out[i + 3];
    if (a === 0 || a === 255) continue;
    const k = 255 / a;
    out[i] = out[i] * k + 0.5;
    out[i + 1] = out[i + 1] * k + 0.5;
    out[i + 2] = out[i + 2] * k + 0.5;
  }
  return out;
}
