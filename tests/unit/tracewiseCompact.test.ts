import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core';
import { fitRamp, trimPads, type GradientPaint, type Rgb } from '../../src/core/trace/tracewise/gradientFit';
import { gradientElement } from '../../src/core/trace/tracewise/gradientSvg';
import { mergeStraightLines } from '../../src/core/trace/tracewise/mergeLines';
import { pathBox, primitiveBox } from '../../src/core/trace/tracewise/shapeBox';
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
    // A radial gradient's start is its centre: it stays, and the first kept stop sits above 0.
    const radial = trimPads(stops, 0, 100, false);
    expect(radial.from).toBe(0);
    expect(radial.to).toBeCloseTo(60);
    expect(radial.stops.map((s) => s.offset)).toEqual([0.2 / 0.6, 1]);
    // A real change of colour is kept, and two stops always stay.
    expect(trimPads([stops[0], stops[2]], 0, 100, true).stops).toHaveLength(2);
  });

  it('traces a ramp with flat ends as two stops on the ramp itself', async () => {
    const raster = await rasterOf(svgOf(256, '<defs><linearGradient id="a" x1=".3" x2=".7" y1="0" y2="0"><stop offset="0" stop-color="#c02040"/><stop offset="1" stop-color="#2040c0"/></linearGradient></defs><rect width="256" height="256" fill="url(#a)"/>'));
    const svg = trace(raster);
    expect(stopCount(svg)).toBe(2);
    // In the full-image rectangle's box units (percentages of 256 px) or in pixels.
    const [x1, x2] = ['x1', 'x2'].map((name) => {
      const [, value, percent] = new RegExp(` ${name}="([-\\d.]+)(%?)"`).exec(svg)!;
      return Number(value) * (percent ? 2.56 : 1);
    });
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
    // Written at one decimal (the SVG's, which svgo rounds it to): a step next to 0.35, with the
    // light colour that composites closest at that step.
    const [, colour, opacity] = /fill="#([0-9a-f]{6}|[0-9a-f]{3})" fill-opacity="([\d.]+)"/.exec(svg) ?? [];
    expect([0.3, 0.4]).toContain(Number(opacity));
    expect(Math.min(...(colour.length === 3 ? [...colour].map((c) => c + c) : colour.match(/../g)!).map((h) => parseInt(h, 16)))).toBeGreaterThan(220);
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.99);
  });
});

describe('gradient or bands', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('keeps a fitted gradient that many flat bands would match about as closely, but in stripes', async () => {
    // A document icon: a diagonal ramp darkened towards its rim by a soft vignette, which the
    // ramp does not explain; blends of many bands match the pixels' values about as well.
    const shape = 'd="M60 16c-18 0-24 8-24 24v176c0 16 6 24 24 24h136c16 0 24-8 24-24V100L136 16z"';
    const body =
      '<defs><linearGradient id="a" x1="36" x2="220" y1="240" y2="16" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#d0120d"/><stop offset="1" stop-color="#fe9c45"/></linearGradient>' +
      '<radialGradient id="v" cx=".3" cy=".7" r=".6"><stop offset="0" stop-opacity="0"/><stop offset="1" stop-opacity=".25"/></radialGradient></defs>' +
      `<path fill="url(#a)" ${shape}/><path fill="url(#v)" ${shape}/>`;
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg).toContain('<linearGradient'); // bands: ~6 KB of stripes, SSIM 0.979
    expect(svg.length).toBeLessThan(1500);
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.99);
  });
});

describe('loosely fitted gradients', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('draws a shaded disc that no gradient fits closely as its best rough gradient, not as rings', async () => {
    // A radial ramp lit from above and shaded below by a second, vertical ramp: the sum is neither
    // radial nor linear, and the best single fit is off by ~6 (RMS).
    const body =
      '<defs><radialGradient id="a" cx=".5" cy=".45" r=".5"><stop offset=".3" stop-color="#f060f0"/><stop offset="1" stop-color="#a030b0"/></radialGradient>' +
      '<linearGradient id="v" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#fff" stop-opacity=".25"/><stop offset=".5" stop-opacity="0"/><stop offset="1" stop-opacity=".3"/></linearGradient></defs>' +
      '<circle cx="128" cy="128" r="110" fill="url(#a)"/><circle cx="128" cy="128" r="110" fill="url(#v)"/>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg).toContain('Gradient'); // rings of flat colour: ~14 KB, SSIM 0.906
    expect(svg.length).toBeLessThan(1500);
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.98);
  });
});

