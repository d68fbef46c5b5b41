import type { Contour } from './contours';

/** Pixels showing any of the layer's own colour (an anti-aliased rim included)… */
const OWN_TRACE = 0.02;
/** …within this many pixels of one it covers at least OWN_SOLID: an own colour's anti-aliased rim
 * borders its solid pixels. Elsewhere a small share is the two-colour mixture's approximation of
 * an upper gradient's pixels (the gradient blended with the nearest other colour, often this
 * layer's, where the fit is a little off), and marked most of an upper gradient shape's rim
 * as visible, keeping the lower layer's outline along all of it. */
const OWN_SUPPORT = 2;
const OWN_SOLID = 0.5;
/** …keep the outline this many pixels (Chebyshev) away, so the layer still lies under the upper
 * shapes' anti-aliased rims wherever it shows: no seam can open there. */
const OWN_MARGIN = 1;
/** A chord's points must lie where the upper shapes' coverage, interpolated between pixel
 * centres, is at least this (their drawn outlines are fitted within the curve tolerance and
 * smoothed in gradient images, so the ½ level itself is not safe)… */
const UPPER_DEEP = 0.75;
/** …but for its first and last END_REACH px, where it leaves the contour, only ½ (and nothing
 * for the first half pixel, which may sit on the outside pixel the contour point borders). */
const UPPER_LEVEL = 0.5;
const END_REACH = 1.5;
/** Chords replacing fewer contour points are not worth the corners they add. */
const MIN_POINTS = 4;
/** Chords span at most this many contour points (about as many pixels), bounding the search. */
const MAX_REACH = 160;
/** The search tries every SEARCH_STEP-th chord end, and moves on SKIP points where none fits:
 * half the search time (five heavy emoji, 676 → 337 ms) for 7% of the bytes saved (train gradient
 * + complex: 509.1 → 513.1 KB, from 568.0). */
const SEARCH_STEP = 2;
const SKIP = 3;
/** Spacing (px) of the points written along a chord, so the fitter sees it as a straight run. */
const STEP = 1;

/** What a lower layer's outline may be cut through, over the box its contours span (x0, y0,
 * width, height): pixels far from its own colour, and how much the opaque layers above it cover
 * each pixel. */
export interface HiddenArea {
  x0: number;
  y0: number;
  width: number;
  height: number;
  far: Uint8Array;
  blockedBefore: Int32Array;
  upper: Float32Array;
}

/** `union` is the layer's own coverage plus the opaque layers' above it, `box` the pixels its
 * contours span (the arrays are built only there: a layer is often small in a large image). */
export function hiddenArea(
  union: Float32Array,
  own: Float32Array,
  imageWidth: number,
  imageHeight: number,
  box: { x0: number; y0: number; x1: number; y1: number },
): HiddenArea {
  // Own pixels up to OWN_MARGIN outside the box still mark pixels inside it as near.
  const pad = OWN_MARGIN + 2;
  const x0 = Math.max(0, box.x0 - pad);
  const y0 = Math.max(0, box.y0 - pad);
  const width = Math.min(imageWidth, box.x1 + pad + 1) - x0;
  const height = Math.min(imageHeight, box.y1 + pad + 1) - y0;
  const ownTrace = new Uint8Array(width * height);
  const upper = new Float32Array(width * height);
  const solid = nearSolidOwn(own, imageWidth, imageHeight, { x0, y0, x1: x0 + width - 1, y1: y0 + height - 1 });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y + y0) * imageWidth + x + x0;
      ownTrace[y * width + x] = own[p] > OWN_TRACE && solid.at(x + x0, y + y0) ? 1 : 0;
      upper[y * width + x] = union[p] - own[p];
    }
  }
  const near = dilate(ownTrace, width, height, OWN_MARGIN);
  // Per row, how many pixels left of each are near the own colour or outside the union, a hole
  // in the upper shapes (for enclosesVisible's spans).
  const blockedBefore = new Int32Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      blockedBefore[y * (width + 1) + x + 1] = blockedBefore[y * (width + 1) + x] + (near[p] === 1 || upper[p] < UPPER_LEVEL ? 1 : 0);
    }
  }
  return { x0, y0, width, height, far: near.map((v) => 1 - v), blockedBefore, upper };
}

/**
 * Where a lower layer's outline (the union of its colour and the opaque shapes above it) runs
 * along an upper shape far from any of its own visible pixels, that stretch is hidden: it only
 * repeats the upper shape's border. Such stretches are cut short with straight chords that stay
 * inside the upper shapes and away from the own colour, so the visible edge is covered exactly
 * as before and the repeated curve is no longer written twice.
 */
