import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core';
import { explainPixels } from '../../src/core/trace/tracewise/mixture';
import { extractPalette } from '../../src/core/trace/tracewise/palette';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { pathData } from '../../src/core/trace/tracewise/pathData';
import { signedArea, traceContours } from '../../src/core/trace/tracewise/contours';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { pngFromSvg } from './fixtures';

async function rasterOf(svg: string): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}

const svgOf = (size: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;

/** The absolute control points of a path written as "M x y c dx1 dy1 dx2 dy2 dx dy … z". */
function cubicsOf(d: string): number[][][] {
  const [, mx, my, rest] = /^M([-\d.]+)[ ,]?([-\d.]+)c(.*)z$/.exec(d)!;
  const numbers = rest.match(/-?(?:\d+\.?\d*|\.\d+)/g)!.map(Number);
  let [x, y] = [Number(mx), Number(my)];
  const curves: number[][][] = [];
  for (let i = 0; i + 5 < numbers.length; i += 6) {
    const [a, b, c, e, f, g] = numbers.slice(i, i + 6);
    curves.push([[x, y], [x + a, y + b], [x + c, y + e], [x + f, y + g]]);
    [x, y] = [x + f, y + g];
  }
  return curves;
}

function bezierAt(p: number[][], t: number): [number, number] {
  const s = 1 - t;
  const w = [s * s * s, 3 * s * s * t, 3 * s * t * t, t * t * t];
  return [w.reduce((sum, k, i) => sum + k * p[i][0], 0), w.reduce((sum, k, i) => sum + k * p[i][1], 0)];
}

const trace = (raster: Raster) => traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
/** Paths only: what the curve fitter makes of shapes that would otherwise become <circle>/<rect>. */
const traceCurves = (raster: Raster) => traceToSvg(raster, { ...TRACEWISE_DEFAULTS, primitives: false }, 1);

describe('tracewise engine', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('returns a circle as a handful of cubic curves that render back almost exactly', async () => {
    const raster = await rasterOf(svgOf(128, '<circle cx="64" cy="64" r="40" fill="#0a7"/>'));
    const svg = traceCurves(raster);
    const d = /d="([^"]+)"/.exec(svg)![1];
    expect(svg.match(/<path/g)).toHaveLength(1);
    expect(d.match(/[0-9.]-?[0-9.]/g)!.length).toBeGreaterThan(0);
    expect((d.match(/c/g) ?? []).length).toBe(1); // one 'c' letter: all curves in one run
    const curves = cubicsOf(d);
    expect(curves.length).toBeLessThanOrEqual(8);
    // Every point of every fitted curve lies on the true circle, within the curve tolerance.
    for (const curve of curves) {
      for (let t = 0; t <= 1; t += 0.05) {
        const [x, y] = bezierAt(curve, t);
        expect(Math.abs(Math.hypot(x - 64, y - 64) - 40)).toBeLessThan(0.55);
      }
    }
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.99);
  });

  it('keeps a square square: four straight sides, corners kept sharp', async () => {
    const raster = await rasterOf(svgOf(64, '<rect x="10" y="12" width="40" height="30" fill="#123456"/>'));
    const d = /d="([^"]+)"/.exec(trace(raster))![1];
    expect(d).toBe('M10 12v30h40V12z'.replace('V12', 'v-30')); // exact, straight, sub-pixel accurate
  });

  it('keeps the straight sides of a rounded bar straight (lines, not wobbling curves)', async () => {
    const raster = await rasterOf(svgOf(128, '<rect x="10.3" y="50.3" width="100" height="20" rx="10" fill="#2a9d8f"/>'));
    const d = /d="([^"]+)"/.exec(traceCurves(raster))![1];
    expect(d.match(/h-?[\d.]+/g)?.length).toBe(2); // the long top and bottom edges
    for (const run of d.match(/h-?[\d.]+/g)!) expect(Math.abs(Number(run.slice(1)))).toBeGreaterThan(70);
    expect(scoreRaster(raster, renderSvg(traceCurves(raster), 128, 128)).ssim).toBeGreaterThan(0.99);
    expect(trace(raster)).toMatch(/<rect [^>]*rx="(9\.\d|10(\.\d)?)"/); // and it is a rounded rectangle
  });

  it('leaves no seam between two touching shapes, even at 8× zoom', async () => {
    const raster = await rasterOf(svgOf(64, '<rect x="8" y="8" width="24.5" height="48" fill="#e63946"/><rect x="32.5" y="8" width="24" height="48" fill="#1d3557"/>'));
    const svg = trace(raster).replace('width="64" height="64"', 'width="512" height="512"');
    const zoomed = renderSvg(svg, 512, 512);
    for (let y = 8 * 10; y < 8 * 54; y++) {
      for (let x = 8 * 30; x < 8 * 35; x++) expect(zoomed.data[(y * 512 + x) * 4 + 3]).toBe(255);
    }
  });

  it('draws holes as holes', async () => {
    const raster = await rasterOf(svgOf(64, '<circle cx="32" cy="32" r="26" fill="none" stroke="#000" stroke-width="10"/>'));
    const rendered = renderSvg(trace(raster), 64, 64);
    expect(rendered.data[(32 * 64 + 32) * 4 + 3]).toBe(0);
    expect(rendered.data[(32 * 64 + 6) * 4 + 3]).toBe(255);
    // Thin features at 64 px are where a 0.5 px curve tolerance shows most.
    expect(scoreRaster(raster, rendered).ssim).toBeGreaterThan(0.95);
  });

  it('finds the exact flat colours and explains edge pixels as blends of two', async () => {
    const raster = await rasterOf(svgOf(64, '<rect width="64" height="64" fill="#ffffff"/><circle cx="32" cy="32" r="20" fill="#cc3300"/>'));
    const palette = extractPalette(raster, TRACEWISE_DEFAULTS).map((p) => p.colour.map(Math.round));
    expect(palette).toHaveLength(2);
    expect(palette).toContainEqual([255, 255, 255, 255]);
    expect(palette).toContainEqual([204, 51, 0, 255]);
    const mixture = explainPixels(raster, extractPalette(raster, TRACEWISE_DEFAULTS).map((p) => p.colour));
    const blended = [...mixture.t].filter((t) => t > 0.05 && t < 0.95).length;
    expect(blended).toBeGreaterThan(50); // the anti-aliased rim
    expect(mixture.first.every((index) => index >= 0)).toBe(true); // nothing transparent here
  });

  it('explains a grey edge between white and black as their blend, not as a blend of nearer mid-tones', async () => {
    // The teals, greens and pinks are each nearer to mid-grey than black or white are (as in
    // JetBrains' icons): the edge of the white disc must still come out as black/white.
    const raster = await rasterOf(svgOf(64, `<rect width="64" height="64" fill="#fff"/><rect x="4" y="4" width="36" height="36" fill="#000"/><circle cx="22" cy="22" r="11" fill="#fff"/>${['#416a69', '#cf558b', '#20d58b', '#09abcb', '#12bbb3', '#f4398c'].map((fill, i) => `<rect x="44" y="${2 + 10 * i}" width="16" height="9" fill="${fill}"/>`).join('')}`));
    const palette = extractPalette(raster, TRACEWISE_DEFAULTS).map((p) => p.colour);
    const index = (rgb: number[]) => palette.findIndex((c) => rgb.every((v, k) => Math.abs(c[k] - v) <= 2));
    const [black, white] = [index([0, 0, 0]), index([255, 255, 255])];
    expect(Math.min(black, white, index([0x41, 0x6a, 0x69]), index([0xcf, 0x55, 0x8b]))).toBeGreaterThanOrEqual(0);
    const mixture = explainPixels(raster, palette);
    let greys = 0;
    for (let y = 8; y < 36; y++) {
      for (let x = 8; x < 36; x++) {
        const p = y * 64 + x;
        const [r, g, b] = raster.data.subarray(p * 4, p * 4 + 3);
        if (r < 24 || r > 231 || Math.abs(r - g) > 2 || Math.abs(r - b) > 2) continue;
        greys++;
        expect([mixture.first[p], mixture.second[p]].sort()).toEqual([black, white].sort());
      }
    }
    expect(greys).toBeGreaterThan(30); // the disc's anti-aliased rim
  });

  it('explains the edge between two shades of one hue as their blend, not as the shade between them', async () => {
    // Devicon's own logo: where its darkest and lightest greens meet, the edge pixels match its
    // middle green exactly; they must still blend the two shades on either side.
    const raster = await rasterOf(svgOf(64, '<rect width="64" height="64" fill="#558d6c"/><path d="M20 0h44v64H28z" fill="#60be86"/><rect x="44" y="44" width="16" height="16" fill="#5aa579"/>'));
    const palette = extractPalette(raster, TRACEWISE_DEFAULTS).map((p) => p.colour);
    const middle = palette.findIndex((c) => Math.abs(c[0] - 0x5a) <= 2 && Math.abs(c[1] - 0xa5) <= 2 && Math.abs(c[2] - 0x79) <= 2);
    expect(middle).toBeGreaterThanOrEqual(0);
    const mixture = explainPixels(raster, palette);
    let edge = 0;
    for (let y = 0; y < 40; y++) {
      for (let x = 16; x < 32; x++) {
        const p = y * 64 + x;
        if (mixture.first[p] === mixture.second[p] && mixture.t[p] === 0 && raster.data[p * 4 + 1] !== 0x8d && raster.data[p * 4 + 1] !== 0xbe) edge++;
        expect([mixture.first[p], mixture.second[p]]).not.toContain(middle);
      }
    }
    expect(edge).toBe(0); // every edge pixel is a blend
  });

  it('explains the seam between two shapes that abut over nothing as their blend, and keeps a real gap see-through', async () => {
    // Each shape covers part of the shared edge pixels, so they show a little of the transparent
    // background: that seam must not become transparency in the trace (the outline would follow
    // it in steps). Shapes 0.8 px apart leave a real gap, which stays.
    const seeThrough = async (redRight: number, blueLeft: number) => {
      const raster = await rasterOf(svgOf(64, `<path fill="#d32f2f" d="M-8-8H${redRight}L${redRight - 16} 72H-8z"/><path fill="#1565c0" d="M${blueLeft}-8h32v80H${blueLeft - 16}z"/>`));
      const mixture = explainPixels(raster, extractPalette(raster, TRACEWISE_DEFAULTS).map((p) => p.colour));
      let edge = 0, transparent = 0;
      for (let y = 4; y < 60; y++) {
        for (let x = 4; x < 60; x++) {
          const p = y * 64 + x;
          const alpha = raster.data[p * 4 + 3];
          if (alpha === 0 || alpha === 255) continue;
          edge++;
          if (mixture.first[p] < 0 || mixture.second[p] < 0) transparent++;
        }
      }
      return { edge, transparent };
    };
    const seam = await seeThrough(40, 40);
    expect(seam.edge).toBeGreaterThan(40);
    expect(seam.transparent).toBe(0);
    const gap = await seeThrough(39.6, 40.4);
    expect(gap.edge).toBeGreaterThan(40);
    expect(gap.transparent).toBe(gap.edge);
  });

  it('recovers the colour of a hairline that has no interior pixels, when asked to', async () => {
    const raster = await rasterOf(svgOf(64, '<rect width="64" height="64" fill="#fff"/><rect x="8" y="8" width="30" height="30" fill="#000"/><circle cx="40" cy="40" r="18" fill="none" stroke="#b22222" stroke-width="1.3"/>'));
    const reddish = (params: object) =>
      extractPalette(raster, { ...TRACEWISE_DEFAULTS, ...params }).some(({ colour: [r, g, b] }) => r > 120 && g < 90 && b < 90);
    expect(reddish({ thinColours: 0 })).toBe(false);
    expect(reddish({ thinColours: 4 })).toBe(true);
  });

  it('fits a linear gradient instead of colour bands', async () => {
    const raster = await rasterOf(svgOf(128, '<defs><linearGradient id="a" x1="0" x2="1"><stop offset="0" stop-color="#1e90ff"/><stop offset="1" stop-color="#ff1493"/></linearGradient></defs><rect x="8" y="24" width="112" height="80" rx="12" fill="url(#a)"/>'));
    const svg = trace(raster);
    expect(svg).toContain('<linearGradient');
    expect(svg).not.toContain('<defs>'); // a gradient is never drawn itself: it needs no wrapper
    expect(svg.match(/<(path|rect)/g)).toHaveLength(1);
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.99);
    const banded = traceToSvg(raster, { ...TRACEWISE_DEFAULTS, gradients: false }, 1);
    expect(svg.length).toBeLessThan(banded.length / 2);
  });

  it('fits a radial gradient to a radially shaded disc', async () => {
    const raster = await rasterOf(svgOf(128, '<defs><radialGradient id="a"><stop offset="0" stop-color="#ffd700"/><stop offset="1" stop-color="#b22222"/></radialGradient></defs><circle cx="64" cy="64" r="56" fill="url(#a)"/>'));
    const svg = trace(raster);
    expect(svg).toContain('<radialGradient');
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.98);
  });

  it('fits an off-centre (focal) radial gradient to a lit sphere', async () => {
    const raster = await rasterOf(svgOf(128, '<defs><radialGradient id="a" cx="0.5" cy="0.5" r="0.5" fx="0.35" fy="0.3"><stop offset="0" stop-color="#e0f0ff"/><stop offset="1" stop-color="#0b3d91"/></radialGradient></defs><circle cx="64" cy="64" r="56" fill="url(#a)"/>'));
    const svg = trace(raster);
    expect(svg).toMatch(/<radialGradient[^>]* fx="[\d.]+%?" fy="[\d.]+%?"/); // pixels, or % of the disc's box
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.98);
  });

  it('keeps a flat shape with a soft highlight as flat shapes, not a gradient', async () => {
    const raster = await rasterOf(svgOf(96, '<rect x="4" y="4" width="88" height="88" rx="10" fill="#8aacbe"/><ellipse cx="30" cy="24" rx="14" ry="6" fill="#fff" fill-opacity="0.4"/>'));
    expect(trace(raster)).not.toContain('Gradient');
  });

  it('keeps semi-transparent colours semi-transparent', async () => {
    const raster = await rasterOf(svgOf(32, '<rect x="4" y="4" width="24" height="24" fill="#0000ff" fill-opacity="0.5"/>'));
    expect(trace(raster)).toMatch(/fill="#00f" fill-opacity="0\.50?2?"/);
  });
});

describe('contours and path data', () => {
  it('orients outer boundaries and holes oppositely', () => {
    const size = 7;
    const coverage = new Float32Array(size * size);
    for (let y = 1; y < 6; y++) for (let x = 1; x < 6; x++) coverage[y * size + x] = x === 3 && y === 3 ? 0 : 1;
    const loops = traceContours(coverage, size, size);
    expect(loops).toHaveLength(2);
    const areas = loops.map(signedArea).sort((a, b) => a - b);
    expect(Math.sign(areas[0])).not.toBe(Math.sign(areas[1]));
  });

  it('writes relative commands with the shortest number spelling', () => {
    const d = pathData(
      [{ start: { x: 1.04, y: 2 }, segments: [
        { kind: 'L', to: { x: 5.5, y: 2 } },
        { kind: 'C', c1: { x: 6, y: 2.5 }, c2: { x: 6, y: 3.5 }, to: { x: 5.5, y: 4 } },
        { kind: 'L', to: { x: 1, y: 2 } },
      ] }],
      1,
    );
    expect(d).toBe('M1 2h4.5c.5.5.5 1.5 0 2z');
  });
});