describe('one gradient over separate pieces', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('fills three bars that share one ramp with one gradient, not one per bar', async () => {
    const body =
      '<defs><linearGradient id="a" x1="0" x2="256" y1="0" y2="0" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#d4af5f"/><stop offset="1" stop-color="#6b4f9e"/></linearGradient></defs>' +
      '<g fill="url(#a)"><path d="M16 40h60v176H16z"/><path d="M98 40h60v176H98z"/><path d="M180 40h60v176h-60z"/></g>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg.match(/<linearGradient/g)).toHaveLength(1); // each bar fitted alone: three (745 bytes)
    expect(svg.match(/<path/g)).toHaveLength(1);
    expect(svg.length).toBeLessThan(450);
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.99);
  });
});

describe('fading gradients', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('fits a gradient that fades to translucency with stop-opacity, not as translucent bands', async () => {
    const body =
      '<defs><linearGradient id="a" x1=".35" x2=".65" y1=".98" y2=".02"><stop offset="0" stop-color="#25cdf8"/><stop offset="1" stop-color="#cc47dc" stop-opacity=".2"/></linearGradient></defs>' +
      '<circle cx="128" cy="128" r="120" fill="url(#a)"/>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg.match(/<linearGradient/g)).toHaveLength(1); // as bands: ~11 KB, SSIM 0.92
    const opacities = [...svg.matchAll(/stop-opacity="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(opacities.length).toBeGreaterThan(0);
    expect(Math.abs(Math.min(...opacities) - 0.2)).toBeLessThan(0.05); // the faint end
    expect(svg.length).toBeLessThan(600);
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.99);
  });
});

describe('path pieces', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('joins collinear lines of a slightly wobbly edge into one, but never across a corner', () => {
    // An L-shaped run: 40 px along y = 0 wobbling by ±0.2 px, then 20 px straight down.
    const loop = [...Array(41)].map((_, x) => ({ x, y: x % 10 === 3 ? 0.2 : x % 10 === 6 ? -0.2 : 0 }));
    for (let y = 1; y <= 20; y++) loop.push({ x: 40, y });
    const line = (at: number) => ({ kind: 'L' as const, to: loop[at], at });
    const segments = [line(12), line(13), line(30), line(40), line(50), line(60)];
    const merged = mergeStraightLines(loop, segments, new Set([40]), 0.3);
    expect(merged.map((s) => s.at)).toEqual([40, 60]);
    // A wobble beyond the tolerance keeps the pieces apart.
    loop[20] = { x: 20, y: 0.6 };
    expect(mergeStraightLines(loop, segments, new Set([40]), 0.3).length).toBeGreaterThan(2);
  });

  it('traces a flat star on a gradient with one line per side', async () => {
    const body =
      '<defs><linearGradient id="a" x1="0" x2="1" y1=".53" y2=".47"><stop offset="0" stop-color="#770cd8"/><stop offset=".5" stop-color="#e724a7"/><stop offset="1" stop-color="#f72760"/></linearGradient></defs>' +
      '<rect width="256" height="256" fill="url(#a)"/><path fill="#fdf2f8" d="m128 66 11.2 38.8 37.4-15.4-23.3 33 35.3 19.6-40.3 2.3 6.7 39.8L128 154l-27 30.1 6.7-39.8-40.3-2.3 35.3-19.6-23.3-33 37.4 15.4z"/>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    const d = /<path fill="#fdf2f8" d="([^"]+)"/.exec(svg)![1];
    const pieces = d.match(/-?(?:\d+\.?\d*|\.\d+)/g)!.length / 2;
    expect(pieces).toBeLessThanOrEqual(24); // 20 sides, a few split at the anti-aliased tips (was ~45)
    expect(ssimOf(raster, svg)).toBeGreaterThan(0.99);
  });
});

describe('gradient stops', () => {
  it('spends no stop on a small kink that few pixels show', () => {
    // A radial ramp 0 → 200 over 100 px, with pixels in proportion to the radius (a disc), and a
    // ring near the centre up to 9 units brighter: stops there (two, with Douglas–Peucker alone)
    // would serve a sliver of the disc.
    const s: number[] = [];
    const red: number[] = [];
    for (let r = 0; r < 100; r++) {
      for (let k = 0; k <= r; k++) {
        s.push(r + 0.5);
        red.push(2 * r + Math.max(0, 9 * (1 - Math.abs(r - 8) / 6)));
      }
    }
    const channel = Float64Array.from(red);
    const ramp = fitRamp(Float64Array.from(s), [channel, channel, channel], 0)!;
    expect(ramp.stops).toHaveLength(2);
    expect(ramp.rms).toBeLessThan(2);
  });
});

