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
  if (plan) {
    const byParams = new Map([[JSON.stringify(tier2.params), tier2]]);
    for (const overrides of plan.ranked) {
      const candidate = tracewise(overrides, true, 'model');
      if (!byParams.has(JSON.stringify(candidate.params))) byParams.set(JSON.stringify(candidate.params), candidate);
    }
    return [...byParams.values()].slice(0, TIER3_CANDIDATES);
  }
  return [
    tier2,
    tracewise({ ...preset, curveTolerance: 0.35 }, true),
    tracewise({ colourDistance: 16, maxColours: 40 }, true),
    tracewise({ colourDistance: 12, maxColours: 64, curveTolerance: 0.35, minArea: 1 }, true),
    tracewise({ thinColours: 4 }, true),
    tracewise({ thinColours: 4, curveTolerance: 0.35 }, true),
    tracewise({ curveTolerance: 0.8, minArea: 4 }, true),
    tracewise({ colourDistance: 32, maxColours: 16 }, true),
  ];
}

/** Engines tried, in order, when the chosen one throws. */
export const FALLBACK_ENGINE = 'imagetracer';
