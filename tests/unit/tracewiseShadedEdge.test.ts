import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import type { Raster } from '../../src/core';
import { TRACEWISE_DEFAULTS } from '../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../src/core/trace/tracewise/tracewiseEngine';
import { pngFromSvg } from './fixtures';

async function rasterOf(svg: string): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}

/** A flat green bar above a bar that is the same green over most of its width and turns magenta
 * along its right end (DataGrip's top facet): the lower bar is one smooth region, mostly green,
 * green lies in both bars, and each band of the ramp is a small share of the region. */
const SHADED_END =
  '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">' +
  '<defs><linearGradient id="a" x1="4" y1="0" x2="252" y2="0" gradientUnits="userSpaceOnUse">' +
  '<stop offset=".8" stop-color="#21d789"/><stop offset="1" stop-color="#e047f1"/></linearGradient></defs>' +
  '<path d="M4 4h248v96H4z" fill="#21d789"/><path d="M4 110h248v140H4z" fill="url(#a)"/></svg>';

/** The fills of the SVG's shapes: a colour, or a gradient's url. */
function shapes(svg: string): string[] {
  return [...svg.matchAll(/<(path|rect|circle|ellipse)\b[^>]*\bfill="([^"]+)"/g)].map((m) => m[2]);
}

describe('tracewise on a gradient that runs out into a shared flat colour', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('draws the ramp as one gradient-filled shape over the flat colour, not as stripes of flat colour', async () => {
    const raster = await rasterOf(SHADED_END);
    const svg = traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
    const fills = shapes(svg);
    // Before, the ramp came back as 7 stripes of flat colour beside the green (8 flat shapes, no
    // gradient): its bands are the region's minority, and green is not the region's alone.
    expect(svg.match(/<linearGradient /g)).toHaveLength(1);
    expect(fills.filter((f) => f.startsWith('url(#'))).toHaveLength(1);
    expect(fills.filter((f) => f.startsWith('#'))).toEqual(['#21d789']);
    // The gradient runs from the green into the magenta along x.
    const stops = [...svg.matchAll(/stop-color="#([0-9a-f]{6})"/g)].map((m) => parseInt(m[1].slice(0, 2), 16));
    expect(stops[0]).toBeLessThan(80);
    expect(stops[stops.length - 1]).toBeGreaterThan(200);
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.99);
  });
});
