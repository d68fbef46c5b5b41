import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core';
import type { GradientPaint } from '../../src/core/trace/tracewise/gradientFit';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { fitOverlay } from '../../src/core/trace/tracewise/translucentOverlay';
import { pngFromSvg } from './fixtures';

/** A translucent highlight over the centre of a radially shaded disc: the base gradient and the
 * flat overlay are fitted together (jointOverlay.ts). */
async function rasterOf(svg: string): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}
const svgOf = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">${body}</svg>`;

describe('a highlight over a radial shading’s centre', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('comes back as one gradient and one flat fill with an opacity', async () => {
    // The radial's focal point lies under the highlight: fitted without the highlight's pixels,
    // the disc's gradient cannot know its centre colour, and the highlight used to get a gradient
    // of its own (~270 bytes more).
    const body =
      '<defs><radialGradient id="a" cx=".5" cy=".5" r=".6" fx=".36" fy=".28"><stop offset="0" stop-color="#2050d0"/><stop offset=".5" stop-color="#b020f0"/><stop offset="1" stop-color="#e02070"/></radialGradient></defs>' +
      '<circle cx="128" cy="128" r="100" fill="url(#a)"/><ellipse cx="108" cy="88" rx="42" ry="24" fill="#fff" fill-opacity=".35"/>';
    const raster = await rasterOf(svgOf(body));
    const svg = traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
    expect(svg.match(/Gradient /g)).toHaveLength(1);
    const overlay = /fill="#([0-9a-f]{3,6})" fill-opacity="([\d.]+)"/.exec(svg);
    expect(overlay).not.toBeNull();
    // One decimal, as svgo writes it at this size: the nearest steps to the true 0.35.
    expect([0.3, 0.4]).toContain(Number(overlay![2]));
    const hex = overlay![1].length === 3 ? [...overlay![1]].map((c) => c + c).join('') : overlay![1];
    [0, 2, 4].forEach((i) => expect(parseInt(hex.slice(i, i + 2), 16)).toBeGreaterThan(200)); // near white
    expect(svg.length).toBeLessThan(600);
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.995);
  });

  it('fits the opacity on the grid it is written with, the colour kept within 0–255', () => {
    // 35% white over a known ramp: at one decimal, 0.3 or 0.4 with a colour that makes up for it,
    // never a colour above white.
    const size = 64;
    const base: GradientPaint = { kind: 'linear', x1: 0, y1: 0, x2: 64, y2: 0, stops: [{ offset: 0, colour: [0, 100, 200] }, { offset: 1, colour: [200, 60, 0] }] };
    const data = new Uint8ClampedArray(size * size * 4);
    const pixels = Uint32Array.from({ length: size * size }, (_, p) => p);
    for (const p of pixels) {
      const t = ((p % size) + 0.5) / 64;
      [200 * t, 100 - 40 * t, 200 - 200 * t].forEach((under, k) => (data[p * 4 + k] = Math.round(0.65 * under + 0.35 * 255)));
      data[p * 4 + 3] = 255;
    }
    const raster = { width: size, height: size, data };
    const fine = fitOverlay(raster, pixels, base, 2)!;
    expect(fine.opacity).toBe(0.35);
    expect(fine.rms).toBeLessThan(1);
    const coarse = fitOverlay(raster, pixels, base, 1)!;
    expect([0.3, 0.4]).toContain(coarse.opacity);
    coarse.colour.forEach((v) => expect(v).toBeLessThanOrEqual(255));
    expect(coarse.rms).toBeLessThan(5);
  });
});
