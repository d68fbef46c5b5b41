/**
 * npx tsx scripts/studies/downscaleKernel.ts [BIG] [KERNELS] [LIMIT]
 *
 * Which kernel should the decoder shrink large inputs with (decodeImage.ts, DOWNSCALE_KERNEL)?
 * Each train/validation corpus SVG is drawn at BIG px (default 512), shrunk to the corpus size
 * (256) the way the decoder shrinks (alpha premultiplied) with each kernel, traced with the
 * engine's defaults, and compared with the same SVG drawn directly at 256 px — what the engine
 * is tuned on. `direct` traces the 256 px drawing itself. The test split is left out.
 */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-wasm';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage, shrinkPremultiplied } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import type { Raster } from '../../src/core/types';

const big = Number(process.argv[2] ?? 512);
const kernels = process.argv[3] ?? 'direct,lanczos3,cubic';
const limit = Number(process.argv[4] ?? Infinity);
await loadRenderer(nodeHost);
const vips = await loadVips(nodeHost);
const decode = (png: Uint8Array): Raster => decodeImage(vips, png, { maxSide: 8192, maxPixels: 4e7 }).raster;

/** The decoder's own shrink with another kernel. */
function shrinkWith(png: Uint8Array, scale: number, kernel: string): Raster {
  type VipsImage = InstanceType<typeof vips.Image>;
  const made: VipsImage[] = [vips.Image.newFromBuffer(png)];
  const keep = (image: VipsImage): VipsImage => (made.push(image), image);
  const out = decode(shrinkPremultiplied(made[0]!, scale, keep, kernel).writeToBuffer('.png'));
  for (const image of made) image.delete();
  return out;
}

interface Sums { n: number; inputMae: number; ssimAtWork: number; ssimAtBig: number; bytes: number }
const manifest = JSON.parse(readFileSync('corpus/256/manifest.json', 'utf8'));
const items = manifest.items.filter((i: { split: string }) => i.split !== 'test').slice(0, limit);
const sums = new Map<string, Sums>();
for (const item of items) {
  const direct = decode(new Uint8Array(readFileSync(`corpus/256/png/${item.id}.png`)));
  const svg = readFileSync(`corpus/256/svg/${item.id}.svg`, 'utf8');
  const bigPng = new Resvg(svg, { fitTo: { mode: 'width', value: Math.round((big * direct.width) / Math.max(direct.width, direct.height)) } }).render().asPng();
  const bigRaster = decode(bigPng);
  // An image counts only when every kernel gave the corpus size (odd aspect ratios can round
  // to a pixel more), so all kernels are averaged over the same images.
  const inputs = kernels.split(',').map((kernel) => [kernel, kernel === 'direct' ? direct : shrinkWith(bigPng, direct.width / bigRaster.width, kernel)] as const);
  if (inputs.some(([, input]) => input.width !== direct.width || input.height !== direct.height)) continue;
  for (const [kernel, input] of inputs) {
    const traced = traceToSvg(input, { ...TRACEWISE_DEFAULTS }, 1);
    const atBig = traced.replace(/width="[\d.]+" height="[\d.]+"/, `width="${bigRaster.width}" height="${bigRaster.height}"`);
    const s = sums.get(kernel) ?? { n: 0, inputMae: 0, ssimAtWork: 0, ssimAtBig: 0, bytes: 0 };
    s.n++;
    s.inputMae += scoreRaster(direct, input).mae;
    s.ssimAtWork += scoreRaster(direct, renderSvg(traced, direct.width, direct.height)).ssim;
    s.ssimAtBig += scoreRaster(bigRaster, renderSvg(atBig, bigRaster.width, bigRaster.height)).ssim;
    s.bytes += traced.length;
    sums.set(kernel, s);
  }
}
console.log(`${items.length} train/validation images drawn at ${big} px, shrunk to the corpus size; means over the images every kernel shrank to that size:`);
for (const [kernel, s] of sums) {
  console.log(`${kernel.padEnd(9)} n ${s.n}  input MAE vs direct ${(s.inputMae / s.n).toFixed(3)}  traced: ${(s.bytes / 1024).toFixed(1)} KB, SSIM vs the 256 px drawing ${(s.ssimAtWork / s.n).toFixed(4)}, vs the ${big} px one ${(s.ssimAtBig / s.n).toFixed(4)}`);
}
process.exit(0);
