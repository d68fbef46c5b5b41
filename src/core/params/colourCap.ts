import { FEATURE_NAMES } from '../features/names';
import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../trace/tracewise/params';

const FLAT_COLOURS = FEATURE_NAMES.indexOf('flatColoursLog');

/**
 * Whether a parameter set's colour cap can hold the image's own flat colours (those covering
 * ≥ 0.2 % of it, as the features count them). SSIM is scored on luma, so merging a rainbow's hues
 * into four colours of similar lightness barely moves it: the parameter model once sent the
 * Fediverse logo's twelve flat colours through the 4-colour set (SSIM 0.9677, mean RGB error
 * 0.48 → 12.8). The tiers rank such sets after every set that can hold them.
 */
export function holdsFlatColours(candidate: Partial<TracewiseParams>, features: ArrayLike<number>): boolean {
  const flatColours = Math.round(2 ** features[FLAT_COLOURS]! - 1);
  return (candidate.maxColours ?? TRACEWISE_DEFAULTS.maxColours) >= flatColours;
}
