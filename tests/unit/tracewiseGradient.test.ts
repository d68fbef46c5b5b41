import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core';
import type { Premul } from '../../src/core/trace/tracewise/colour';
import { smoothBetweenCorners } from '../../src/core/trace/tracewise/fitContour';
import { paintColourAt, paintPosition } from '../../src/core/trace/tracewise/gradientFit';
import { bestBlend } from '../../src/core/trace/tracewise/mixture';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { pngFromSvg } from './fixtures';

async function rasterOf(svg: string): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}

const svgOf = (size: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;
const trace = (raster: Raster) => traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
/** Path data of the path filled with `fill`. */
const pathOf = (svg: string, fill: string) => new RegExp(`<path fill="${fill.replace(/[()#]/g, '\\$&')}"[^>]* d="([^"]+)"`).exec(svg)?.[1] ?? '';
/** Number of drawing commands in path data (repeated letters count once per command). */
const commandCount = (d: string) => (d.match(/[a-df-z]|-?(?:\d+\.?\d*|\.\d+)/gi) ?? []).length;

describe('tracewise on gradient art', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('explains a half-transparent edge pixel against transparency, even among many similar colours', () => {
    // Five bands of a blue ramp, all nearer the pixel than transparency is.
    const bands: Premul[] = [0, 1, 2, 3, 4].map((k) => [40 + 12 * k, 120 - 15 * k, 145 - 15 * k, 255]);
    const colours: Premul[] = [[0, 0, 0, 0], ...bands];
    const alpha = 128;
    const pixel: Premul = [(44 * alpha) / 255, (129 * alpha) / 255, (151 * alpha) / 255, alpha];
    const [first, second, t] = bestBlend(pixel, colours);
    expect([first, second]).toContain(0); // transparency is one side of the blend
    const coverage = first === 0 ? t : 1 - t; // the band's share
    expect(coverage).toBeCloseTo(alpha / 255, 2); // exactly the pixel's alpha
  });

  it('traces a radially shaded disc over transparency with a smooth outline, not a staircase', async () => {
    const raster = await rasterOf(svgOf(256, '<defs><radialGradient id="a" cx=".5" cy=".5" r=".72" fx=".55" fy=".35"><stop offset="0" stop-color="#681839"/><stop offset="1" stop-color="#11acbd"/></radialGradient></defs><circle cx="128" cy="128" r="92" fill="url(#a)"/>'));
    const svg = trace(raster);
    expect(svg).toContain('<radialGradient');
    // Every outline point within the curve tolerance of one circle: it is written as that circle
    // (a stepped outline is not, and took ~165 path numbers).
    expect(svg).toMatch(/<circle [^>]*fill="url\(#g0\)"/);
    expect(svg).not.toContain('<path');
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.98);
    // Without primitives, the outline is still a few smooth curves.
    const d = pathOf(traceToSvg(raster, { ...TRACEWISE_DEFAULTS, primitives: false }, 1), 'url(#g0)');
    expect(commandCount(d)).toBeLessThan(130);
  });

  it('traces a flat disc on a gradient background with a smooth outline', async () => {
    const raster = await rasterOf(svgOf(256, '<defs><linearGradient id="a" x1="0" x2="1" y1="0" y2="1"><stop offset="0" stop-color="#dc134c"/><stop offset="1" stop-color="#204fec"/></linearGradient></defs><rect width="256" height="256" fill="url(#a)"/><circle cx="128" cy="128" r="68" fill="#fef3c7"/>'));
    const svg = trace(raster);
    expect(svg).toContain('<linearGradient');
    expect(svg).toMatch(/<circle [^>]*fill="#fef3c7"/); // every outline point within 0.5 px of one circle
    const d = pathOf(traceToSvg(raster, { ...TRACEWISE_DEFAULTS, primitives: false }, 1), '#fef3c7');
    expect(d).not.toBe('');
    expect(commandCount(d)).toBeLessThan(80); // stepped: ~120
  });

  it('finds the gradient of a badge whose letter casts a soft shadow into it', async () => {
    const body =
      '<defs><linearGradient id="a" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#a466d8"/><stop offset="1" stop-color="#6a2fa0"/></linearGradient>' +
      '<filter id="s" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="3"/></filter></defs>' +
      '<rect x="8" y="8" width="240" height="240" rx="40" fill="url(#a)"/>' +
      '<path d="M70 60h40l20 110 20-110h40l-45 150h-30z" fill="#3a1660" fill-opacity=".55" filter="url(#s)" transform="translate(8 8)"/>' +
      '<path d="M70 60h40l20 110 20-110h40l-45 150h-30z" fill="#fff"/>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg).toContain('<linearGradient');
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.96);
  });

  it('fits elliptical rings (a radial gradient stretched over a wide shape) and writes them as the shape\'s bounding-box circle', async () => {
    const body =
      '<defs><radialGradient id="a" cx=".5" cy=".5" r=".6"><stop offset="0" stop-color="#f5a623"/><stop offset="1" stop-color="#7b1fa2"/></radialGradient></defs>' +
      '<rect x="8" y="58" width="240" height="140" rx="16" fill="url(#a)"/>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg.match(/<(path|rect)/g)).toHaveLength(1);
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.98);
    // Rings 140/240 as tall as wide are the box's proportions: the designer's own form, a circle
    // in bounding-box units at the default centre, with no transform (it took a turned, squashed
    // user-space circle before).
    const radius = /<radialGradient id="g0" r="([\d.]+)%">/.exec(svg)?.[1];
    expect(Number(radius)).toBeCloseTo(60, -0.5);
    expect(svg).not.toContain('gradientTransform');
  });

  it('returns a linear ramp as a <linearGradient> whose stops match the ramp', async () => {
    const raster = await rasterOf(svgOf(128, '<defs><linearGradient id="a" gradientUnits="userSpaceOnUse" x1="16" y1="0" x2="112" y2="0"><stop offset="0" stop-color="#1e90ff"/><stop offset="1" stop-color="#ff1493"/></linearGradient></defs><path d="M16 16h96v96H16z" fill="url(#a)"/>'));
    const svg = trace(raster);
    // (The first stop's offset, 0, is the default and left out.)
    const stops = [...svg.matchAll(/<stop(?: offset="[^"]+")? stop-color="#([0-9a-f]{6})"/g)].map((m) => [0, 2, 4].map((k) => parseInt(m[1].slice(k, k + 2), 16)));
    expect(stops.length).toBeGreaterThanOrEqual(2);
    const near = (a: number[], b: number[]) => a.every((v, k) => Math.abs(v - b[k]) <= 8);
    // The ends of the ramp, whichever way round the gradient line runs.
    const ends = [stops[0], stops[stops.length - 1]];
    expect(ends.some((c) => near(c, [0x1e, 0x90, 0xff]))).toBe(true);
    expect(ends.some((c) => near(c, [0xff, 0x14, 0x93]))).toBe(true);
    // In pixels, or in the square's box units (percentages of its 96 px from x = 16); x1 left out
    // is its default, 0 (0%), and x2 left out 100%.
    const inBox = !svg.includes('userSpaceOnUse');
    const [x1, x2] = ['x1', 'x2'].map((name) => {
      const [, value, percent] = new RegExp(` ${name}="([-\\d.]+)(%?)"`).exec(svg) ?? [null, name === 'x1' ? '0' : '100', inBox ? '%' : ''];
      return percent ? 16 + (Number(value) / 100) * 96 : Number(value);
    });
    expect(Math.min(x1, x2)).toBeCloseTo(16, -0.5); // within ~1.5 px of the designer's line
    expect(Math.max(x1, x2)).toBeCloseTo(112, -0.5);
  });

  it('keeps the gradient under a semi-transparent highlight, with the highlight as its own shape', async () => {
    const body =
      '<defs><linearGradient id="a" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#ffb300"/><stop offset="1" stop-color="#e65100"/></linearGradient></defs>' +
      '<circle cx="128" cy="128" r="110" fill="url(#a)"/><ellipse cx="100" cy="70" rx="50" ry="24" fill="#fff" fill-opacity=".45"/>';
    const raster = await rasterOf(svgOf(256, body));
    const svg = trace(raster);
    expect(svg).toContain('<linearGradient');
    expect(svg.match(/<(path|circle|ellipse)/g)!.length).toBeGreaterThanOrEqual(2);
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.97);
  });

  it('evaluates a fitted paint where an SVG renderer would', () => {
    const stops = [{ offset: 0, colour: [0, 0, 0] as [number, number, number] }, { offset: 1, colour: [200, 100, 50] as [number, number, number] }];
    const linear = { kind: 'linear' as const, x1: 10, y1: 0, x2: 30, y2: 0, stops };
    expect(paintPosition(linear, 20, 7)).toBeCloseTo(0.5);
    expect(paintColourAt(linear, 0, 0)).toEqual([0, 0, 0]); // padded before the start
    expect(paintColourAt(linear, 25, 3)).toEqual([150, 75, 37.5]);
    const radial = { kind: 'radial' as const, cx: 50, cy: 50, r: 20, stops };
    expect(paintPosition(radial, 62, 66)).toBeCloseTo(1);
    // Focal: t is 0 at the focal point and 1 on the circle, in every direction.
    const focal = { ...radial, fx: 44, fy: 50 };
    expect(paintPosition(focal, 44, 50)).toBeCloseTo(0);
    expect(paintPosition(focal, 70, 50)).toBeCloseTo(1);
    expect(paintPosition(focal, 50, 30)).toBeCloseTo(1);
    expect(paintPosition(focal, 57, 50)).toBeCloseTo(0.5); // halfway from f to the circle along +x
    // Elliptical rings turned by 90°: the major axis (r = 20) runs down, the minor (10) across.
    const ellipse = { ...radial, angle: 90, ratio: 0.5 };
    expect(paintPosition(ellipse, 50, 70)).toBeCloseTo(1);
    expect(paintPosition(ellipse, 60, 50)).toBeCloseTo(1);
    expect(paintPosition(ellipse, 55, 50)).toBeCloseTo(0.5);
  });

  it('irons a pixel staircase flat but leaves corners where they are', () => {
    // A square of side 40 whose top edge zigzags by 1 px every 2 px.
    const points: { x: number; y: number }[] = [];
    for (let x = 0; x < 40; x++) points.push({ x, y: Math.floor(x / 2) % 2 });
    for (let y = 0; y < 40; y++) points.push({ x: 40, y });
    for (let x = 40; x > 0; x--) points.push({ x, y: 40 });
    for (let y = 40; y > 0; y--) points.push({ x: 0, y });
    const corners = [0, 40, 80, 120];
    const smoothed = smoothBetweenCorners(points, corners, 4);
    for (const c of corners) expect(smoothed[c]).toEqual(points[c]);
    const top = smoothed.slice(8, 32).map((p) => p.y);
    expect(Math.max(...top) - Math.min(...top)).toBeLessThan(0.3); // the raw steps span 1 px
    expect(smoothed[60]).toEqual(points[60]); // a straight side stays where it was
  });
});

