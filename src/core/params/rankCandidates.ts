/**
 * The parameter model predicts, per candidate parameter set, a fidelity score and a size. These
 * are the transforms it is trained on; the trainer and the runtime share them (and the ranking
 * below), so what `npm run train:params` reports is what the pipeline does.
 */

/** SSIM as -log10(1 − SSIM), floored at 1e-4: spreads 0.99 / 0.999 / 0.9999 evenly. */
export function ssimToScore(ssim: number): number {
  return -Math.log10(Math.max(1 - ssim, 1e-4));
}

export function scoreToSsim(score: number): number {
  return 1 - 10 ** -score;
}

export interface Prediction {
  /** ssimToScore of the predicted SSIM. */
  score: number;
  /** log2 of the predicted SVG bytes. */
  logBytes: number;
}

/**
 * Tier 2's single, unmeasured choice among sets all predicted to miss the target weighs fidelity
 * against size: score − this × log2 bytes (0.1 score ≈ a doubling of the bytes). By fidelity alone
 * it took the set predicted best, and predictions are least sure for the large many-colour traces
 * (one icon: 8457 B at SSIM 0.9597 where another set gives 985 B at 0.9728). On train (out of
 * fold) + validation, scripts/studies/offTargetRanking.ts: 256 px −3% bytes (gradient logos −8%)
 * at equal mean SSIM, 128 px −4% and +0.0003; 0.2 cost 0.016 SSIM at 128 px. Since 2026-12-03 the
 * trainer re-takes that rule per input size for each model it fits (decision.tier2Weights, among
 * TIER2_WEIGHTS); this stays the value for manifests without them.
 */
export const TIER2_OFF_TARGET_SIZE_WEIGHT = 0.1;

/** The weights the trainer chooses among, per input size: the largest that costs no mean SSIM. */
export const TIER2_WEIGHTS = [0, 0.02, 0.05, 0.1] as const;

/**
 * Candidate indices, best first: those predicted to reach `target` (with `margin` to spare, in
 * score units — predictions are noisy) by predicted size, smallest first; then the rest by
 * predicted fidelity, highest first — less `sizeWeight` × log2 bytes (0 for tier 3's search
 * order, whose measured selection then keeps the best SSIM among them, as its rule says).
 * Candidates not `allowed` (see holdsFlatColours) come after all the others, in the same order.
 */
export function rankCandidates(predictions: readonly Prediction[], target: number, margin: number, sizeWeight = 0, allowed?: readonly boolean[]): number[] {
  if (allowed) {
    const ranked = rankCandidates(predictions, target, margin, sizeWeight);
    return [...ranked.filter((i) => allowed[i]), ...ranked.filter((i) => !allowed[i])];
  }
  const need = ssimToScore(target) + margin;
  const order = predictions.map((_, i) => i);
  const onTarget = order.filter((i) => predictions[i]!.score >= need).sort((a, b) => predictions[a]!.logBytes - predictions[b]!.logBytes || a - b);
  const value = (i: number) => predictions[i]!.score - sizeWeight * predictions[i]!.logBytes;
  const rest = order.filter((i) => predictions[i]!.score < need).sort((a, b) => value(b) - value(a) || a - b);
  return [...onTarget, ...rest];
}

/** The model's flat output [K scores, K log2 bytes] as K predictions. */
export function splitPredictions(output: ArrayLike<number>, count: number): Prediction[] {
  return Array.from({ length: count }, (_, k) => ({ score: output[k]!, logBytes: output[count + k]! }));
}
