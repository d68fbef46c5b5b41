import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core';
import { trimPads, type GradientPaint, type Rgb } from '../../src/core/trace/tracewise/gradientFit';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { fitOverlay } from '../../src/core/trace/tracewise/translucentOverlay';
import { pngFromSvg } from './fixtures';

/** Output compaction of the Tracewise engine on shaded art: fewer stops, flat translucent
 * overlays, fewer path pieces — each with the picture kept. */
async function rasterOf(svg: string): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}
const svgOf = (size: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;
const trace = (raster: Raster) => traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
const ssimOf = (raster: Raster, svg: string) => scoreRaster(raster, renderSvg(svg, raster.width, raster.height)).ssim;
const stopCount = (svg: string) => (svg.match(/<stop /g) ?? []).length;

describe('gradient stops', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('drops an end stop that only paints a flat pad, moving the gradient end onto its neighbour', () => {
    const red: Rgb = [200, 20, 20];
    const stops = [
      { offset: 0, colour: red },
      { offset: 0.2, colour: [202, 21, 19] as Rgb },
      { offset: 0.6, colour: [20, 20, 200] as Rgb },
      { offset: 1, colour: [21, 22, 199] as Rgb },
    ];
    const trimmed = trimPads(stops, 0, 100, true);
    expect(trimmed.from).toBeCloseTo(20);
    expect(trimmed.to).toBeCloseTo(60);
    expect(trimmed.stops.map((s) => s.offset)).toEqual([0, 1]);
    expect(trimmed.stops.map((s) => s.colour)).toEqual([stops[1].colour, stops[2].colour]);
    // A radial gradient's start is its centre: only the outer pad goes.
    const radial = trimPads(stops, 0, 100, false);
    expect(radial.from).toBe(0);
    expect(radial.to).toBeCloseTo(60);
    expect(radial.stops.map((s) => s.offset)).toEqual([0, 0.2 / 0.6, 1]);
    // A real change of colour is kept, and two stops always stay.
    expect(trimPads([stops[0], stops[2]], 0, 100, true).stops).toHaveLength(2);
  });

  it('traces a ramp with flat ends as two stops on the ramp itself', async () => {
    const raster = await rasterOf(svgOf(256, '<defs><linearGradient id="a" x1=".3" x2=".7" y1="0" y2="0"><stop offset="0" stop-color="#c02040"/><stop offset="1" stop-color="#2040c0"/></linearGradient></defs><rect width="256" height="256" fill="url(#a)"/>'));
    const svg = trace(raster);
    expect(stopCount(svg)).toBe(2);
    const [x1, x2] = ['x1', 'x2'].map((name) => Number(new RegExp(` ${name}="([-\\d.]+)"`).exec(svg)![1]));
    expect(Math.abs(Math.min(x1, x2) - 76.8)).toBeLessThan(4); // the ramp runs from 30% …
    expect(Math.abs(Math.max(x1, x2) - 179.2)).toBeLessThan(4); // … to 70% of the width
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.99);
  });
});

describe('translucent overlays', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('recovers the colour and opacity of a flat overlay composited over a known gradient', () => {
    const size = 64;
    const base: GradientPaint = { kind: 'linear', x1: 0, y1: 0, x2: 64, y2: 0, stops: [{ offset: 0, colour: [0, 100, 200] }, { offset: 1, colour: [200, 60, 0] }] };
    const data = new Uint8ClampedArray(size * size * 4);
    const pixels: number[] = [];
    for (let p = 0; p < size * size; p++) {
      const x = (p % size) + 0.5;
      const t = x / 64;
      const under = [200 * t, 100 - 40 * t, 200 - 200 * t];
      // 30% of #ffeedd over the gradient, as a renderer composites it.
      [255, 238, 221].forEach((c, k) => (data[p * 4 + k] = Math.round(0.7 * under[k] + 0.3 * c)));
      data[p * 4 + 3] = 255;
      pixels.push(p);
    }
    const fit = fitOverlay({ width: size, height: size, data }, Uint32Array.from(pixels), base)!;
    expect(fit.opacity).toBeCloseTo(0.3, 2);
    fit.colour.forEach((v, k) => expect(Math.abs(v - [255, 238, 221][k])).toBeLessThanOrEqual(2));
    expect(fit.rms).toBeLessThan(1);
    // Over a flat base any opacity would do: no overlay is claimed.
    const flat: GradientPaint = { ...base, stops: [{ offset: 0, colour: [90, 90, 90] }, { offset: 1, colour: [90, 90, 90] }] };
    expect(fitOverlay({ width: size, height: size, data }, Uint32Array.from(pixels), flat)).toBeNull();
  });

  it('writes a translucent white highlight on a shaded disc as a flat fill with an opacity', async () => {
    const body =
      '<defs><linearGradient id="a" x1="0" x2="1" y1=".3" y2=".7"><stop offset="0" stop-color="#4ee248"/><stop offset="1" stop-color="#f9b221"/></linearGradient></defs>' +
      '<circle cx="128" cy="128" r="95" fill="url(#a)"/><ellipse cx="108" cy="87" rx="41" ry="23" fill="#fff" fill-opacity=".35"/>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg.match(/Gradient /g)).toHaveLength(1); // the disc's, and no second one for the highlight
    const opacity = Number(/fill="#fff" fill-opacity="([\d.]+)"/.exec(svg)?.[1]);
    expect(Math.abs(opacity - 0.35)).toBeLessThanOrEqual(0.03);
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.99);
  });
});
