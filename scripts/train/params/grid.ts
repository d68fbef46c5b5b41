import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../../../src/core/trace/tracewise/params';

/**
 * The parameter sets the search traces every image with, and the model scores. The defaults,
 * tier 1's pass, the class presets and tier 3's former list are all here, so the model can only
 * add choices; the rest span the knobs that trade bytes for fidelity (palette size and merging
 * distance, curve tolerance, speck filter, thin-line colours, gradients). Order is the model's
 * output order: append only together with re-running `npm run train:params`.
 */
export const PARAM_GRID: ReadonlyArray<Partial<TracewiseParams>> = [
  {}, // engine defaults (and the simple/gradient presets)
  { curveTolerance: 0.35 }, // text preset
  { thinColours: 4 }, // complex preset
  { maxColours: 16, curveTolerance: 0.6 }, // tier 1
  { colourDistance: 16, maxColours: 40 },
  { colourDistance: 12, maxColours: 64, curveTolerance: 0.35, minArea: 1 },
  { thinColours: 4, curveTolerance: 0.35 },
  { curveTolerance: 0.8, minArea: 4 },
  { colourDistance: 32, maxColours: 16 },
  { curveTolerance: 1.0, minArea: 6 },
  { curveTolerance: 0.7 },
  { maxColours: 8, colourDistance: 40, curveTolerance: 0.7, minArea: 4 },
  { gradients: false },
  { colourDistance: 16, maxColours: 40, thinColours: 4 },
  { curveTolerance: 0.25 },
  { minArea: 8, curveTolerance: 0.6 },
  { colourDistance: 20, maxColours: 32, curveTolerance: 0.45 },
  { colourDistance: 16, maxColours: 40, thinColours: 8, curveTolerance: 0.4 },
  { maxColours: 12 },
  { colourDistance: 40, curveTolerance: 0.8, minArea: 4 },
  { minColourShare: 0.002, curveTolerance: 0.6 },
  { maxColours: 4, colourDistance: 48, curveTolerance: 0.8, minArea: 6 },
  { curveTolerance: 0.35, minArea: 1 },
  { colourDistance: 16, maxColours: 40, curveTolerance: 0.6 },
];

/** Indices into PARAM_GRID of what tier 2 used before the model: engine defaults and class presets. */
export const DEFAULTS_INDEX = 0;
export const PRESET_INDEX = { simple: 0, text: 1, gradient: 0, complex: 2 } as const;

/** A stable text key for one parameter set (the search cache is keyed by it, not by position). */
export function configKey(overrides: Partial<TracewiseParams>): string {
  return JSON.stringify(Object.keys(overrides).sort().map((k) => [k, overrides[k as keyof TracewiseParams]]));
}

/** What the search traced a full parameter set as: the `facets` switch left out (see gridIndexOf). */
const tracedKey = (params: Partial<TracewiseParams>): string => {
  const { facets: _facets, ...traced } = { ...TRACEWISE_DEFAULTS, ...params };
  return configKey(traced);
};
const TRACED_KEYS = PARAM_GRID.map(tracedKey);

/**
 * Grid index of a parameter set the tiers use (presets, tier 3's list), or −1. The `facets` switch
 * is left out: the search traces every set with the facet drawings on, while tier 3's later
 * candidates turn them off only to save time (tierPlans), which changes the SVG of the few images
 * with faceted or unfitted shaded regions; those candidates are scored by their facets-on traces.
 */
export function gridIndexOf(params: Partial<TracewiseParams>): number {
  return TRACED_KEYS.indexOf(tracedKey(params));
}