describe('gradients in bounding-box units', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('measures a shape by its curves, not its control points', () => {
    // One cubic bulging up to y = 7.5 at its middle (its control points reach y = 10).
    const arch = { start: { x: 0, y: 0 }, segments: [{ kind: 'C' as const, c1: { x: 0, y: 10 }, c2: { x: 10, y: 10 }, to: { x: 10, y: 0 } }] };
    expect(pathBox([arch], 1)).toEqual({ x: 0, y: 0, width: 10, height: 7.5 });
    expect(primitiveBox({ kind: 'circle', cx: 50, cy: 40, r: 20 }, 1)).toEqual({ x: 30, y: 20, width: 40, height: 40 });
    expect(primitiveBox({ kind: 'ellipse', cx: 50, cy: 40, rx: 20, ry: 10, angle: 30 }, 1)).toBeNull();
  });

  it('writes a gentle gradient with fewer digits than a steep one', () => {
    const paint = (to: Rgb, x2: number): GradientPaint => ({ kind: 'linear', x1: 40.37, y1: 100.21, x2, y2: 100.21, stops: [{ offset: 0, colour: [100, 100, 100] }, { offset: 1, colour: to }] });
    const numbers = (element: string) => /x1="([^"]+)"/.exec(element)![1];
    // 8 colour units over 160 px: a pixel's shift changes nothing visible.
    expect(numbers(gradientElement('g', paint([108, 100, 100], 200.37), 1))).toBe('40');
    // 150 units over 10 px: 15 units a pixel, tenths are kept.
    expect(numbers(gradientElement('g', paint([250, 100, 100], 50.37), 1))).toBe('40.4');
  });

  it('paints exactly what the user-space gradient paints, and is shorter', () => {
    const stops = [{ offset: 0, colour: [220, 20, 60] as Rgb }, { offset: 1, colour: [30, 80, 240] as Rgb }];
    const cases: { paint: GradientPaint; box: { x: number; y: number; width: number; height: number } }[] = [
      // A diagonal ramp in a wide box: the stretch would skew a naively mapped vector.
      { paint: { kind: 'linear', x1: 40, y1: 100, x2: 200, y2: 30, stops }, box: { x: 20, y: 40, width: 220, height: 90 } },
      { paint: { kind: 'radial', cx: 120, cy: 110, r: 70, fx: 100, fy: 90, stops }, box: { x: 40, y: 30, width: 160, height: 160 } },
      // Elliptical rings of the box's proportions (a bounding-box radial on a wide shape), fitted
      // turned by 180°: a circle in box units, without a transform.
      { paint: { kind: 'radial', cx: 120, cy: 100, r: 90, angle: 180, ratio: 0.6, stops }, box: { x: 30, y: 40, width: 180, height: 108 } },
    ];
    for (const { paint, box } of cases) {
      const shape = `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="url(#g)"/>`;
      const user = gradientElement('g', paint, 1);
      const inBox = gradientElement('g', paint, 1, box);
      expect(inBox).not.toContain('gradientUnits');
      expect(inBox.length).toBeLessThan(user.length);
      const a = renderSvg(svgOf(256, `<defs>${user}</defs>${shape}`), 256, 256);
      const b = renderSvg(svgOf(256, `<defs>${inBox}</defs>${shape}`), 256, 256);
      let worst = 0;
      for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
      expect(worst).toBeLessThanOrEqual(2);
    }
    // Circles stay circles: a radial gradient in a non-square box keeps user space.
    expect(gradientElement('g', cases[1].paint, 1, { x: 0, y: 0, width: 100, height: 60 })).toContain('userSpaceOnUse');
    // Rings of other proportions too; there, a turn of ~180° is written as none (same rings).
    const turned = gradientElement('g', { ...cases[2].paint, angle: 179.9 } as GradientPaint, 1, { x: 0, y: 0, width: 100, height: 100 });
    expect(turned).toContain('gradientTransform="matrix(1 0 0 0.6 120 100)"');
  });
});
