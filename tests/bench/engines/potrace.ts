import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { BenchEngine } from './benchEngine';

type PotraceModule = typeof import('esm-potrace-wasm');
let potraceModule: PotraceModule | null = null;

/**
 * esm-potrace-wasm (potrace with colour extraction, as used by SVGcode), at its own defaults.
 * Its Emscripten loader probes `require` and `__dirname` to detect Node; an ES module has
 * neither, so they are provided before it loads.
 */
export const potraceAnchor: BenchEngine = {
  id: 'potrace',
  label: 'esm-potrace-wasm',
  kind: 'anchor',
  nodeOnly: false,
  async init() {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('esm-potrace-wasm');
    Object.assign(globalThis, { require, __dirname: dirname(entry), __filename: entry });
    potraceModule = await import('esm-potrace-wasm');
    await potraceModule.init();
  },
  async convert({ decode }) {
    // Given a plain {width, height, data} object, potrace reads its pixels directly.
    return potraceModule!.potrace(decode() as unknown as ImageData, { extractcolors: true });
  },
};
