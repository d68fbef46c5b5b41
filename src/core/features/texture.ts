import type { WorkRaster } from './workRaster';

export interface TextureStats {
  edgeDensity: number;
  flatShare: number;
  smoothShare: number;
  smoothCoherence: number;
  smoothToEdge: number;
  smoothBlocksLog: number;
  verticalEdgeShare: number;
}

/** A channel step above this between neighbours is an edge (anti-aliased edges included). */
const EDGE_STEP = 48;
/** Smoothness is judged per block: at 256 px a linear gradient moves < 1 level a pixel, so single
 * pixel steps are mostly 0 and cannot tell shading from flat paint; a 4×4 block can. */
const BLOCK = 4;
/** A block is shading when it is not uniform yet no neighbour step inside exceeds this: an
 * anti-aliased edge between two fills always has one bigger step. */
const SMOOTH_STEP = 8;

const enum Block { Transparent = 0, Flat = 1, Smooth = 2, Detail = 3 }

/** Edges, flat paint and smooth shading, on the image composited over white. */
export function textureStats(work: WorkRaster): TextureStats {
  const { width, height, alpha, rgbOverWhite: c } = work;
  // Steps to the right and below, per pixel (0 past the last column/row).
  const n = width * height;
  const right = new Uint8Array(n);
  const down = new Uint8Array(n);
  let edges = 0;
  let verticalEdges = 0;
  const stride = width * 3;
  for (let y = 0; y < height; y++) {
    const hasDown = y < height - 1;
    for (let x = 0, i = y * width, j = i * 3; x < width; x++, i++, j += 3) {
      const r = x < width - 1 ? step(c, j, j + 3) : 0;
      const d = hasDown ? step(c, j, j + stride) : 0;
      right[i] = r;
      down[i] = d;
      if (r > EDGE_STEP || d > EDGE_STEP) {
        edges++;
        if (r >= d) verticalEdges++;
      }
    }
  }

  const bw = Math.floor(width / BLOCK);
  const bh = Math.floor(height / BLOCK);
  const kind = new Uint8Array(bw * bh);
  let opaque = 0, flat = 0, smooth = 0;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const k = blockKind(bx * BLOCK, by * BLOCK);
      kind[by * bw + bx] = k;
      if (k !== Block.Transparent) opaque++;
      if (k === Block.Flat) flat++;
      if (k === Block.Smooth) smooth++;
    }
  }
  let coherent = 0;
  for (let by = 0; by < bh - 1; by++) {
    for (let bx = 0; bx < bw - 1; bx++) {
      const i = by * bw + bx;
      if (kind[i] === Block.Smooth && kind[i + 1] === Block.Smooth && kind[i + bw] === Block.Smooth) coherent++;
    }
  }
  const smoothPixels = smooth * BLOCK * BLOCK;
  return {
    edgeDensity: edges / n,
    flatShare: opaque ? flat / opaque : 0,
    smoothShare: opaque ? smooth / opaque : 0,
    smoothCoherence: smooth ? coherent / smooth : 0,
    smoothToEdge: smoothPixels + edges ? smoothPixels / (smoothPixels + edges) : 0,
    // Counted at the 256 px scale, so a small shaded detail registers whatever the image size.
    smoothBlocksLog: Math.log2(1 + (smooth * 256 * 256) / Math.max(1, n)),
    verticalEdgeShare: edges ? verticalEdges / edges : 0,
  };

  function blockKind(x0: number, y0: number): Block {
    // The steps inside the block link all its pixels, so all zero means one exact colour.
    let maxStep = 0;
    for (let y = y0; y < y0 + BLOCK; y++) {
      for (let x = x0; x < x0 + BLOCK; x++) {
        const i = y * width + x;
        if (alpha[i]! < 128) return Block.Transparent;
        const r = x < x0 + BLOCK - 1 ? right[i]! : 0;
        const d = y < y0 + BLOCK - 1 ? down[i]! : 0;
        if (r > maxStep) maxStep = r;
        if (d > maxStep) maxStep = d;
      }
    }
    if (maxStep === 0) return Block.Flat;
    return maxStep <= SMOOTH_STEP ? Block.Smooth : Block.Detail;
  }
}

/** Largest per-channel difference between two pixels, given their byte offsets. */
function step(c: Uint8Array, a: number, b: number): number {
  const d0 = Math.abs(c[a]! - c[b]!);
  const d1 = Math.abs(c[a + 1]! - c[b + 1]!);
  const d2 = Math.abs(c[a + 2]! - c[b + 2]!);
  const m = d0 > d1 ? d0 : d1;
  return m > d2 ? m : d2;
}
