import type { Raster } from '../../types';
import { solveLinear } from './linearSolve';
import { colourRange, type SmoothRegion } from './smoothRegions';

/** A pixel joins a facet when its colour is within this (any premultiplied channel) of the
 * facet's colour surface at that point: rounding and a facet edge's anti-aliasing stay below it. */
const SURFACE_TOLERANCE = 8;
/** Seeds are windows of (2·SEED_RADIUS + 1)² pixels, tried every SEED_STEP pixels. */
const SEED_RADIUS = 2;
const SEED_STEP = 3;
/** The surface is refitted whenever the facet has grown by this factor since the last fit. */
const REFIT_GROWTH = 1.25;

/**
 * Splits a smooth region that no one gradient fits into facets, each shaded by a smooth colour
 * surface (see SurfaceFit). Facets shaded through the same colours in different directions meet
 * where their colours cross and join there into one smooth region, a shape no gradient explains,
 * so it came out as stripes of flat colour. Here facets are grown breadth-first from seed windows,
 * taking a neighbour while the facet's surface (refitted as it grows) predicts its colour; growth
 * stops where the shading turns, which a facet's edge does.
 * Pixels in no facet of at least `minPixels` are left out; they keep their palette colours.
 */
export function splitFacets(raster: Raster, region: SmoothRegion, minPixels: number): SmoothRegion[] {
  const { width, data } = raster;
  const state = new Int8Array(raster.width * raster.height); // 0 outside, 1 free, 2 taken
  for (const p of region.pixels) state[p] = 1;
  const colour = (p: number, k: number): number => (data[p * 4 + k] * data[p * 4 + 3]) / 255;
  const facets: SmoothRegion[] = [];
  // Pixels of a facet too small to keep are free again for other facets to grow into, but seed
  // none: growing the same small facet again from each of them made the split quadratic.
  const spent = new Uint8Array(state.length);
  for (let i = 0; i < region.pixels.length; i += SEED_STEP) {
    if (spent[region.pixels[i]]) continue;
    const seed = seedWindow(region.pixels[i], state, raster);
    if (!seed) continue;
    const surface = new SurfaceFit(seed[0] % width, (seed[0] - (seed[0] % width)) / width);
    for (const p of seed) surface.add(p % width, (p - (p % width)) / width, colour(p, 0), colour(p, 1), colour(p, 2));
    surface.solve();
    if (seed.some((p) => !surface.predicts(p % width, (p - (p % width)) / width, colour(p, 0), colour(p, 1), colour(p, 2)))) continue;
    const grown = grow(seed, surface, state, raster, colour);
    if (grown.length >= minPixels) {
      const pixels = Uint32Array.from(grown).sort();
      facets.push({ pixels, range: colourRange(data, pixels) });
    } else {
      for (const p of grown) {
        state[p] = 1;
        spent[p] = 1;
      }
    }
  }
  return facets;
}

function seedWindow(centre: number, state: Int8Array, raster: Raster): number[] | null {
  const { width, height } = raster;
  const x = centre % width;
  const y = (centre - x) / width;
  if (x < SEED_RADIUS || y < SEED_RADIUS || x + SEED_RADIUS >= width || y + SEED_RADIUS >= height) return null;
  const window: number[] = [];
  for (let dy = -SEED_RADIUS; dy <= SEED_RADIUS; dy++) {
    for (let dx = -SEED_RADIUS; dx <= SEED_RADIUS; dx++) {
      const p = centre + dy * width + dx;
      if (state[p] !== 1) return null;
      window.push(p);
    }
  }
  return window;
}

function grow(seed: number[], surface: SurfaceFit, state: Int8Array, raster: Raster, colour: (p: number, k: number) => number): number[] {
  const { width, height } = raster;
  const taken = [...seed];
  for (const p of seed) state[p] = 2;
  let fittedAt = taken.length;
  // One closure for the whole growth, not one per pixel taken.
  const visit = (q: number, qx: number, qy: number): void => {
    if (state[q] !== 1) return;
    const [r, g, b] = [colour(q, 0), colour(q, 1), colour(q, 2)];
    if (!surface.predicts(qx, qy, r, g, b)) return;
    state[q] = 2;
    taken.push(q);
    surface.add(qx, qy, r, g, b);
  };
  for (let head = 0; head < taken.length; head++) {
    const p = taken[head];
    const x = p % width;
    const y = (p - x) / width;
    if (x > 0) visit(p - 1, x - 1, y);
    if (x + 1 < width) visit(p + 1, x + 1, y);
    if (y > 0) visit(p - width, x, y - 1);
    if (y + 1 < height) visit(p + width, x, y + 1);
    if (taken.length >= fittedAt * REFIT_GROWTH) {
      surface.solve();
      fittedAt = taken.length;
    }
  }
  return taken;
}

/** Shading terms: colour is fitted as a quadratic in x and y, which follows a linear gradient
 * exactly and a radial one closely, but not the crease where two facets meet. Coordinates are
 * relative to the seed and scaled by 1/SCALE, for well-conditioned sums. */
const TERMS = 6;
const SCALE = 32;
const termsAt = (x: number, y: number): number[] => [1, x, y, x * x, x * y, y * y];
/** Pivots below this leave the surface undetermined (a seed window's sums are of order 1 here). */
const SINGULAR_PIVOT = 1e-10;

/** Least-squares colour surfaces, one per channel, from running sums of the normal equations. */
class SurfaceFit {
  private readonly normal = new Float64Array(TERMS * TERMS);
  private readonly rhs = [0, 1, 2].map(() => new Float64Array(TERMS));
  private coefficients: Float64Array[] = [0, 1, 2].map(() => new Float64Array(TERMS));

  constructor(
    private readonly x0: number,
    private readonly y0: number,
  ) {}

  add(px: number, py: number, r: number, g: number, b: number): void {
    const terms = termsAt((px - this.x0) / SCALE, (py - this.y0) / SCALE);
    for (let i = 0; i < TERMS; i++) {
      for (let j = 0; j < TERMS; j++) this.normal[i * TERMS + j] += terms[i] * terms[j];
      this.rhs[0][i] += terms[i] * r;
      this.rhs[1][i] += terms[i] * g;
      this.rhs[2][i] += terms[i] * b;
    }
  }

  /** Solves the normal equations (shared by the channels); keeps the last solution when singular. */
  solve(): void {
    const solved = [0, 1, 2].map((k) => solveLinear(this.normal, this.rhs[k], SINGULAR_PIVOT));
    if (solved.every((c) => c !== null)) this.coefficients = solved as Float64Array[];
  }

  predicts(px: number, py: number, r: number, g: number, b: number): boolean {
    const x = (px - this.x0) / SCALE;
    const y = (py - this.y0) / SCALE;
    const [xx, xy, yy] = [x * x, x * y, y * y];
    const [cr, cg, cb] = this.coefficients;
    return !(offSurface(cr, x, y, xx, xy, yy, r) || offSurface(cg, x, y, xx, xy, yy, g) || offSurface(cb, x, y, xx, xy, yy, b));
  }
}

/** Whether one channel's surface misses a value by more than SURFACE_TOLERANCE at (x, y). */
function offSurface(c: Float64Array, x: number, y: number, xx: number, xy: number, yy: number, value: number): boolean {
  return Math.abs(c[0] + c[1] * x + c[2] * y + c[3] * xx + c[4] * xy + c[5] * yy - value) > SURFACE_TOLERANCE;
}
