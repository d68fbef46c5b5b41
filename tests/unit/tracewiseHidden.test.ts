import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import { cutHiddenStretches, hiddenArea } from '../../src/core/trace/tracewise/hiddenChords';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { pngFromSvg } from './fixtures';

const svgOf = (size: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;

// A red disc with a small blue disc straddling its right edge: the small disc's outer rim lies
// outside the red one, so the red layer (red ∪ blue) used to repeat that arc's curves.
const DISC_UNDER_DISC = svgOf(128, '<circle cx="56" cy="64" r="40" fill="#e63946"/><circle cx="100" cy="64" r="22" fill="#1d3557"/>');

const alphaAt = (raster: { data: Uint8Array | Uint8ClampedArray; width: number }, x: number, y: number) => raster.data[(y * raster.width + x) * 4 + 3];

describe('hidden stretches of lower layers', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('cuts the upper disc\'s outer rim out of the lower disc\'s layer, keeps it under the upper disc near its visible edge, and opens no seam', async () => {
    const raster = decodeImage(await loadVips(nodeHost), await pngFromSvg(DISC_UNDER_DISC), { maxSide: 1024, maxPixels: 4e7 }).raster;
    // Paths only: with primitives on, the red disc is written as the <circle> its visible part is
    // (tracewiseHiddenPrimitives.test.ts); the chords are what is tested here.
    const svg = traceToSvg(raster, { ...TRACEWISE_DEFAULTS, primitives: false }, 1);
    const red = /<path fill="#e63946" d="[^"]*"\/>/.exec(svg)?.[0];
    expect(red).toBeDefined();
    const disc = renderSvg(svgOf(128, red!), 128, 128);
    // The small disc's outer rim is no longer part of the red layer…
    expect(alphaAt(disc, 110, 64)).toBe(0);
    expect(alphaAt(disc, 105, 56)).toBe(0);
    // …but the layer still lies under the blue disc where the red shows beside it: its visible
    // edge (the blue rim inside the red disc, x ≈ 78 on the middle row) is covered with a pixel
    // to spare under the blue.
    for (let y = 56; y < 72; y++) expect(alphaAt(disc, 80, y)).toBe(255);
    // No gap along the blue rim inside the red disc at 8×, and the picture is unchanged.
    const zoomed = renderSvg(svg.replace('width="128" height="128"', 'width="1024" height="1024"'), 1024, 1024);
    for (let y = 8 * 50; y < 8 * 78; y++) {
      for (let x = 8 * 76; x < 8 * 84; x++) expect(alphaAt(zoomed, x, y)).toBe(255);
    }
    expect(scoreRaster(raster, renderSvg(svg, 128, 128)).ssim).toBeGreaterThan(0.99);
  });

  it('leaves an outline alone where the own colour borders it all round', () => {
    // A 10×10 own square with nothing above: every contour point is near the own colour.
    const size = 16;
    const own = new Float32Array(size * size);
    for (let y = 3; y < 13; y++) for (let x = 3; x < 13; x++) own[y * size + x] = 1;
    const contour = Float64Array.from([3, 3, 13, 3, 13, 8, 13, 13, 8, 13, 3, 13, 3, 8]);
    expect(cutHiddenStretches(contour, hiddenArea(own, own, size, size, { x0: 3, y0: 3, x1: 13, y1: 13 }))).toBe(contour);
  });
});
