import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../trace/tracewise/params';
import type { Tier } from '../types';

/** One way to trace an image: an engine, its parameters, and whether svgo polishes the result. */
export interface Candidate {
  engine: string;
  params: Record<string, unknown>;
  /** svgo trims ~5% more bytes from our already compact output, for ~10 ms at 256 px. */
  optimize: boolean;
}

/** Tier 3 keeps the smallest candidate at or above this SSIM (per class once classes exist). */
export const TIER3_TARGET_SSIM = 0.98;

const tracewise = (overrides: Partial<TracewiseParams>, optimize: boolean): Candidate => ({
  engine: 'tracewise',
  params: { ...TRACEWISE_DEFAULTS, ...overrides },
  optimize,
});

/**
 * What each tier tries, in order. Tier 1: one fast pass, fewer colours, looser curves, no svgo.
 * Tier 2: the defaults, polished. Tier 3: the tier-2 candidate first (so it can never do worse),
 * then variations that trade size for fidelity either way; the closed loop measures each.
 */
export function tierCandidates(tier: Tier): Candidate[] {
  if (tier === 1) return [tracewise({ maxColours: 16, curveTolerance: 0.6 }, false)];
  if (tier === 2) return [tracewise({}, true)];
  return [
    tracewise({}, true),
    tracewise({ curveTolerance: 0.35 }, true),
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
