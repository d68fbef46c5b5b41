import { ConvertError } from './errors';
import { TIERS, type Tier } from './types';

export interface ConvertOptions {
  tier: Tier;
  /** Longest side the image is traced at; larger images are scaled down (the scale is recorded). */
  maxSide: number;
  /** Refuse images whose header claims more pixels than this, before decoding them. */
  maxPixels: number;
  /** Render the SVG back and score it. Off saves ~10–30% of the time. */
  measureQuality: boolean;
  /** Overall time budget in ms, checked between stages; null = none. Defaults per tier (below):
   * past it, tier 3 returns its best candidate so far, and a tier with nothing yet is TIMEOUT. */
  deadlineMs: number | null;
}

/** The seed's promise kept as hard ceilings: tier 1 < 2 s, tier 2 < 5 s, tier 3 < 15 s. */
export const TIER_DEADLINES_MS: Readonly<Record<Tier, number>> = Object.freeze({ 1: 2_000, 2: 5_000, 3: 15_000 });

/**
 * Past their deadline with nothing traced yet, tiers 2 and 3 still give tier 1's plain result: it
 * may take up to this long more (tier 1's own ceiling, or the deadline itself when shorter).
 */
export function tier1RescueMs(options: Pick<ConvertOptions, 'tier' | 'deadlineMs'>): number {
  if (options.tier === 1 || options.deadlineMs === null) return 0;
  return Math.min(TIER_DEADLINES_MS[1], options.deadlineMs);
}

/**
 * When a caller that can only stop a conversion by killing its worker (a browser pool: wasm is
 * synchronous) should do so: the core's deadline, the tier-1 rescue, then a margin as long as the
 * deadline (at least 5 s). Generous on purpose: the core itself stops at its deadline between
 * stages, and a stage that has begun (a trace, the final measurement) ends with an SVG the kill
 * would throw away, so the kill is only for a stage that never returns (on a 2-core machine under
 * load, healthy tier-1 conversions were seen to take over 4 s). Null when there is no
 * deadline. Start-up (wasm, models) is not part of it, as for the core's own deadline.
 */
export function hardDeadlineMs(options: Pick<ConvertOptions, 'tier' | 'deadlineMs'>): number | null {
  if (options.deadlineMs === null) return null;
  return options.deadlineMs + tier1RescueMs(options) + Math.max(5_000, options.deadlineMs);
}

export const DEFAULT_OPTIONS: Readonly<Omit<ConvertOptions, 'deadlineMs'>> = Object.freeze({
  tier: 2,
  maxSide: 1024,
  maxPixels: 40_000_000,
  measureQuality: true,
});

/** Validates caller-supplied options once, at the boundary, naming the bad field. */
export function resolveOptions(input: Partial<ConvertOptions> = {}): ConvertOptions {
  const merged = { ...DEFAULT_OPTIONS, ...stripUndefined(input) };
  if (!TIERS.includes(merged.tier)) fail('tier', merged.tier, 'one of 1, 2, 3');
  const options: ConvertOptions = { deadlineMs: TIER_DEADLINES_MS[merged.tier], ...merged };
  requireInteger('maxSide', options.maxSide, 16, 8192);
  requireInteger('maxPixels', options.maxPixels, 1, 1_000_000_000);
  if (typeof options.measureQuality !== 'boolean') fail('measureQuality', options.measureQuality, 'true or false');
  if (options.deadlineMs !== null) requireInteger('deadlineMs', options.deadlineMs, 1, 3_600_000);
  return options;
}

function requireInteger(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(field, value, `an integer from ${min} to ${max}`);
  }
}

function fail(field: string, value: unknown, expected: string): never {
  throw new ConvertError('BAD_OPTIONS', `Option "${field}" must be ${expected} (got ${JSON.stringify(value)}).`);
}

function stripUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