export function cutHiddenStretches(contour: Contour, area: HiddenArea): Contour {
  const n = contour.length / 2;
  if (n < MIN_POINTS + 2) return contour;
  const hidden = new Uint8Array(n);
  for (let i = 0; i < n; i++) hidden[i] = hiddenPoint(contour[2 * i], contour[2 * i + 1], area) ? 1 : 0;
  const start = hidden.indexOf(0);
  if (start < 0) return contour; // nothing of the own colour borders it: leave it alone
  const out: number[] = [];
  let k = 0;
  while (k < n) {
    const i = (start + k) % n;
    if (!hidden[i]) {
      out.push(contour[2 * i], contour[2 * i + 1]);
      k++;
      continue;
    }
    // A hidden run from k to end-1 (in steps from `start`): greedily, the longest chord from
    // each point, searched from the far end (validity is not monotonic: a chord nearly tangent
    // to a convex rim hugs it, a longer one cuts deep inside).
    let end = k;
    while (end < n && hidden[(start + end) % n]) end++;
    let a = k;
    while (a < end) {
      const ia = (start + a) % n;
      let best = -1;
      for (let b = Math.min(end - 1, a + MAX_REACH); b >= a + MIN_POINTS; b -= SEARCH_STEP) {
        const ib = (start + b) % n;
        if (chordInside(contour[2 * ia], contour[2 * ia + 1], contour[2 * ib], contour[2 * ib + 1], area) && !enclosesVisible(contour, start, a, b, area)) {
          best = b;
          break;
        }
      }
      if (best < 0) {
        // No chord from here: neither from its next neighbours, mostly (a thin upper shape, a
        // concave stretch), so a few points are kept as they are before the next search.
        for (const stop = Math.min(end, a + SKIP); a < stop; a++) out.push(contour[2 * ((start + a) % n)], contour[2 * ((start + a) % n) + 1]);
        continue;
      }
      out.push(contour[2 * ia], contour[2 * ia + 1]);
      {
        const ib = (start + best) % n;
        const [ax, ay, bx, by] = [contour[2 * ia], contour[2 * ia + 1], contour[2 * ib], contour[2 * ib + 1]];
        const steps = Math.floor(Math.hypot(bx - ax, by - ay) / STEP);
        for (let s = 1; s < steps; s++) out.push(ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps);
        a = best;
      }
    }
    k = end;
  }
  return out.length === contour.length ? contour : Float64Array.from(out);
}

/** Whether the piece a chord would cut off (the contour from a to b, closed by the chord) holds
 * any pixel near the own colour (a pocket of it showing through a gap in the upper shapes) or
 * outside the union (a hole in them, whose own contour would then be filled instead of cut). */
function enclosesVisible(contour: Contour, start: number, a: number, b: number, area: HiddenArea): boolean {
  const n = contour.length / 2;
  const count = b - a + 1;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  let [y0, y1] = [Infinity, -Infinity];
  for (let k = 0; k < count; k++) {
    const i = (start + a + k) % n;
    xs[k] = contour[2 * i];
    ys[k] = contour[2 * i + 1];
    y0 = Math.min(y0, ys[k]);
    y1 = Math.max(y1, ys[k]);
  }
  const { width, height, blockedBefore } = area;
  // In the area's own pixel grid.
  y0 -= area.y0;
  y1 -= area.y0;
  const crossings: number[] = [];
  for (let py = Math.max(0, Math.ceil(y0 - 0.5)); py <= Math.min(height - 1, Math.floor(y1 - 0.5)); py++) {
    const cy = py + 0.5;
    crossings.length = 0;
    for (let k = 0; k < count; k++) {
      const l = (k + 1) % count; // the last edge is the chord
      const [ya, yb] = [ys[k] - area.y0, ys[l] - area.y0];
      if ((ya <= cy) !== (yb <= cy)) crossings.push(xs[k] - area.x0 + ((cy - ya) * (xs[l] - xs[k])) / (yb - ya));
    }
    crossings.sort((p, q) => p - q);
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      // Pixels whose centres x+½ lie between the two crossings.
      const from = Math.max(0, Math.ceil(crossings[c] - 0.5));
      const to = Math.min(width, Math.ceil(crossings[c + 1] - 0.5));
      if (to > from && blockedBefore[py * (width + 1) + to] - blockedBefore[py * (width + 1) + from] > 0) return true;
    }
  }
  return false;
}

