import type { Raster } from '../../types';
import { distanceSq, premultipliedAt, type Premul } from './colour';

/**
 * Each pixel explained as a blend of at most two palette colours: (1 − t)·first + t·second.
 * Index −1 is transparency, the colour (0,0,0,0). An anti-aliased edge pixel between red and
 * white comes out as red/white with t = how much of the pixel the white shape covers, which is
 * what lets contours be placed with sub-pixel accuracy.
 */
export interface Mixture {
  first: Int16Array;
  second: Int16Array;
  t: Float32Array;
  /** Squared distance to the nearest single palette colour: how far flat shapes (which render as
   * hard steps between colours, blends only at their edges) are from the pixel. */
  flatError: Float32Array;
}

const TRANSPARENT: Premul = [0, 0, 0, 0];
/** Considering the 4 nearest colours is enough: a pixel blends neighbouring shapes. */
const CANDIDATES = 4;

export function explainPixels(raster: Raster, palette: Premul[]): Mixture {
  const count = raster.width * raster.height;
  const mixture: Mixture = {
    first: new Int16Array(count),
    second: new Int16Array(count),
    t: new Float32Array(count),
    flatError: new Float32Array(count),
  };
  const colours = [TRANSPARENT, ...palette]; // index k here is palette index k − 1
  const cache = new Map<number, [number, number, number, number, number]>();
  const data = raster.data;
  const residuals = new Float32Array(count);
  for (let p = 0; p < count; p++) {
    const o = p * 4;
    // Logos repeat few exact colours: most pixels are answered from the cache.
    const key = data[o + 3] === 0 ? -1 : ((data[o] << 24) | (data[o + 1] << 16) | (data[o + 2] << 8) | data[o + 3]) >>> 0;
    let answer = cache.get(key);
    if (!answer) {
      answer = bestBlend(premultipliedAt(data, o), colours);
      cache.set(key, answer);
    }
    mixture.first[p] = answer[0] - 1;
    mixture.second[p] = answer[1] - 1;
    mixture.t[p] = answer[2];
    mixture.flatError[p] = answer[4];
    residuals[p] = answer[3];
  }
  blendNeighbourColours(raster, colours, mixture, residuals);
  return mixture;
}

/** Only pixels that their nearest colours explain worse than this (squared) look for the pure
 * colours around them. */
const NEIGHBOUR_PAIR_ABOVE = 4;
/** How far (px) around a pixel pure colours are looked for: an anti-aliased edge is 1–2 px wide. */
const NEIGHBOUR_REACH = 2;

/**
 * The nearest colours are not always the ones blended: a grey edge pixel between white text and a
 * black square is nearer to a teal or a pink of the same logo than to black or white, and was
 * explained as a blend of those (its outline then bumps along the letter). A pixel that its
 * nearest colours explain badly is also tried as a blend of any two colours seen pure (within
 * rounding of a palette colour) within NEIGHBOUR_REACH px: that is what an edge blends.
 */
function blendNeighbourColours(raster: Raster, colours: Premul[], mixture: Mixture, residuals: Float32Array): void {
  const { width, height, data } = raster;
  const pure = (q: number) => mixture.first[q] === mixture.second[q] && residuals[q] < 4;
  const seen: number[] = [];
  for (let p = 0; p < residuals.length; p++) {
    if (residuals[p] <= NEIGHBOUR_PAIR_ABOVE) continue;
    const x = p % width;
    const y = (p - x) / width;
    seen.length = 0;
    for (let ny = Math.max(0, y - NEIGHBOUR_REACH); ny <= Math.min(height - 1, y + NEIGHBOUR_REACH); ny++) {
      for (let nx = Math.max(0, x - NEIGHBOUR_REACH); nx <= Math.min(width - 1, x + NEIGHBOUR_REACH); nx++) {
        const q = ny * width + nx;
        if (pure(q) && !seen.includes(mixture.first[q] + 1)) seen.push(mixture.first[q] + 1);
      }
    }
    if (seen.length < 2) continue;
    const c = premultipliedAt(data, p * 4);
    let best: [number, number, number] | null = null;
    let bestResidual = residuals[p];
    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++) {
        const [t, residual] = project(c, colours[seen[i]], colours[seen[j]]);
        if (residual < bestResidual) [best, bestResidual] = [[seen[i], seen[j], t], residual];
      }
    }
    if (!best) continue;
    const [first, second, t] = alphaExact(c, best, colours);
    mixture.first[p] = first - 1;
    mixture.second[p] = second - 1;
    mixture.t[p] = t;
    residuals[p] = bestResidual;
  }
}

