import type { WorkRaster } from './workRaster';

export interface Foreground {
  /** 1 where the pixel belongs to the logo rather than its background. */
  mask: Uint8Array;
  count: number;
  transparentBackground: boolean;
  /** 3-bit-per-channel key (see regionKey) of the background as composited over white. */
  backgroundKey: number;
}

/** A pixel differs from an opaque background when a channel is this far from it. */
const BACKGROUND_TOLERANCE = 40;

/** 3 bits a channel: coarse enough that anti-aliasing does not split every flat region. */
export function regionKey(c: Uint8Array, i: number): number {
  const j = i * 3;
  return ((c[j]! >> 5) << 6) | ((c[j + 1]! >> 5) << 3) | (c[j + 2]! >> 5);
}

const WHITE_KEY = 0o777;

/**
 * Splits logo from background. A mostly transparent border means alpha decides; otherwise the
 * border's most common colour is the background and anything clearly different is logo.
 */
export function findForeground(work: WorkRaster): Foreground {
  const { width, height, alpha, rgbOverWhite: c } = work;
  const n = width * height;
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) border.push(y * width, y * width + width - 1);
  const transparent = border.filter((i) => alpha[i]! < 16).length;
  const mask = new Uint8Array(n);
  let count = 0;
  if (transparent * 2 > border.length) {
    for (let i = 0; i < n; i++) if (alpha[i]! >= 128) (mask[i] = 1), count++;
    return { mask, count, transparentBackground: true, backgroundKey: WHITE_KEY };
  }
  const votes = new Map<number, number>();
  for (const i of border) votes.set(regionKey(c, i), (votes.get(regionKey(c, i)) ?? 0) + 1);
  let backgroundKey = WHITE_KEY;
  let best = -1;
  for (const [key, v] of votes) if (v > best || (v === best && key < backgroundKey)) (best = v), (backgroundKey = key);
  // The background's exact colour: the mean of the border pixels in the winning bin.
  let r = 0, g = 0, b = 0, m = 0;
  for (const i of border) {
    if (regionKey(c, i) !== backgroundKey) continue;
    r += c[i * 3]!;
    g += c[i * 3 + 1]!;
    b += c[i * 3 + 2]!;
    m++;
  }
  r /= m;
  g /= m;
  b /= m;
  for (let i = 0; i < n; i++) {
    const j = i * 3;
    const d = Math.max(Math.abs(c[j]! - r), Math.abs(c[j + 1]! - g), Math.abs(c[j + 2]! - b));
    if (d > BACKGROUND_TOLERANCE) (mask[i] = 1), count++;
  }
  return { mask, count, transparentBackground: false, backgroundKey };
}