describe('primitives', () => {
  beforeAll(() => loadRenderer(nodeHost));
  /** An attribute of the first element of kind `tag`. */
  const numberIn = (svg: string, name: string, tag = '') => Number(new RegExp(`<${tag}[^>]* ${name}="([-\\d.]+)"`).exec(svg)?.[1]);

  it('returns a circle as a <circle> with its centre and radius', async () => {
    const raster = await rasterOf(svgOf(128, '<circle cx="60" cy="66" r="41.5" fill="#0a7"/>'));
    const svg = trace(raster);
    expect(svg).toMatch(/<circle [^>]*fill="#0a7"/);
    expect(svg).not.toContain('<path');
    expect(numberIn(svg, 'cx')).toBeCloseTo(60, 0);
    expect(numberIn(svg, 'cy')).toBeCloseTo(66, 0);
    expect(Math.abs(numberIn(svg, 'r') - 41.5)).toBeLessThan(0.3);
  });

  it('returns an upright ellipse as an <ellipse>, and a turned one turned', async () => {
    const upright = trace(await rasterOf(svgOf(128, '<ellipse cx="64" cy="60" rx="50" ry="24" fill="#c30"/>')));
    expect(upright).toMatch(/<ellipse [^>]*rx="(49\.\d|50(\.\d)?)" ry="(2[34]\.\d|24)"/);
    expect(upright).not.toContain('transform');
    const turned = trace(await rasterOf(svgOf(128, '<ellipse cx="64" cy="64" rx="50" ry="24" fill="#c30" transform="rotate(30 64 64)"/>')));
    expect(turned).toMatch(/<ellipse [^>]*transform="rotate\((29\.\d|30(\.\d)?) 64 64\)"/);
  });

  it('returns a rounded square as a <rect> with its corner radius', async () => {
    const svg = trace(await rasterOf(svgOf(128, '<rect x="10" y="14" width="100" height="90" rx="18" fill="#36c"/>')));
    expect(svg).toMatch(/<rect [^>]*fill="#36c"/);
    expect(numberIn(svg, 'x', 'rect')).toBeCloseTo(10, 0);
    expect(numberIn(svg, 'y', 'rect')).toBeCloseTo(14, 0);
    expect(numberIn(svg, 'width', 'rect')).toBeCloseTo(100, 0);
    expect(numberIn(svg, 'height', 'rect')).toBeCloseTo(90, 0);
    expect(Math.abs(numberIn(svg, 'rx', 'rect') - 18)).toBeLessThan(1);
  });

  it('keeps shapes that are none of these as paths', async () => {
    const star = trace(await rasterOf(svgOf(128, '<path d="M64 8l15 45h47l-38 28 14 45-38-28-38 28 14-45-38-28h47z" fill="#fb0"/>')));
    expect(star).toContain('<path');
    expect(star).not.toMatch(/<(circle|ellipse|rect)/);
    const ring = trace(await rasterOf(svgOf(128, '<circle cx="64" cy="64" r="40" fill="none" stroke="#000" stroke-width="12"/>')));
    expect(ring).not.toMatch(/<(circle|ellipse)/); // a disc with a hole is two outlines
  });
});
