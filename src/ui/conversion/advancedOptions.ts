import type { ConvertOptions } from '../../core';

/**
 * The core options a curious user may change (core `ConvertOptions` minus tier and maxPixels,
 * which is a safety limit). Values mirror the core's DEFAULT_OPTIONS; they are repeated here, not
 * imported, because importing core values would pull the whole core into the page bundle.
 */
export interface AdvancedOptions {
  /** Longest side traced, in pixels (16–8192); larger images are scaled down first. */
  maxSide: number;
  /** The core's deadline in seconds; null = the tier's own (2 s / 5 s / 15 s). */
  budgetSeconds: number | null;
  /** Render the SVG back and score it (SSIM); off is faster, and the card then shows no SSIM. */
  measureQuality: boolean;
}

export const DEFAULT_ADVANCED: Readonly<AdvancedOptions> = Object.freeze({ maxSide: 1024, budgetSeconds: null, measureQuality: true });

export const MAX_SIDE_RANGE = { min: 16, max: 8192 } as const;
export const BUDGET_RANGE = { min: 1, max: 3600 } as const;

export function isDefaultAdvanced(options: AdvancedOptions): boolean {
  return (
    options.maxSide === DEFAULT_ADVANCED.maxSide &&
    options.budgetSeconds === DEFAULT_ADVANCED.budgetSeconds &&
    options.measureQuality === DEFAULT_ADVANCED.measureQuality
  );
}

/** Only what differs from the defaults is sent, so the core's own defaults stay in charge. */
export function toConvertOptions(options: AdvancedOptions): Partial<Omit<ConvertOptions, 'tier'>> {
  const out: Partial<Omit<ConvertOptions, 'tier'>> = {};
  if (options.maxSide !== DEFAULT_ADVANCED.maxSide) out.maxSide = options.maxSide;
  if (options.budgetSeconds !== null) out.deadlineMs = Math.round(options.budgetSeconds * 1000);
  if (!options.measureQuality) out.measureQuality = false;
  return out;
}