function farAt(area: HiddenArea, x: number, y: number): boolean {
  const px = Math.floor(x) - area.x0;
  const py = Math.floor(y) - area.y0;
  return px >= 0 && py >= 0 && px < area.width && py < area.height && area.far[py * area.width + px] === 1;
}

/** Upper coverage interpolated between pixel centres (pixel (i, j) is centred at i+½, j+½). */
function upperAt(area: HiddenArea, x: number, y: number): number {
  const fx = x - 0.5 - area.x0;
  const fy = y - 0.5 - area.y0;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  const top = upperPixel(area, x0, y0) * (1 - tx) + upperPixel(area, x0 + 1, y0) * tx;
  const bottom = upperPixel(area, x0, y0 + 1) * (1 - tx) + upperPixel(area, x0 + 1, y0 + 1) * tx;
  return top * (1 - ty) + bottom * ty;
}

/** The upper coverage of one pixel of the area, 0 outside it. A plain function rather than a
 * closure per call: upperAt runs for every chord sample. */
function upperPixel(area: HiddenArea, i: number, j: number): number {
  return i < 0 || j < 0 || i >= area.width || j >= area.height ? 0 : area.upper[j * area.width + i];
}

/** A contour point lies on the union's ½ level, between an inside and an outside pixel: it is
 * hidden when no pixel around it is near the own colour. */
function hiddenPoint(x: number, y: number, area: HiddenArea): boolean {
  return farAt(area, x - 0.5, y - 0.5) && farAt(area, x + 0.5, y - 0.5) && farAt(area, x - 0.5, y + 0.5) && farAt(area, x + 0.5, y + 0.5);
}

/** Every point of the chord is far from the own colour and, but near its ends, deep inside the
 * upper shapes (see UPPER_DEEP). */
function chordInside(ax: number, ay: number, bx: number, by: number, area: HiddenArea): boolean {
  const length = Math.hypot(bx - ax, by - ay);
  const samples = Math.ceil(length / 0.4);
  // Coarse to fine (the middle, then the quarters, …): a chord that leaves the area mostly does
  // so far from its ends, and is rejected after a few samples. Each s is visited once.
  let stride = 1;
  while (stride * 2 < samples) stride *= 2;
  for (; stride >= 1; stride /= 2) {
    for (let s = stride; s < samples; s += 2 * stride) {
      const along = (s / samples) * length;
      const x = ax + ((bx - ax) * s) / samples;
      const y = ay + ((by - ay) * s) / samples;
      if (!farAt(area, x, y)) return false;
      const fromEnd = Math.min(along, length - along);
      const needed = fromEnd > END_REACH ? UPPER_DEEP : fromEnd > 0.5 ? UPPER_LEVEL : 0;
      if (needed > 0 && upperAt(area, x, y) < needed) return false;
    }
  }
  return true;
}

/** Whether each pixel of `box` lies within OWN_SUPPORT px (Chebyshev) of one the layer's own colour
 * covers at least OWN_SOLID: a small own share far from any is the mixture's doing, not the colour
 * showing. The solid pixels are taken from the box widened by OWN_SUPPORT, so that those just
 * outside it count too. */
function nearSolidOwn(own: Float32Array, imageWidth: number, imageHeight: number, box: { x0: number; y0: number; x1: number; y1: number }): { at(x: number, y: number): boolean } {
  const x0 = Math.max(0, box.x0 - OWN_SUPPORT);
  const y0 = Math.max(0, box.y0 - OWN_SUPPORT);
  const width = Math.min(imageWidth, box.x1 + OWN_SUPPORT + 1) - x0;
  const height = Math.min(imageHeight, box.y1 + OWN_SUPPORT + 1) - y0;
  const solid = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) solid[y * width + x] = own[(y + y0) * imageWidth + x + x0] >= OWN_SOLID ? 1 : 0;
  }
  const near = dilate(solid, width, height, OWN_SUPPORT);
  return { at: (x, y) => near[(y - y0) * width + x - x0] === 1 };
}

/** Square dilation by `radius` pixels, separably. */
function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const rows = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (let dx = Math.max(0, x - radius); dx <= Math.min(width - 1, x + radius); dx++) rows[y * width + dx] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!rows[y * width + x]) continue;
      for (let dy = Math.max(0, y - radius); dy <= Math.min(height - 1, y + radius); dy++) out[dy * width + x] = 1;
    }
  }
  return out;
}
