import { FEATURE_INDEX as F, type FeatureName } from '../features/names';
import type { LogoClass } from '../types';

/**
 * The thresholds, chosen by looking at the training split's feature distributions (never the
 * test split). Named so the training report can print them.
 */
export const RULES = {
  /** Smooth 4×4 blocks (at 256 px) above which the image has visible shading. */
  gradientMinSmoothBlocks: 60,
  /** Below 256 px resampling blurs every edge into "smooth" blocks, so small inputs need most
   * smooth blocks to sit in smooth neighbourhoods instead. */
  smallGradientMinCoherence: 0.35,
  /** A word: at least this many glyph-sized regions on one line… */
  textMinAlignedGlyphs: 6,
  /** …making up at least this share of all glyph-sized regions… */
  textMinAlignedShare: 0.5,
  /** …in few flat colours (wordmarks are one or two inks). */
  textMaxColours: 3,
  /** The corpus' own definition of simple: ≤ 4 flat colours and few shapes. */
  simpleMaxColours: 4,
  simpleMaxRegions: 10,
  /** Small inputs have few exact flat pixels; there the 4-bit palette and coarse regions decide. */
  smallSimpleMaxColours: 32,
  smallSimpleMaxRegions: 30,
} as const;

/**
 * Hand-written thresholds on the same features as the model: the baseline the model must beat,
 * and a dependency-free answer when the model is unavailable. First match wins, in the order the
 * corpus labels are defined (gradient, then text, then simple vs complex).
 */
export function classifyByRules(features: Float32Array): LogoClass {
  // Count features are stored as log2(1 + n).
  const count = (name: FeatureName): number => 2 ** features[F[name]]! - 1;
  const small = features[F.workSideLog]! < 0;
  if (small ? features[F.smoothCoherence]! > RULES.smallGradientMinCoherence : count('smoothBlocksLog') > RULES.gradientMinSmoothBlocks) return 'gradient';
  if (count('glyphAlignedLog') >= RULES.textMinAlignedGlyphs
    && features[F.glyphAlignedShare]! >= RULES.textMinAlignedShare
    && count('flatColoursLog') <= RULES.textMaxColours) return 'text';
  const simple = small
    ? count('colourCountLog') <= RULES.smallSimpleMaxColours && count('regionCountLog') <= RULES.smallSimpleMaxRegions
    : count('flatColoursLog') <= RULES.simpleMaxColours && count('flatRegionsLog') <= RULES.simpleMaxRegions;
  if (simple) return 'simple';
  return 'complex';
}
