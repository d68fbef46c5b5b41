import { ConvertError } from '../errors';
import type { Host } from '../host';
import type { ModelPlan } from '../tiers/tierPlans';
import type { Fallback, LogoClass } from '../types';
import { withTimeout } from '../withTimeout';
import { featureOutsideTraining, loadParamsModel, tier2MarginFor, tier2WeightFor } from './paramsModel';
import { keepsFlatColours } from './colourCap';
import type { ImageDescription } from '../features/extractFeatures';
import { rankCandidates, splitPredictions } from './rankCandidates';

/** Start-up has already waited for the model; a healthy run takes well under a millisecond. */
const PLAN_TIMEOUT_MS = 2_000;

/**
 * Ranks the model's candidate parameter sets for this image and its class's SSIM target. When the
 * model cannot answer (missing, corrupt, other features, throwing), the tiers keep their presets
 * and the result says so (`fallback.from = 'ai'`).
 */
export async function planParams(
  signal: AbortSignal,
  image: ImageDescription,
  logoClass: LogoClass,
  target: number,
  workSide: number,
  host: Host,
): Promise<{ plan: ModelPlan | null; fallback: Fallback | null }> {
  try {
    const { plan } = await withTimeout((async () => {
      const model = await loadParamsModel(host);
      const { candidates, decision } = model.entry;
      const { features } = image;
      const output = await model.run(features);
      const predictions = splitPredictions(output, candidates.length);
      const allowed = candidates.map((candidate) => keepsFlatColours(candidate, image));
      const ranked = rankCandidates(predictions, target, decision.margin, 0, allowed).map((k) => candidates[k]!);
      // Outside what it was trained on, the model only orders tier 3's search (which measures
      // each candidate); tier 2 keeps the class preset.
      const tier2Margin = featureOutsideTraining(model.entry, features) === null ? tier2MarginFor(decision, workSide) : null;
      const tier2 = tier2Margin === null ? null : candidates[rankCandidates(predictions, target, tier2Margin, tier2WeightFor(decision, workSide), allowed)[0]!]!;
      return { plan: { tier2, ranked } };
    })(), PLAN_TIMEOUT_MS, 'The parameter model did not answer');
    return { plan, fallback: null };
  } catch (error) {
    if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
    const detail = error instanceof ConvertError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    return { plan: null, fallback: { from: 'ai', reason: `The parameter model is unavailable (${detail}); traced with the ${logoClass} preset.` } };
  }
}
