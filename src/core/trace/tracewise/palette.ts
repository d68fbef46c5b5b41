import type { Raster } from '../../types';
import { distanceSq, premultipliedAt, type Premul } from './colour';
import { bestBlend } from './mixture';
import type { TracewiseParams } from './params';

export interface PaletteColour {
  colour: Premul;
  /** Pixels assigned to this colour while refining (interior pixels only). */
  pixels: number;
  /** Bounding box of those pixels, for the stacking order. */
  box: { x0: number; y0: number; x1: number; y1: number };
}

/** Neighbours within this distance (per channel) make a pixel "interior" to a flat area. */
const FLAT_NEIGHBOUR_DELTA = 6;

/**
 * Finds the image's flat colours. Only interior pixels vote — those that match most of their 8
 * neighbours — so anti-aliased edge pixels, which are blends of two colours, never become colours
 * of their own. Seeds come from a coarse histogram, most common first, skipping any within
 * `colourDistance` of one already chosen; a few k-means rounds then move each colour to the exact
 * mean of its pixels (for a flat logo: exactly its designer's colour).
 * Transparency is implicit (never in the palette).
 */
export function extractPalette(raster: Raster, params: TracewiseParams): PaletteColour[] {
  const interior = interiorPixels(raster);
  const seeds = histogramSeeds(raster, interior, params);
  const palette = refine(raster, interior, seeds, params);
  return params.thinColours > 0 ? [...palette, ...unexplainedColours(raster, palette, params)] : palette;
}

/**
 * Thin lines (a 1 px outline, a hairline stroke) have no interior pixels, so the first pass never
 * sees their colour and would draw them in a neighbour's. Pixels that no blend of two palette
 * colours explains within `colourDistance` are pooled by colour; the commonest pools become
 * colours too (at most `thinColours` more).
 */
function unexplainedColours(raster: Raster, palette: PaletteColour[], params: TracewiseParams): PaletteColour[] {
  const colours: Premul[] = [[0, 0, 0, 0], ...palette.map((p) => p.colour)];
  // Twice the merge distance: junctions of three colours are off every two-colour blend by a
  // little; a thin line's own colour is off by a lot.
  const limit = (2 * params.colourDistance) ** 2;
  const pools = new Map<number, DistinctColour>();
  const cache = new Map<number, number>();
  const { width, data } = raster;
  for (let o = 0; o < data.length; o += 4) {
    if (data[o + 3] === 0) continue;
    const key = ((data[o] << 24) | (data[o + 1] << 16) | (data[o + 2] << 8) | data[o + 3]) >>> 0;
    let residual = cache.get(key);
    if (residual === undefined) cache.set(key, (residual = bestBlend(premultipliedAt(data, o), colours)[3]));
    if (residual <= limit) continue;
    const c = premultipliedAt(data, o);
    const poolKey = ((c[0] >> 4) << 12) | ((c[1] >> 4) << 8) | ((c[2] >> 4) << 4) | (c[3] >> 4);
    const x = (o / 4) % width;
    const y = Math.floor(o / 4 / width);
    let pool = pools.get(poolKey);
    if (!pool) pools.set(poolKey, (pool = { colour: [0, 0, 0, 0], n: 0, box: { x0: x, y0: y, x1: x, y1: y } }));
    pool.n++;
    for (let k = 0; k < 4; k++) pool.colour[k] += c[k];
    pool.box = { x0: Math.min(pool.box.x0, x), y0: Math.min(pool.box.y0, y), x1: Math.max(pool.box.x1, x), y1: Math.max(pool.box.y1, y) };
  }
  const minPixels = Math.max(3, raster.width * raster.height * params.minColourShare);
  const added: PaletteColour[] = [];
  for (const pool of [...pools.values()].sort((a, b) => b.n - a.n)) {
    if (pool.n < minPixels || added.length >= params.thinColours) break;
    const colour = pool.colour.map((v) => v / pool.n) as Premul;
    if ([...colours, ...added.map((a) => a.colour)].some((c) => distanceSq(c, colour) <= limit)) continue;
    added.push({ colour, pixels: pool.n, box: pool.box });
  }
  return added;
}

