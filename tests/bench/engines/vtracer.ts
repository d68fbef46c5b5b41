import { vectorize } from '@neplex/vectorizer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BenchEngine } from './benchEngine';

/** VTracer's own defaults (its CLI/web app), shared by the native and the wasm build. */
const VTRACER_DEFAULTS = {
  filterSpeckle: 4,
  colorPrecision: 6,
  layerDifference: 16,
  cornerThreshold: 60,
  lengthThreshold: 4,
  maxIterations: 10,
  spliceThreshold: 45,
  pathPrecision: 2,
};

/** @neplex/vectorizer: VTracer compiled natively. Node only — a speed reference. */
export const vtracerNative: BenchEngine = {
  id: 'vtracer-native',
  label: 'VTracer native (@neplex/vectorizer)',
  kind: 'anchor',
  nodeOnly: true,
  init: async () => {},
  async convert({ png }) {
    return vectorize(Buffer.from(png), {
      // The package declares these as `const enum`s, which isolated modules cannot read:
      // ColorMode.Color = 0, Hierarchical.Stacked = 0, PathSimplifyMode.Spline = 2.
      colorMode: 0,
      hierarchical: 0,
      mode: 2,
      ...VTRACER_DEFAULTS,
    });
  },
};

type VtracerWasm = typeof import('vtracer-wasm');
let vtracerWasm: VtracerWasm | null = null;

/** vtracer-wasm in `polygon` mode (its spline mode distorts shapes); every field is required. */
export const vtracerWasmPolygon: BenchEngine = {
  id: 'vtracer-wasm',
  label: 'vtracer-wasm polygon',
  kind: 'anchor',
  nodeOnly: false,
  async init() {
    vtracerWasm = await import('vtracer-wasm');
    const require = createRequire(import.meta.url);
    vtracerWasm.initSync({ module: readFileSync(require.resolve('vtracer-wasm/vtracer.wasm')) });
  },
  async convert({ decode }) {
    const raster = decode();
    const pixels = new Uint8Array(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength);
    return vtracerWasm!.to_svg(pixels, raster.width, raster.height, {
      binary: false,
      hierarchical: 'stacked',
      mode: 'polygon',
      ...VTRACER_DEFAULTS,
    });
  },
};
