/**
 * How the parameter model's choices compare with the engine defaults, the class presets and the
 * best of the grid on a set of searched images: the report `npm run train:params` prints for
 * validation and test, and heldOutParams.ts for the larger held-out set.
 */
import { tierCandidates } from '../../../src/core/tiers/tierPlans';
import type { Prediction } from '../../../src/core/params';
import { TIER2_OFF_TARGET_SIZE_WEIGHT } from '../../../src/core/params/rankCandidates';
import type { LogoClass } from '../../../src/core/types';
import { chooseWithModel, rankWithModel, tier3Lists, type MarginChoice } from './fit';
import { DEFAULTS_INDEX, gridIndexOf, PARAM_GRID } from './grid';
import { bestOf, headToHead, policyMetrics, type ImageOutcomes, type PolicyMetrics } from './policies';

/** Tier 3 tries this many candidates. */
export const TIER3_CANDIDATES = 8;

/** Grid index of a full parameter set the tiers use: all are in the grid (see gridIndexOf). */
function gridIndex(params: object): number {
  const k = gridIndexOf(params);
  if (k < 0) throw new Error(`tier parameters ${JSON.stringify(params)} are not in PARAM_GRID`);
  return k;
}
export const presetIndex = (c: LogoClass): number => gridIndex(tierCandidates(2, c)[0]!.params);
export const oldTier3 = (c: LogoClass): number[] => tierCandidates(3, c).map((cand) => gridIndex(cand.params));

type HeadToHead = ReturnType<typeof headToHead>;

export interface PolicyComparison {
  set: ImageOutcomes[];
  rankings: number[][];
  choices: Record<'defaults' | 'presets' | 'model' | 'oracle', number[]>;
  metrics: Record<'defaults' | 'presets' | 'model' | 'oracle', PolicyMetrics>;
  modelVsPresets: HeadToHead;
  modelVsDefaults: HeadToHead;
}

/**
 * Every image of `set` (one input size, `variant`) traced with the defaults, its class preset, the
 * model's first choice (at tier 2's margin for that size, else tier 3's) and the best of the grid.
 */
export function comparePolicies(set: ImageOutcomes[], predictions: Prediction[][], decision: MarginChoice, variant: string): PolicyComparison {
  const rankings = rankWithModel(set, predictions, decision.margin);
  const choices = {
    defaults: set.map(() => DEFAULTS_INDEX),
    presets: set.map((im) => presetIndex(im.category)),
    model: chooseWithModel(set, predictions, decision.tier2Margins[variant] ?? decision.margin, decision.tier2Weights[variant] ?? TIER2_OFF_TARGET_SIZE_WEIGHT),
    oracle: set.map((im) => bestOf(im, PARAM_GRID.map((_, k) => k))),
  };
  const metrics = Object.fromEntries(Object.entries(choices).map(([name, c]) => [name, policyMetrics(set, c)])) as PolicyComparison['metrics'];
  return { set, rankings, choices, metrics, modelVsPresets: headToHead(set, choices.model, choices.presets), modelVsDefaults: headToHead(set, choices.model, choices.defaults) };
}

/** Tier 3's fixed list against its model-ranked search (tier 2's choice first), best of each. */
export function compareTier3(e: PolicyComparison, decision: MarginChoice): { old: PolicyMetrics; model: PolicyMetrics; modelVsOld: HeadToHead } {
  const variant = e.set[0]!.variant;
  const tier2Choice = (decision.tier2Margins[variant] ?? null) !== null ? e.choices.model : e.choices.presets;
  const oldChoice = e.set.map((im) => bestOf(im, oldTier3(im.category)));
  const lists = tier3Lists(e.rankings, tier2Choice, TIER3_CANDIDATES);
  const newChoice = e.set.map((im, i) => bestOf(im, lists[i]!));
  return { old: policyMetrics(e.set, oldChoice), model: policyMetrics(e.set, newChoice), modelVsOld: headToHead(e.set, newChoice, oldChoice) };
}

const h = (x: HeadToHead) => `${x.wins} better, ${x.losses} worse, ${x.ties} same`;

/** The console table of one comparison (and of tier 3's, when given). */
export function formatPolicyComparison(title: string, e: PolicyComparison, tier3?: ReturnType<typeof compareTier3>): string {
  const lines = [`\n${title} (${e.set.length} images)   mean SSIM   median size ÷ GT   on target`];
  for (const [policy, m] of Object.entries(e.metrics)) {
    lines.push(`  ${policy.padEnd(28)} ${m.meanSsim.toFixed(4).padStart(9)} ${`${m.medianSizeRatio.toFixed(2)}×`.padStart(18)} ${`${(m.onTargetShare * 100).toFixed(1)}%`.padStart(11)}`);
  }
  lines.push(`  model vs presets: ${h(e.modelVsPresets)}; model vs defaults: ${h(e.modelVsDefaults)}`);
  if (tier3) {
    lines.push(`  tier 3 (${TIER3_CANDIDATES} candidates, no deadline): old list ${tier3.old.meanSsim.toFixed(4)} / ${tier3.old.medianSizeRatio.toFixed(2)}× / ${(tier3.old.onTargetShare * 100).toFixed(1)}%; `
      + `model-ranked ${tier3.model.meanSsim.toFixed(4)} / ${tier3.model.medianSizeRatio.toFixed(2)}× / ${(tier3.model.onTargetShare * 100).toFixed(1)}%; model-ranked vs old: ${h(tier3.modelVsOld)}`);
  }
  return lines.join('\n');
}
