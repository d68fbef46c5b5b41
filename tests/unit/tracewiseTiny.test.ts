import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core';
import { traceContours } from '../../src/core/trace/tracewise/contours';
import { fitPrimitive } from '../../src/core/trace/tracewise/primitives';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { pngFromSvg } from './fixtures';

// Shapes a few pixels across: below the scale corner detection and curve fitting work at.
async function rasterOf(size: number, body: string): Promise<Raster> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}
const trace = (raster: Raster) => traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 2);
const renderedError = (raster: Raster, svg: string) => scoreRaster(raster, renderSvg(svg, raster.width, raster.height)).mae;

describe('tracewise on tiny shapes', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('traces a one-pixel image as the pixel (it used to vanish: too few pixels for a colour, and a diamond below the speck size)', async () => {
    const raster = await rasterOf(1, '<rect width="1" height="1" fill="#2a9d8f"/>');
    const svg = trace(raster);
    expect(svg).toContain('fill="#2a9d8f"');
    expect(renderedError(raster, svg)).toBeLessThan(1);
  });

  it('turns an outline at the canvas corner where a shape runs off the image', () => {
    const full = new Float32Array(9).fill(1);
    const [outline] = traceContours(full, 3, 3);
    const points = Array.from({ length: outline.length / 2 }, (_, i) => `${outline[2 * i]},${outline[2 * i + 1]}`);
    expect(points).toEqual(expect.arrayContaining(['0,0', '3,0', '3,3', '0,3']));
    // A partly covered corner pixel keeps its chamfer: the shape does not reach the corner.
    const soft = Float32Array.from([0.6, 1, 1, 1, 1, 1, 1, 1, 1]);
    const [chamfered] = traceContours(soft, 3, 3);
    const hasOrigin = Array.from({ length: chamfered.length / 2 }, (_, i) => chamfered[2 * i] === 0 && chamfered[2 * i + 1] === 0).some(Boolean);
    expect(hasOrigin).toBe(false);
  });

  it('keeps squares of 2 to 4 pixels square (they came back as circles) and renders them back exactly', async () => {
    for (const side of [2, 3, 4]) {
      const raster = await rasterOf(side + 4, `<rect x="2" y="2" width="${side}" height="${side}" fill="#c81e1e"/>`);
      // Blobs under 4 px across have no interior pixels to make a colour of: the thin-colour
      // pass (on in the complex preset) finds them, as it finds hairlines.
      const svg = traceToSvg(raster, { ...TRACEWISE_DEFAULTS, thinColours: 4 }, 2);
      expect(svg).not.toMatch(/<(circle|ellipse)/);
      expect(renderedError(raster, svg)).toBeLessThan(1);
    }
  });

  it('still reads a small disc as a circle when the circle follows its outline more closely than a rectangle', async () => {
    const raster = await rasterOf(24, '<circle cx="12" cy="12" r="7" fill="#0a7"/>');
    const coverage = Float32Array.from({ length: 24 * 24 }, (_, p) => raster.data[4 * p + 3] / 255);
    const [outline] = traceContours(coverage, 24, 24);
    expect(fitPrimitive(outline, 0.5)).toMatchObject({ kind: 'circle' });
  });
});
