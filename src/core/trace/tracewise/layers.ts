import type { Mixture } from './mixture';
import { forEachNeighbour8 } from './neighbours';

/**
 * Bottom-to-top drawing order: colours whose pixels span a larger box go lower (a badge under its
 * text, an outline's disc under its fill), ties broken by pixel count. Each layer is later drawn
 * as the union of itself and the opaque layers above it, so upper shapes always sit on a solid
 * underlay and no hairline seam can open between neighbours at any zoom.
 */
export function stackingOrder(layers: { box: { x0: number; y0: number; x1: number; y1: number }; pixels: number }[]): number[] {
  const boxArea = (p: (typeof layers)[number]) => (p.box.x1 - p.box.x0 + 1) * (p.box.y1 - p.box.y0 + 1);
  return layers
    .map((entry, index) => ({ index, area: boxArea(entry), pixels: entry.pixels }))
    .sort((a, b) => b.area - a.area || b.pixels - a.pixels)
    .map((entry) => entry.index);
}

/**
 * Coverage (0–1 per pixel) of the shape drawn for the layer at `rank`: its own colours (one, or a
 * gradient's bands) plus every opaque colour above it. Upper regions that do not touch this colour at all are left out again:
 * including them would only duplicate their outlines in this layer's path. Returned with the
 * layer's own share of it (the rest is the opaque layers above), which tells which stretches of
 * the union's outline are hidden under them (hiddenChords).
 */
export function layerCoverages(
  mixture: Mixture,
  rankOfColour: Int16Array,
  opaque: boolean[],
  rank: number,
  width: number,
  height: number,
): { coverage: Float32Array; own: Float32Array } {
  const count = width * height;
  const coverage = new Float32Array(count);
  const own = new Float32Array(count);
  const { first, second, t } = mixture;
  const add = (p: number, colour: number, weight: number): void => {
    if (colour < 0 || weight === 0) return;
    const r = rankOfColour[colour];
    if (r === rank) own[p] += weight;
    else if (r > rank && opaque[colour]) coverage[p] += weight;
  };
  for (let p = 0; p < count; p++) {
    add(p, first[p], 1 - t[p]);
    add(p, second[p], t[p]);
    coverage[p] += own[p];
  }
  dropForeignComponents(coverage, own, width, height);
  return { coverage, own };
}

/** 8-connected components of coverage ≥ ½ with no pixel of the layer's own colour ≥ ½ fall back
 * to the own coverage alone (which is below ½ there, so nothing is traced). */
function dropForeignComponents(coverage: Float32Array, own: Float32Array, width: number, height: number): void {
  const label = new Int32Array(coverage.length).fill(-1);
  const stack: number[] = [];
  const members: number[] = [];
  let start = 0;
  // One closure for the whole labelling, not one per pixel (this runs over every pixel per layer).
  const join = (q: number): void => {
    if (label[q] === -1 && coverage[q] >= 0.5) {
      label[q] = start;
      stack.push(q);
    }
  };
  for (; start < coverage.length; start++) {
    if (label[start] !== -1 || coverage[start] < 0.5) continue;
    members.length = 0;
    let hasOwn = false;
    label[start] = start;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      members.push(p);
      if (own[p] >= 0.5) hasOwn = true;
      forEachNeighbour8(p, width, height, join);
    }
    if (!hasOwn) for (const p of members) coverage[p] = own[p];
  }
}
