/** Knobs of the Tracewise engine. Distances are in 0–255 premultiplied RGBA units, lengths in
 * working-grid pixels. */
export interface TracewiseParams {
  /** Upper bound on flat colours (transparency not counted); the image decides how many it uses. */
  maxColours: number;
  /** Two colours closer than this are one colour (anti-aliasing and JPEG noise sit below it). */
  colourDistance: number;
  /** A colour needs at least this share of the image's pixels to get its own layer. */
  minColourShare: number;
  /** Largest distance from a contour point to its fitted curve. */
  curveTolerance: number;
  /** Contours enclosing less area than this (px²) are dropped as specks. */
  minArea: number;
  /** Fit linear/radial gradients to smooth regions instead of drawing them as colour bands. */
  gradients: boolean;
  /** At most this many extra colours for thin lines that have no interior pixels (0 = off). */
  thinColours: number;
  /** Turning angle (degrees) above which a contour point is a corner rather than a curve. */
  cornerAngle: number;
  /** Write a lone outline that is a circle, ellipse or (rounded) rectangle as that element when shorter. */
  primitives: boolean;
  /** Where gradient facets are found, also draw them with their own gradients (ownRegions,
   * splitFacets) and keep that when clearly smaller: up to two more drawings of the image. */
  facets: boolean;
}

export const TRACEWISE_DEFAULTS: Readonly<TracewiseParams> = Object.freeze({
  maxColours: 24,
  colourDistance: 24,
  minColourShare: 0.0004,
  curveTolerance: 0.5,
  minArea: 2,
  cornerAngle: 55,
  thinColours: 0,
  gradients: true,
  primitives: true,
  facets: true,
});
