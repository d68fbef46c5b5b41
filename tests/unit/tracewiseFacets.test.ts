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

const gradient = (id: string, x1: number, y1: number, x2: number, y2: number) =>
  `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" gradientUnits="userSpaceOnUse">` +
  '<stop offset="0" stop-color="#ff318c"/><stop offset=".5" stop-color="#8b5cf6"/><stop offset="1" stop-color="#21d789"/></linearGradient>';

/** Three facets shaded through the same three colours, each in its own direction, so every band
 * of colour lies in several facets; `outlines` are the facets' path data. */
const facetIcon = (outlines: [string, string, string]) =>
  '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">' +
  `<defs>${gradient('a', 20, 20, 140, 230)}${gradient('b', 236, 30, 110, 200)}${gradient('c', 60, 236, 220, 120)}</defs>` +
  outlines.map((d, i) => `<path d="${d}" fill="url(#${'abc'[i]})"/>`).join('') +
  '</svg>';

/** A JetBrains-style icon whose facets lie apart. */
const FACETS = facetIcon(['M20 40 120 20 100 236 30 200z', 'M130 26 236 60 226 130 118 130z', 'M112 236 118 142 236 142 220 236z']);

/** Facets that overlap: where their colours cross at an edge they join into one smooth region,
 * which no one gradient fits. */
const TOUCHING = facetIcon(['M20 40 140 20 120 236 30 200z', 'M130 26 236 60 220 180 118 140z', 'M60 236 100 150 236 140 200 236z']);

describe('tracewise on faceted gradient art', () => {
  beforeAll(() => loadRenderer(nodeHost));

  it('splits facets that touch along a stretch of equal colour, and draws each with its own gradient', async () => {
    const raster = await rasterOf(TOUCHING);
    const svg = traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
    // Drawn as bands: no gradient and 11 flat-coloured shapes (34 KB); split, the facets' gradients
    // (several per facet where its shading turns) with at most a sliver or two of flat colour (8.6 KB).
    expect((svg.match(/<linearGradient |<radialGradient /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect((svg.match(/<path fill="#/g) ?? []).length).toBeLessThanOrEqual(2);
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.98);
  });

  it('draws facets that share their colours as shapes with their own gradients, not as stripes of flat colour', async () => {
    const raster = await rasterOf(FACETS);
    const svg = traceToSvg(raster, { ...TRACEWISE_DEFAULTS }, 1);
    // One gradient per facet, and no flat-coloured shape: drawn as bands, the same picture took
    // 2 gradients and 8 stripes of flat colour (11.3 KB; this is 3.5 KB).
    expect(svg.match(/<linearGradient /g)).toHaveLength(3);
    expect(svg).not.toMatch(/<path fill="#/);
    expect(scoreRaster(raster, renderSvg(svg, 256, 256)).ssim).toBeGreaterThan(0.98);
    // With the facet drawings switched off (tier 3's later candidates), the stripes are back.
    expect(traceToSvg(raster, { ...TRACEWISE_DEFAULTS, facets: false }, 1)).toMatch(/<path fill="#/);
  });
});
