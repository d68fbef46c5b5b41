import type { Attempt } from './attempt';

/** How a closed-loop (tier 3) search went: what it tried and what it gained over its first try. */
export interface SearchReport {
  tried: number;
  planned: number;
  /** True when the deadline stopped the search before every candidate was tried. */
  stoppedByDeadline: boolean;
  target: number;
  gain: { ssim: number; bytes: number };
}

/**
 * Keeps the better of two measured attempts: among those reaching the SSIM target, the smaller;
 * otherwise the higher SSIM. The first candidate is tier 2's choice, so the winner never has both
 * lower SSIM and more bytes than tier 2 — and never lower SSIM unless it is smaller and on target.
 */
export function better(current: Attempt | null, challenger: Attempt, target: number): Attempt {
  if (!current) return challenger;
  const a = current.quality!.ssim;
  const b = challenger.quality!.ssim;
  if (a >= target && b >= target) return challenger.bytes < current.bytes ? challenger : current;
  if (a >= target || b >= target) return a >= target ? current : challenger;
  return b > a ? challenger : current;
}