/** The best blend for one colour: [first, second, t, squared residual, squared distance to the
 * nearest colour], indices into `colours`. */
export function bestBlend(c: Premul, colours: Premul[]): [number, number, number, number, number] {
  const ranked = colours
    .map((colour, index) => ({ index, d: distanceSq(c, colour) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, CANDIDATES);
  // A partly transparent pixel is almost always a shape's edge over nothing. Among many similar
  // colours (a gradient's bands) transparency can rank below the 4 nearest, and the pixel would
  // be explained as a blend of two bands — a whole pixel of coverage, a staircase outline.
  const transparent = colours.findIndex((colour) => colour[3] === 0);
  if (c[3] < 254.5 && transparent >= 0 && !ranked.some((r) => r.index === transparent)) {
    ranked.push({ index: transparent, d: distanceSq(c, colours[transparent]) });
  }
  let best: [number, number, number] = [ranked[0].index, ranked[0].index, 0];
  let bestResidual = ranked[0].d;
  const nearest = ranked[0].d;
  if (bestResidual < 4) return [...best, bestResidual, nearest]; // within rounding of a palette colour
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const u = colours[ranked[i].index];
      const v = colours[ranked[j].index];
      const [t, residual] = project(c, u, v);
      if (residual < bestResidual) {
        bestResidual = residual;
        best = [ranked[i].index, ranked[j].index, t];
      }
    }
  }
  return [...alphaExact(c, best, colours), bestResidual, nearest];
}

/** Over nothing, an opaque shape's coverage of a pixel is exactly the pixel's alpha, whatever
 * its colour (a gradient's colour is never exactly one of its bands). */
function alphaExact(c: Premul, [first, second, t]: [number, number, number], colours: Premul[]): [number, number, number] {
  if (first === second) return [first, second, t];
  if (colours[first][3] === 0 && colours[second][3] >= 254.5) return [first, second, c[3] / 255];
  if (colours[second][3] === 0 && colours[first][3] >= 254.5) return [first, second, 1 - c[3] / 255];
  return [first, second, t];
}

/** Closest point to c on the segment u→v: its parameter and squared distance. */
export function project(c: Premul, u: Premul, v: Premul): [number, number] {
  let dot = 0;
  let length = 0;
  for (let k = 0; k < 4; k++) {
    const e = v[k] - u[k];
    dot += (c[k] - u[k]) * e;
    length += e * e;
  }
  const t = length === 0 ? 0 : Math.min(1, Math.max(0, dot / length));
  let residual = 0;
  for (let k = 0; k < 4; k++) {
    const d = c[k] - (u[k] + t * (v[k] - u[k]));
    residual += d * d;
  }
  return [t, residual];
}

/** How much of each palette colour the pixels hold (all pixels when none are given): a pixel
 * counts 1 − t towards its first colour and t towards its second. */
export function colourWeights(mixture: Mixture, paletteSize: number, pixels?: Iterable<number>): Float64Array {
  const weights = new Float64Array(paletteSize);
  const add = (p: number): void => {
    if (mixture.first[p] >= 0) weights[mixture.first[p]] += 1 - mixture.t[p];
    if (mixture.second[p] >= 0) weights[mixture.second[p]] += mixture.t[p];
  };
  if (pixels) for (const p of pixels) add(p);
  else for (let p = 0; p < mixture.t.length; p++) add(p);
  return weights;
}

/** The colour a pixel is mostly (−1: transparency). */
export function dominantColour(mixture: Mixture, p: number): number {
  return mixture.t[p] < 0.5 ? mixture.first[p] : mixture.second[p];
}
