import type { Raster } from '../../types';
import type { Premul } from './colour';
import type { FittedRegion, GradientGroup } from './gradientGroups';
import { regionBox } from './regionBox';
import { colourWeights, type Mixture } from './mixture';
import type { PaletteColour } from './palette';

/** A band colour goes to the owned regions when at least this share of its pixels lies in them. */
const BAND_SHARE = 0.6;

/**
 * Gives each fitted region whose bands no gradient group could claim a colour of its own. Logos
 * built of facets, each shaded by its own gradient through the same few colours (JetBrains'
 * product icons, a cut gem), share every band between facets: no band lies mostly inside one
 * facet, and the facets came out as stripes of flat colour. Here each such region's pixels go to
 * a new palette colour (its mean, which only orders and names the layer) that forms a gradient
 * group with the region's fit; the bands that lie mostly inside these regions together join the
 * group holding most of their pixels, so their scraps along the facets' edges are drawn in a
 * facet's gradient instead of as slivers of flat colour. Mutates `palette` and `mixture`.
 */
export function ownRegions(raster: Raster, palette: PaletteColour[], mixture: Mixture, claimed: GradientGroup[], unclaimed: FittedRegion[]): GradientGroup[] {
  if (unclaimed.length === 0) return [];
  const bands = palette.length;
  const taken = new Set(claimed.flatMap((g) => g.members));
  const total = colourWeights(mixture, bands);
  const inside = unclaimed.map(({ region }) => colourWeights(mixture, bands, region.pixels));
  const groups: GradientGroup[] = unclaimed.map(({ region, fit }) => {
    const index = palette.length;
    palette.push({ colour: meanColour(raster, region.pixels), pixels: region.pixels.length, box: regionBox(raster.width, region.pixels) });
    for (const p of region.pixels) {
      mixture.first[p] = index;
      mixture.second[p] = index;
      mixture.t[p] = 0;
    }
    return { paint: fit.paint, members: [index] };
  });
  for (let c = 0; c < bands; c++) {
    if (taken.has(c) || total[c] === 0) continue;
    const shares = inside.map((counts) => counts[c] / total[c]);
    if (shares.reduce((a, b) => a + b, 0) < BAND_SHARE) continue;
    groups[shares.indexOf(Math.max(...shares))].members.push(c);
  }
  return groups;
}

function meanColour(raster: Raster, pixels: Uint32Array): Premul {
  const sum = [0, 0, 0, 0];
  for (const p of pixels) {
    const alpha = raster.data[p * 4 + 3];
    for (let k = 0; k < 3; k++) sum[k] += (raster.data[p * 4 + k] * alpha) / 255;
    sum[3] += alpha;
  }
  return sum.map((v) => v / pixels.length) as Premul;
}
