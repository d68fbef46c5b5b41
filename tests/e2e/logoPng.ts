import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);
let ready: Promise<void> | null = null;

/** A flat two-colour logo on a transparent background — the kind of input Tracewise is for. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <circle cx="46" cy="46" r="34" fill="#d62828"/>
  <rect x="60" y="60" width="56" height="56" rx="8" fill="#1d4ed8"/>
</svg>`;

/** Renders an SVG to real PNG bytes with resvg (the same renderer the app scores with). */
export async function renderPng(svg: string = LOGO_SVG): Promise<Buffer> {
  ready ??= readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  await ready;
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false } });
  const rendered = resvg.render();
  try {
    return Buffer.from(rendered.asPng());
  } finally {
    rendered.free();
    resvg.free();
  }
}
