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
 * Candidate indices, best first: those predicted to reach `target` (with `margin` to spare, in
 * score units — predictions are noisy) by predicted size, smallest first; then the rest by
 * predicted fidelity, highest first. The same rule as tier 3's measured selection, on predictions.
 */
export function rankCandidates(predictions: readonly Prediction[], target: number, margin: number): number[] {
  const need = ssimToScore(target) + margin;
  const order = predictions.map((_, i) => i);
  const onTarget = order.filter((i) => predictions[i]!.score >= need).sort((a, b) => predictions[a]!.logBytes - predictions[b]!.logBytes || a - b);
  const rest = order.filter((i) => predictions[i]!.score < need).sort((a, b) => predictions[b]!.score - predictions[a]!.score || a - b);
  return [...onTarget, ...rest];
}

/** The model's flat output [K scores, K log2 bytes] as K predictions. */
export function splitPredictions(output: ArrayLike<number>, count: number): Prediction[] {
  return Array.from({ length: count }, (_, k) => ({ score: output[k]!, logBytes: output[count + k]! }));
}
