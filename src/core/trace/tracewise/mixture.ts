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

/** A blend this close (squared) explains the pixel within rounding. */
export const EXACT_RESIDUAL = 4;
/** How far (px) around a pixel pure colours are looked for: an anti-aliased edge is 1–2 px wide… */
const PURE_REACH = 2;
/** …and colours inside flat areas (which start a pixel further from the edge). */
const INSIDE_REACH = 3;

/**
 * The nearest colours are not always the ones blended, so each pixel is checked against the
 * colours shown pure (within rounding of a palette colour) a few pixels around it: that is what
 * an edge blends.
 * - A grey edge pixel between white text and a black square is nearer to a teal or a pink of the
 *   same logo than to black or white, and was explained as a blend of those (the letters' outlines
 *   then bumped): a pixel explained worse than rounding takes the best blend of two colours
 *   around it when that is better.
 * - In a logo drawn in shades of one hue, the edge between the darkest and the lightest shade
 *   matches a middle shade (or a blend of two others) exactly, and a staircase of that shade's
 *   pixels ran along every such edge: a pixel explained by colours that show nowhere around it
 *   takes a blend of colours that do, when that also explains it within rounding.
 */
function blendNeighbourColours(raster: Raster, colours: Premul[], mixture: Mixture, residuals: Float32Array): void {
  const { width, height, data } = raster;
  const count = residuals.length;
  // Each pixel's pure colour (an index into colours) or −1, taken before any pixel changes…
  const pureAt = new Int16Array(count).fill(-1);
  for (let p = 0; p < count; p++) if (mixture.first[p] === mixture.second[p] && residuals[p] < EXACT_RESIDUAL) pureAt[p] = mixture.first[p] + 1;
  // …and where its four neighbours share it: inside a flat area, not a sliver along an edge (a
  // run of middle-shade edge pixels would otherwise vouch for each other).
  const insideAt = new Int16Array(count).fill(-1);
  for (let p = 0; p < count; p++) {
    const x = p % width;
    const colour = pureAt[p];
    if (colour >= 0 && (x === 0 || pureAt[p - 1] === colour) && (x === width - 1 || pureAt[p + 1] === colour) && (p < width || pureAt[p - width] === colour) && (p + width >= count || pureAt[p + width] === colour)) insideAt[p] = colour;
  }
  const seen: number[] = [];
  for (let p = 0; p < count; p++) {
    const own = pureAt[p];
    const x = p % width;
    // Inside a flat area, or on its rim: a pure pixel beside its own colour's inside is explained.
    if (own >= 0 && (insideAt[p] === own || (x > 0 && insideAt[p - 1] === own) || (x < width - 1 && insideAt[p + 1] === own) || insideAt[p - width] === own || insideAt[p + width] === own)) continue;
    const y = (p - x) / width;
    // A badly explained pixel may blend any colour shown pure nearby (a 2 px outline has no
    // inside); one explained by foreign colours only those of flat areas around it.
    const explained = residuals[p] <= EXACT_RESIDUAL;
    const [around, reach] = explained ? [insideAt, INSIDE_REACH] : [pureAt, PURE_REACH];
    seen.length = 0;
    for (let ny = Math.max(0, y - reach); ny <= Math.min(height - 1, y + reach); ny++) {
      for (let nx = Math.max(0, x - reach); nx <= Math.min(width - 1, x + reach); nx++) {
        const colour = around[ny * width + nx];
        if (colour >= 0 && !seen.includes(colour)) seen.push(colour);
      }
    }
    if (seen.length < 2 || (explained && seen.includes(mixture.first[p] + 1) && seen.includes(mixture.second[p] + 1))) continue;
    // A seam: where two opaque shapes abut over nothing, each covers the shared edge pixel only in
    // part (a and 1 − a), and the pixel shows 1 − a·(1 − a) ≥ 3/4 of cover, no transparency around.
    // A real gap between them leaves a pixel at most half covered beside it.
    const seam = (mixture.first[p] < 0 || mixture.second[p] < 0) && seamAt(data, x, y, width, height) && seen.every((k) => colours[k][3] >= 254.5);
    const c: Premul = seam ? [data[p * 4], data[p * 4 + 1], data[p * 4 + 2], 255] : premultipliedAt(data, p * 4);
    let best: [number, number, number] | null = null;
    let bestResidual = seam ? SEAM_RESIDUAL : explained ? EXACT_RESIDUAL : residuals[p];
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

/**
 * Seam pixels and their eight neighbours keep at least this cover (3/4 in theory; anti-aliasing
 * rounds). Train split, tier 2: 150 saved 0.5% of bytes at equal mean SSIM, 180 a little less;
 * with no bound on the neighbours it also closed real narrow gaps (emojione-house −0.0040 SSIM).
 */
const SEAM_MIN_ALPHA = 150;
/** A seam pixel made opaque is a blend of the colours around it within this (squared). */
const SEAM_RESIDUAL = 16;

function seamAt(data: Uint8ClampedArray, x: number, y: number, width: number, height: number): boolean {
  const alpha = data[(y * width + x) * 4 + 3];
  if (alpha < SEAM_MIN_ALPHA || alpha === 255) return false;
  for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
    for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) if (data[(ny * width + nx) * 4 + 3] < SEAM_MIN_ALPHA) return false;
  }
  return true;
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
  if (bestResidual < EXACT_RESIDUAL) return [...best, bestResidual, nearest]; // within rounding of a palette colour
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
