import { TIER3_TARGET_SSIM } from '../../../src/core/tiers/tierPlans';
import type { LogoClass } from '../../../src/core/types';

/** Every candidate's measured outcome on one image (from the search), with what fitting needs. */
export interface ImageOutcomes {
  id: string;
  /** Input size the image was searched at (see SEARCH_VARIANTS). */
  variant: string;
  category: LogoClass;
  split: 'train' | 'validation' | 'test';
  groundTruthBytes: number;
  features: Float32Array;
  /** See ImageDescription: the tiers' flat-colour rules read it with the features. */
  flatColourGap: number;
  /** Indexed like the grid. */
  ssim: number[];
  bytes: number[];
}

export function targetOf(image: ImageOutcomes): number {
  return TIER3_TARGET_SSIM[image.category];
}

/**
 * Tier 3's own ordering of two measured outcomes (closedLoop.better): on target beats off target;
 * both on target, fewer bytes wins; both off, higher SSIM wins. 1 = a better, −1 = b, 0 = tie.
 */
export function compareOutcomes(image: ImageOutcomes, a: number, b: number): number {
  const target = targetOf(image);
  const [sa, sb] = [image.ssim[a]!, image.ssim[b]!];
  const [onA, onB] = [sa >= target, sb >= target];
  if (onA !== onB) return onA ? 1 : -1;
  if (onA) return Math.sign(image.bytes[b]! - image.bytes[a]!);
  return Math.sign(sa - sb);
}

/** Measured selection among `indices` (tier 3's closed loop without a deadline). */
export function bestOf(image: ImageOutcomes, indices: readonly number[]): number {
  return indices.reduce((best, k) => (compareOutcomes(image, k, best) > 0 ? k : best));
}

export interface PolicyMetrics {
  count: number;
  meanSsim: number;
  medianSizeRatio: number;
  onTargetShare: number;
}

/** What a choice of one candidate per image scores on a set of images. */
export function policyMetrics(images: readonly ImageOutcomes[], choice: readonly number[]): PolicyMetrics {
  const ratios = images.map((im, i) => im.bytes[choice[i]!]! / im.groundTruthBytes).sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  return {
    count: images.length,
    meanSsim: round(images.reduce((s, im, i) => s + im.ssim[choice[i]!]!, 0) / Math.max(1, images.length), 5),
    medianSizeRatio: round(ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2, 4),
    onTargetShare: round(images.filter((im, i) => im.ssim[choice[i]!]! >= targetOf(im)).length / Math.max(1, images.length), 4),
  };
}

/** Per-image wins, losses and ties of choice `a` against choice `b` under tier 3's ordering. */
export function headToHead(images: readonly ImageOutcomes[], a: readonly number[], b: readonly number[]): { wins: number; losses: number; ties: number } {
  const out = { wins: 0, losses: 0, ties: 0 };
  images.forEach((im, i) => {
    const c = compareOutcomes(im, a[i]!, b[i]!);
    if (c > 0) out.wins++;
    else if (c < 0) out.losses++;
    else out.ties++;
  });
  return out;
}

function round(v: number, digits: number): number {
  return Math.round(v * 10 ** digits) / 10 ** digits;
}
