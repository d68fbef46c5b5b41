// Inputs for the fault runs, generated on the spot: corpus-like logos (the dev corpus's own
// synthetic generator: flat shapes, gradients, outlined wordmarks) at a few sizes. Every fifth
// image is MARKER_WIDTH wide, so a fault can pick "some files" by looking at the raster alone.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import Vips from 'wasm-vips';
import { synthetic, type SyntheticKind } from '../corpus/synthetic';

export interface FaultInput {
  name: string;
  bytes: Uint8Array;
}

export const MARKER_WIDTH = 117;
const SIZES = [128, 96, 160, 192, MARKER_WIDTH];
const KINDS: SyntheticKind[] = ['simple', 'gradient', 'text'];

let resvgReady: Promise<void> | null = null;

/** `count` synthetic logos as PNGs (resvg). Initialises resvg-wasm in this realm. */
export async function corpusLikeInputs(count: number, seed = 2026): Promise<FaultInput[]> {
  const require = createRequire(import.meta.url);
  resvgReady ??= readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  await resvgReady;
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    const size = SIZES[i % SIZES.length];
    const resvg = new Resvg(synthetic(kind, i, seed).svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
    const rendered = resvg.render();
    const png = rendered.asPng();
    rendered.free();
    resvg.free();
    return { name: `${kind}-${String(i).padStart(2, '0')}-${size}px.png`, bytes: png };
  });
}

/**
 * `count` logos drawn with wasm-vips alone (discs, bars, rings in a few colours) — for runs that
 * must not start resvg before the fault does (its wasm initialises once per realm).
 */
export async function drawnInputs(count: number): Promise<FaultInput[]> {
  const vips = await Vips({ dynamicLibraries: [], printErr: () => {} });
  const colours = [[214, 40, 40, 255], [29, 78, 216, 255], [42, 157, 143, 255], [233, 196, 106, 255]];
  return Array.from({ length: count }, (_, i) => {
    const size = SIZES[i % SIZES.length];
    const canvas = vips.Image.black(size, size, { bands: 4 });
    const c = size / 2;
    canvas.drawCircle(colours[i % 4], c, c, size * 0.4, { fill: true });
    canvas.drawCircle(colours[(i + 1) % 4], c, c, size * (0.12 + 0.04 * (i % 3)), { fill: true });
    canvas.drawRect(colours[(i + 2) % 4], size * 0.1, size * 0.8, size * 0.8, size * 0.08, { fill: true });
    const png = canvas.writeToBuffer('.png');
    canvas.delete();
    return { name: `drawn-${String(i).padStart(2, '0')}-${size}px.png`, bytes: png };
  });
}