function interiorPixels(raster: Raster): Uint32Array {
  const { width, height, data } = raster;
  const picked = new Uint32Array(width * height);
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (data[i + 3] === 0) continue;
      let similar = 0;
      let neighbours = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || x + dx < 0 || y + dy < 0 || x + dx >= width || y + dy >= height) continue;
          neighbours++;
          const j = i + (dy * width + dx) * 4;
          if (
            Math.abs(data[i] - data[j]) <= FLAT_NEIGHBOUR_DELTA &&
            Math.abs(data[i + 1] - data[j + 1]) <= FLAT_NEIGHBOUR_DELTA &&
            Math.abs(data[i + 2] - data[j + 2]) <= FLAT_NEIGHBOUR_DELTA &&
            Math.abs(data[i + 3] - data[j + 3]) <= FLAT_NEIGHBOUR_DELTA
          ) {
            similar++;
          }
        }
      }
      if (similar >= Math.min(6, neighbours - 1)) picked[count++] = i;
    }
  }
  return picked.subarray(0, count);
}

function histogramSeeds(raster: Raster, interior: Uint32Array, params: TracewiseParams): Premul[] {
  // 5 bits per colour channel, 2 bits of alpha: coarse enough to pool a flat area's noise.
  const bins = new Map<number, { n: number; sum: Premul }>();
  for (const i of interior) {
    const c = premultipliedAt(raster.data, i);
    const key = ((c[0] >> 3) << 17) | ((c[1] >> 3) << 12) | ((c[2] >> 3) << 7) | (c[3] >> 6);
    let bin = bins.get(key);
    if (!bin) bins.set(key, (bin = { n: 0, sum: [0, 0, 0, 0] }));
    bin.n++;
    for (let k = 0; k < 4; k++) bin.sum[k] += c[k];
  }
  // Three pixels keep one-pixel noise from becoming a colour; an image of one or two pixels is
  // all detail.
  const minPixels = Math.max(Math.min(3, raster.width * raster.height), raster.width * raster.height * params.minColourShare);
  const sorted = [...bins.values()].sort((a, b) => b.n - a.n);
  const seeds: Premul[] = [];
  const limit = params.colourDistance * params.colourDistance;
  for (const bin of sorted) {
    if (bin.n < minPixels || seeds.length >= params.maxColours) break;
    const mean = bin.sum.map((s) => s / bin.n) as Premul;
    if (seeds.every((seed) => distanceSq(seed, mean) > limit)) seeds.push(mean);
  }
  return seeds;
}

function refine(raster: Raster, interior: Uint32Array, seeds: Premul[], params: TracewiseParams): PaletteColour[] {
  // Interior pixels of a logo repeat a handful of exact colours: refine over distinct colours
  // with their counts and bounding boxes instead of over every pixel.
  const distinct = distinctColours(raster, interior);
  let palette = seeds;
  let stats: { n: number; sum: Premul; box: PaletteColour['box'] }[] = [];
  const reach = (2 * params.colourDistance) ** 2;
  for (let round = 0; round < 3; round++) {
    stats = palette.map(() => ({ n: 0, sum: [0, 0, 0, 0] as Premul, box: { x0: Infinity, y0: Infinity, x1: -1, y1: -1 } }));
    for (const entry of distinct) {
      let best = -1;
      let bestDistance = reach;
      for (let k = 0; k < palette.length; k++) {
        const d = distanceSq(entry.colour, palette[k]);
        if (d < bestDistance) [best, bestDistance] = [k, d];
      }
      if (best < 0) continue;
      const s = stats[best];
      s.n += entry.n;
      for (let k = 0; k < 4; k++) s.sum[k] += entry.colour[k] * entry.n;
      s.box.x0 = Math.min(s.box.x0, entry.box.x0);
      s.box.y0 = Math.min(s.box.y0, entry.box.y0);
      s.box.x1 = Math.max(s.box.x1, entry.box.x1);
      s.box.y1 = Math.max(s.box.y1, entry.box.y1);
    }
    palette = palette.map((p, k) => (stats[k].n > 0 ? (stats[k].sum.map((v) => v / stats[k].n) as Premul) : p));
  }
  return palette
    .map((colour, k) => ({ colour, pixels: stats[k].n, box: stats[k].box }))
    .filter((entry) => entry.pixels > 0);
}

interface DistinctColour {
  colour: Premul;
  n: number;
  box: PaletteColour['box'];
}

function distinctColours(raster: Raster, interior: Uint32Array): DistinctColour[] {
  const byKey = new Map<number, DistinctColour>();
  const data = raster.data;
  for (const i of interior) {
    const key = ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0;
    const pixel = i / 4;
    const x = pixel % raster.width;
    const y = (pixel - x) / raster.width;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { colour: premultipliedAt(data, i), n: 0, box: { x0: x, y0: y, x1: x, y1: y } }));
    entry.n++;
    if (x < entry.box.x0) entry.box.x0 = x;
    if (x > entry.box.x1) entry.box.x1 = x;
    if (y < entry.box.y0) entry.box.y0 = y;
    if (y > entry.box.y1) entry.box.y1 = y;
  }
  return [...byKey.values()];
}
