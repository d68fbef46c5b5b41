import { ConvertError } from '../errors';
import type { Host } from '../host';
import { sharedModel, type ModelEntry, type ModelSession } from '../classify';
import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../trace/tracewise/params';
import { TIER2_OFF_TARGET_SIZE_WEIGHT } from './rankCandidates';

export const PARAMS_MODEL = 'params';

/** The params entry of public/models/manifest.json (written by scripts/train/params). */
export interface ParamsEntry extends ModelEntry {
  /** What the model scores: Tracewise parameter overrides, in output order. */
  candidates: Array<Partial<TracewiseParams>>;
  decision: {
    /** Score units added to the SSIM target before a candidate counts as on target, when
     * ordering tier 3's search… */
    margin: number;
    /** …and when choosing tier 2's parameters, per input size the model was validated at (key:
     * longest side in px); null where no margin beat the class presets on validation at that
     * size: tier 2 then keeps them and the model only orders tier 3's search. */
    tier2Margins: Record<string, number | null>;
    /** Per input size like tier2Margins: how much tier 2's choice among sets all predicted to miss
     * the target weighs size (see TIER2_OFF_TARGET_SIZE_WEIGHT, the value where absent: manifests
     * before 2026-12-03 session 11). */
    tier2Weights?: Record<string, number>;
    /** Each feature's least and greatest value over the training images (both sizes), in input
     * order. Absent in manifests written before 2026-12-02 session 7. */
    featureRange?: { min: number[]; max: number[] };
  };
}

export type ParamsModel = ModelSession<ParamsEntry>;

const params = sharedModel({ name: PARAMS_MODEL, asset: 'models/params.onnx', check: checkParamsEntry });

/** The parameter model, one session per realm; errors as loadClassifier's. */
export function loadParamsModel(host: Host): Promise<ParamsModel> {
  return params.load(host);
}

export function disposeParamsModel(): Promise<void> {
  return params.dispose();
}

/** Refuses an entry whose candidates this build's engine would not understand. */
export function checkParamsEntry(entry: ModelEntry): ParamsEntry {
  const invalid = (why: string): never => {
    throw new ConvertError('MODEL_INVALID', `The "${entry.name}" model entry is unusable: ${why}.`);
  };
  const { candidates, decision } = entry as Partial<ParamsEntry>;
  if (!Array.isArray(candidates) || candidates.length === 0) invalid('no candidates');
  for (const candidate of candidates!) {
    if (!candidate || typeof candidate !== 'object') invalid('a candidate is not an object');
    for (const [key, value] of Object.entries(candidate)) {
      const known = TRACEWISE_DEFAULTS[key as keyof TracewiseParams];
      if (known === undefined) invalid(`unknown parameter "${key}"`);
      if (typeof value !== typeof known || (typeof value === 'number' && !Number.isFinite(value))) invalid(`bad value for "${key}"`);
    }
  }
  if (entry.output?.shape?.[1] !== 2 * candidates!.length) invalid(`output shape ${JSON.stringify(entry.output?.shape)} is not [N, ${2 * candidates!.length}]`);
  const tier2 = Object.entries(decision?.tier2Margins ?? {});
  if (!decision || !Number.isFinite(decision.margin) || tier2.length === 0
    || tier2.some(([side, m]) => !(Number(side) > 0) || !(m === null || Number.isFinite(m)))) invalid('no decision rule');
  if (decision!.tier2Weights !== undefined && Object.entries(decision!.tier2Weights).some(([side, w]) => !(Number(side) > 0) || !Number.isFinite(w) || w < 0)) invalid('bad tier-2 weights');
  const range = decision!.featureRange;
  const features = entry.input?.shape?.[1];
  if (range && ![range.min, range.max].every((bound) => Array.isArray(bound) && bound.length === features && bound.every(Number.isFinite))) {
    invalid(`feature range not ${features} finite numbers per bound`);
  }
  return entry as ParamsEntry;
}

/** How far past the training images' range (in spans of that range) a feature may lie before the
 * model's tier-2 choice is not trusted. No corpus validation or test image lies that far out; an
 * 8000 × 50 px banner does (its aspect ratio), and the model picked it a 1 px curve tolerance that
 * rounded its 4 px bar into a blob (SSIM 0.86 against 0.99 with the preset). */
const RANGE_SLACK = 1;

/** The first feature (by name) that lies beyond the model's training range by more than
 * RANGE_SLACK spans, or null: the model has seen nothing like this image there. */
export function featureOutsideTraining(entry: ParamsEntry, features: Float32Array): string | null {
  const range = entry.decision.featureRange;
  if (!range) return null;
  for (let k = 0; k < features.length; k++) {
    const span = range.max[k]! - range.min[k]!;
    if (features[k]! < range.min[k]! - RANGE_SLACK * span || features[k]! > range.max[k]! + RANGE_SLACK * span) {
      return entry.input.features?.[k] ?? `feature ${k}`;
    }
  }
  return null;
}

/** Tier 2's margin for an image traced at `workSide` px: the decision of the validated input
 * size nearest to it (on a log scale, as sizes double); null = keep the class preset. */
export function tier2MarginFor(decision: ParamsEntry['decision'], workSide: number): number | null {
  return nearestSize(decision.tier2Margins, workSide) ?? null;
}

/** Tier 2's off-target size weight for an image traced at `workSide` px, chosen the same way. */
export function tier2WeightFor(decision: ParamsEntry['decision'], workSide: number): number {
  return (decision.tier2Weights && nearestSize(decision.tier2Weights, workSide)) ?? TIER2_OFF_TARGET_SIZE_WEIGHT;
}

/** The value of the size key (longest side in px) nearest to `workSide` on a log scale. */
function nearestSize<T>(bySize: Record<string, T>, workSide: number): T | undefined {
  let nearest: [number, T] | null = null;
  for (const [side, value] of Object.entries(bySize)) {
    const distance = Math.abs(Math.log2(Number(side) / Math.max(1, workSide)));
    if (!nearest || distance < nearest[0]) nearest = [distance, value];
  }
  return nearest?.[1];
}
