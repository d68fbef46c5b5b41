/**
 * Renders the app's icons (PWA manifest, favicon) from one SVG with resvg, into public/icons/.
 * Run with `npx tsx scripts/icons/build.ts`; the PNGs are committed, so the build never needs it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);
const OUT = new URL('../../public/icons/', import.meta.url);

/** A stylised trace: a curve with its control handles on a teal tile. `inset` shrinks the mark
 * into the maskable safe zone (the inner 80%). */
function iconSvg(inset: number): string {
  const s = 1 - inset * 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${inset > 0 ? 0 : 96}" fill="#0f766e"/>
  <g transform="translate(${256 - 256 * s} ${256 - 256 * s}) scale(${s})">
    <path d="M96 380 C 160 120, 352 120, 416 380" fill="none" stroke="#ffffff" stroke-width="40" stroke-linecap="round"/>
    <path d="M96 380 L 160 140 M416 380 L 352 140" stroke="#99f6e4" stroke-width="14" stroke-linecap="round"/>
    <circle cx="160" cy="140" r="26" fill="#99f6e4"/><circle cx="352" cy="140" r="26" fill="#99f6e4"/>
  </g>
</svg>`;
}

await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
const outputs: [string, string, number][] = [
  ['icon-192.png', iconSvg(0), 192],
  ['icon-512.png', iconSvg(0), 512],
  ['maskable-512.png', iconSvg(0.1), 512],
];
for (const [name, svg, size] of outputs) {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  const png = resvg.render();
  await writeFile(new URL(name, OUT), png.asPng());
  png.free();
  resvg.free();
}
await writeFile(new URL('favicon.svg', OUT), iconSvg(0));
console.log(`icons written to ${OUT.pathname}`);
