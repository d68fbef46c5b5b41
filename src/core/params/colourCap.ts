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

/**
 * Whether a parameter set keeps the image's flat colours apart: its colour merging reaches no
 * further than the defaults' does, or stops short of the two closest flat colours. The palette
 * merges colours within `colourDistance`, and SSIM barely sees two shades of one hue become one:
 * the retrained model sent devicon's two-tone shield (shades 28 apart) through the 40-unit set,
 * 821 → 369 B at SSIM 0.9971 → 0.9808, a flat shield. Measured against the defaults, as the cap is.
 */
export function keepsFlatShades(candidate: Partial<TracewiseParams>, flatColourGap: number): boolean {
  const distance = candidate.colourDistance ?? TRACEWISE_DEFAULTS.colourDistance;
  return distance <= TRACEWISE_DEFAULTS.colourDistance || distance < flatColourGap;
}

/** Both rules: the sets the tiers try before any that would lose one of the image's flat colours. */
export function keepsFlatColours(candidate: Partial<TracewiseParams>, image: { features: ArrayLike<number>; flatColourGap: number }): boolean {
  return holdsFlatColours(candidate, image.features) && keepsFlatShades(candidate, image.flatColourGap);
}
