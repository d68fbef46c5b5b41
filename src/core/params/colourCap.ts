import { FEATURE_NAMES } from '../features/names';
import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../trace/tracewise/params';

const FLAT_COLOURS = FEATURE_NAMES.indexOf('flatColoursLog');

/**
 * Whether a parameter set's colour cap holds as many of the image's own flat colours (those
 * covering ≥ 0.2 % of it, as the features count them) as the defaults' cap does. SSIM is scored on
 * luma, so merging a rainbow's hues into four colours of similar lightness barely moves it: the
 * parameter model once sent the Fediverse logo's twelve flat colours through the 4-colour set
 * (SSIM 0.9677, mean RGB error 0.48 → 12.8). The tiers rank such sets after every set that holds
 * them. Measured against the defaults, not the count itself: an image with more flat colours than
 * the defaults hold would otherwise be pushed to the 40- and 64-colour sets (train:
 * vscode-file-type-access 2329 → 7317 B).
 */
export function holdsFlatColours(candidate: Partial<TracewiseParams>, features: ArrayLike<number>): boolean {
  const flatColours = Math.round(2 ** features[FLAT_COLOURS]! - 1);
  return (candidate.maxColours ?? TRACEWISE_DEFAULTS.maxColours) >= Math.min(flatColours, TRACEWISE_DEFAULTS.maxColours);
}
