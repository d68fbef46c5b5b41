/**
 * The classifier's input vector, in order. The order is part of the model contract: the manifest
 * lists these names and `loadClassifier` refuses a model trained on a different list, so append
 * or rename only together with retraining.
 */
export const FEATURE_NAMES = [
  // Geometry and transparency
  'workSideLog', // log2(longest side measured / 256): 0 from 256 px up, negative for small inputs
  'aspectLog', // ln(width / height)
  'opaqueShare', // pixels with alpha ≥ 128
  'semiTransparentShare', // pixels with 16 ≤ alpha < 240: anti-aliasing, soft shadows, fading stops
  'transparentBackground', // 1 when most border pixels are transparent
  'contentAspectLog', // ln of the foreground bounding box's width / height
  'contentFill', // foreground pixels / bounding-box area
  // Colour
  'colourCountLog', // log2(1 + distinct 4-bit-per-channel colours among opaque pixels)
  'significantColoursLog', // log2(1 + those covering ≥ 0.5 % of opaque pixels)
  'top1Share', // share of opaque pixels in the most common quantised colour
  'top2Share',
  'top4Share',
  'top8Share',
  'meanSaturation', // HSV saturation, 0–1
  'saturationStd',
  'colourfulness', // Hasler–Süsstrunk, / 100
  'hueEntropy', // saturation-weighted entropy of a 12-bin hue histogram, / log2(12)
  'lumaStd', // / 128
  // Texture, on the image composited over white
  'edgeDensity', // pixels with a channel step > 48 to the right or below
  'flatShare', // opaque 4×4 blocks of one exact colour
  'smoothShare', // opaque 4×4 blocks that vary with no step > 8: shading
  'smoothCoherence', // smooth blocks whose right and lower neighbours are smooth too / smooth blocks
  'smoothToEdge', // smooth / (smooth + edge) pixels
  'smoothBlocksLog', // log2(1 + smooth blocks, at the 256 px scale): small shaded details count
  'verticalEdgeShare', // edges found horizontally / all edges: upright strokes dominate text
  // Regions: 8-connected runs of one 3-bit-per-channel colour
  'regionCountLog', // log2(1 + regions ≥ 0.05 % of the image)
  'fragmentShare', // pixels in regions smaller than that
  'largestRegionShare', // the largest non-background region / foreground pixels
  // Exact flat paint: opaque pixels equal to their right and lower neighbours
  'flatColoursLog', // log2(1 + flat colours covering ≥ 0.2 % of the image)
  'flatColoursMinorLog', // … covering ≥ 0.05 % (small details count)
  'flatColoursMajorLog', // … covering ≥ 1 %
  'flatCoverage', // flat pixels in pieces / opaque pixels
  'flatRegionsLog', // log2(1 + flat regions ≥ 0.1 % of the image): about the SVG's shape count
  'flatPiecesLog', // log2(1 + flat pieces ≥ 6 px at 256 px: dashes and dots count too)
  // Foreground shape
  'componentCountLog', // log2(1 + 8-connected foreground components ≥ 0.02 % of the image)
  'strokeWidth', // median over foreground pixels of min(horizontal, vertical run) / longest side
  'strokeWidthSpread', // (p80 − p20) of that run length / longest side
  'runsPerLineLog', // log2(1 + mean foreground runs per row that has any)
  'perimeterRatio', // foreground boundary pixels / foreground pixels
  'contourComplexity', // foreground boundary pixels / √(foreground pixels): intricate outlines score high
  'holeShare', // background pixels enclosed by foreground / foreground bounding box
  'holeCountLog', // log2(1 + enclosed background pieces ≥ 0.05 % of the image)
  'inkLength', // foreground pixels / median stroke width / longest side: how much line is drawn
  // Text-likeness: small glyph-sized regions sitting on a common line
  'glyphCountLog', // log2(1 + glyph-sized regions)
  'glyphAlignedLog', // log2(1 + the most glyph regions crossed by one horizontal line)
  'glyphAlignedShare', // that count / glyph regions
  'glyphHeightCv', // coefficient of variation of the aligned glyphs' heights
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Index of a feature by name, for readable rules (the rule-based baseline) and tests. */
export const FEATURE_INDEX = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<FeatureName, number>;
