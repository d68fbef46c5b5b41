import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../trace/tracewise/params';
import type { LogoClass, Tier } from '../types';

/** One way to trace an image: an engine, its parameters, and whether svgo polishes the result. */
export interface Candidate {
  engine: string;
  params: Record<string, unknown>;
  /** svgo trims ~5% more bytes from our already compact output, for ~10 ms at 256 px. */
  optimize: boolean;
  /** Who chose the parameters: the parameter model, the class preset (or tier 3's fixed list), or
   * the plain no-AI plan. */
  source: ParamSource;
}

export type ParamSource = 'model' | 'preset' | 'plain';

/** What the parameter model proposes (src/core/params): see tierCandidates. */
export interface ModelPlan {
  /** Tier 2's parameters, or null to keep the class preset. */
  tier2: Partial<TracewiseParams> | null;
  /** Candidate parameter sets, best predicted first. */
  ranked: ReadonlyArray<Partial<TracewiseParams>>;
}

/** Tier 3's search length (and so its worst-case time). */
export const TIER3_CANDIDATES = 8;

/** Tier 3 keeps the smallest candidate at or above its class's SSIM (else the best SSIM).
 * Flat art can be near-perfect; shaded art pays heavily in bytes for the last thousandths. */
export const TIER3_TARGET_SSIM: Readonly<Record<LogoClass | 'unknown', number>> = Object.freeze({
  simple: 0.99,
  text: 0.985,
  gradient: 0.975,
  complex: 0.975,
  unknown: 0.98,
});

const tracewise = (overrides: Partial<TracewiseParams>, optimize: boolean, source: ParamSource = 'preset'): Candidate => ({
  engine: 'tracewise',
  params: { ...TRACEWISE_DEFAULTS, ...overrides },
  optimize,
  source,
});

/**
 * Tier 2's choice per class, from the validation split (bench, `--split validation`): text has
 * bytes to spare (≈0.6× the designer's SVG) and gains most from tighter curves; complex art gains
 * most from recovering thin-line colours; simple and gradient art are best at the defaults.
 */
const CLASS_PRESETS: Readonly<Record<LogoClass, Partial<TracewiseParams>>> = Object.freeze({
  simple: {},
  text: { curveTolerance: 0.35 },
  gradient: {},
  complex: { thinColours: 4 },
});

/**
 * What each tier tries, in order. Tier 1: one fast pass, fewer colours, looser curves, no svgo.
 * Tier 2: the parameter model's choice when it has one, else the class's preset (defaults when the
 * class is unknown), polished. Tier 3: tier 2's candidate first (so it can never do worse), then
 * the model's ranking — or, without the model, fixed variations that trade size for fidelity
 * either way; the closed loop measures each.
 */
export function tierCandidates(tier: Tier, logoClass: LogoClass | null = null, plan: ModelPlan | null = null): Candidate[] {
  if (tier === 1) return [tracewise({ maxColours: 16, curveTolerance: 0.6 }, false, 'plain')];
  const preset = logoClass ? CLASS_PRESETS[logoClass] : {};
  const tier2 = plan?.tier2 ? tracewise(plan.tier2, true, 'model') : tracewise(preset, true, logoClass ? 'preset' : 'plain');
  if (tier === 2) return [tier2];
  // Tier 3's other candidates skip the facet drawings (each could draw the image three times:
  // tier 3's browser p95 went 1.4 → 3.5 s); its first, tier 2's own, keeps them, so tier 3 still
  // never does worse than tier 2.
  const variation = (overrides: Partial<TracewiseParams>, source: ParamSource = 'preset') => tracewise({ ...overrides, facets: false }, true, source);
  const sameTrace = (c: Candidate) => JSON.stringify({ ...c.params, facets: undefined });
  if (plan) {
    const byParams = new Map([[sameTrace(tier2), tier2]]);
    for (const overrides of plan.ranked) {
      const candidate = variation(overrides, 'model');
      if (!byParams.has(sameTrace(candidate))) byParams.set(sameTrace(candidate), candidate);
    }
    return [...byParams.values()].slice(0, TIER3_CANDIDATES);
  }
  return [
    tier2,
    variation({ ...preset, curveTolerance: 0.35 }),
    variation({ colourDistance: 16, maxColours: 40 }),
    variation({ colourDistance: 12, maxColours: 64, curveTolerance: 0.35, minArea: 1 }),
    variation({ thinColours: 4 }),
    variation({ thinColours: 4, curveTolerance: 0.35 }),
    variation({ curveTolerance: 0.8, minArea: 4 }),
    variation({ colourDistance: 32, maxColours: 16 }),
  ];
}

/** Engines tried, in order, when the chosen one throws. */
export const FALLBACK_ENGINE = 'imagetracer';
