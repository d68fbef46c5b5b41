import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import type { Raster } from '../../src/core';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { pngFromSvg } from './fixtures';

const svgOf = (size: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;

async function rasterOf(svg: string): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}

const trace = (raster: Raster) => traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
const attribute = (element: string, name: string) => Number(new RegExp(` ${name}="([-\\d.]+)"`).exec(element)![1]);
const alphaAt = (raster: Raster, x: number, y: number) => raster.data[(y * raster.width + x) * 4 + 3];

/** Every pixel of the rendering at 8× inside the box (in 1× pixels) is opaque: no seam. */
function opaqueAt8x(svg: string, size: number, box: { x0: number; y0: number; x1: number; y1: number }): boolean {
  const zoomed = renderSvg(svg.replace(`width="${size}" height="${size}"`, `width="${8 * size}" height="${8 * size}"`), 8 * size, 8 * size);
  for (let y = 8 * box.y0; y < 8 * box.y1; y++) for (let x = 8 * box.x0; x < 8 * box.x1; x++) if (alphaAt(zoomed, x, y) !== 255) return false;
  return true;
}

describe('primitives fitted to the visible part of partly hidden shapes', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('writes the lower of two overlapping ellipses as an <ellipse> close to the true one, with no seam under the upper one', async () => {
    // The small ellipse sticks out past the large one's lower right: the large one's union outline
    // follows it there and is no ellipse as a whole.
    const source = svgOf(128, '<ellipse cx="54" cy="56" rx="42" ry="32" fill="#7b2cbf"/><ellipse cx="92" cy="86" rx="26" ry="20" fill="#2a9d8f"/>');
    const raster = await rasterOf(source);
    const svg = trace(raster);
    const lower = /<ellipse[^>]*fill="#7b2cbf"[^>]*\/>/.exec(svg)?.[0];
    expect(lower).toBeDefined();
    expect(Math.abs(attribute(lower!, 'cx') - 54)).toBeLessThan(0.5);
    expect(Math.abs(attribute(lower!, 'cy') - 56)).toBeLessThan(0.5);
    expect(Math.abs(attribute(lower!, 'rx') - 42)).toBeLessThan(0.5);
    expect(Math.abs(attribute(lower!, 'ry') - 32)).toBeLessThan(0.5);
    // Where the upper ellipse's rim crosses the lower one (around (72, 72)), everything is opaque
    // at 8×: the lower ellipse lies under the rim.
    expect(opaqueAt8x(svg, 128, { x0: 68, y0: 66, x1: 80, y1: 76 })).toBe(true);
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.99);
  });

  it('writes a circle partly behind a square as a <circle>', async () => {
    const raster = await rasterOf(svgOf(128, '<circle cx="56" cy="60" r="36" fill="#e76f51"/><rect x="62" y="62" width="50" height="50" fill="#264653"/>'));
    const svg = trace(raster);
    const circle = /<circle[^>]*fill="#e76f51"[^>]*\/>/.exec(svg)?.[0];
    expect(circle).toBeDefined();
    expect(Math.abs(attribute(circle!, 'r') - 36)).toBeLessThan(0.5);
    expect(Math.hypot(attribute(circle!, 'cx') - 56, attribute(circle!, 'cy') - 60)).toBeLessThan(0.5);
    // The square's top and left edges inside the circle: covered underneath at 8×.
    expect(opaqueAt8x(svg, 128, { x0: 64, y0: 60, x1: 84, y1: 64 })).toBe(true);
    expect(opaqueAt8x(svg, 128, { x0: 60, y0: 64, x1: 64, y1: 84 })).toBe(true);
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.99);
  });

  it('writes a rounded rectangle under a badge that sticks out past its corner as a <rect>', async () => {
    const raster = await rasterOf(svgOf(128, '<rect x="12" y="24" width="84" height="80" rx="12" fill="#457b9d"/><circle cx="96" cy="28" r="22" fill="#e63946"/>'));
    const svg = trace(raster);
    const rect = /<rect[^>]*fill="#457b9d"[^>]*\/>/.exec(svg)?.[0];
    expect(rect).toBeDefined();
    expect(Math.abs(attribute(rect!, 'x') - 12)).toBeLessThan(0.5);
    expect(Math.abs(attribute(rect!, 'y') + attribute(rect!, 'height') - 104)).toBeLessThan(0.5);
    expect(Math.abs(attribute(rect!, 'rx') - 12)).toBeLessThan(1);
    // The hidden top-right corner lies under the badge, not past it: nothing blue shows outside.
    expect(opaqueAt8x(svg, 128, { x0: 78, y0: 30, x1: 82, y1: 44 })).toBe(true);
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.99);
  });

  it('keeps a path where the lower shape only meets the upper one edge to edge: its own outline would open a seam there', async () => {
    // The ellipse lies over the square, but spans the larger box, so it is stacked lower; where it
    // meets the square, the square's layer above has the ellipse's edge as its anti-aliased rim.
    // The ellipse fits its visible outline exactly, yet drawn as itself it would end halfway
    // through that rim, with the background showing through the other half: the union path stays.
    const raster = await rasterOf(svgOf(128, '<rect x="60" y="30" width="60" height="60" fill="#e1421b"/><ellipse cx="50" cy="64" rx="40" ry="56" fill="#0ebd13"/>'));
    const svg = trace(raster);
    expect(svg).not.toMatch(/<ellipse[^>]*fill="#0ebd13"/);
    expect(svg).toMatch(/<path fill="#0ebd13"/);
    expect(opaqueAt8x(svg, 128, { x0: 84, y0: 54, x1: 92, y1: 74 })).toBe(true);
  });
});
