import type { Point, Segment } from './bezier';
import type { FittedPath } from './fitContour';

/**
 * How far a written point may stray from its fitted place so that its number is spelt shorter
 * (fewer decimals), in pixels of the working grid. `decimals` sets the finest step, 10^-decimals,
 * which the scale already chose (see coordinatePrecision).
 */
export interface Spelling {
  decimals: number;
  /** For points on the outline (a segment's end). */
  end: number;
  /** For a cubic's control points: they pull the curve by at most 3/4 of their own move (the
   * weight 3t(1 − t) of both together), so they may move further for the same shape error. */
  control: number;
}

/**
 * The fit keeps this share of the curve tolerance; the rest is spent on spelling. Train split,
 * tier 2 (same parameter model), against plain rounding: fitting at 0.7 / 0.8 / 0.9 / 1.0 of the
 * tolerance gave −1.7 / −6.2 / −10.2 / −13.2% bytes at +0.0004 / ±0 / −0.0006 / −0.0011 mean SSIM.
 */
export const FIT_SHARE = 0.8;

/**
 * The spelling slack for an outline fitted with `curveTolerance`: each a share of that tolerance,
 * capped in steps of the finest spelling so that a loose tolerance does not bend straight
 * diagonals (a 45° arrow's lines moved by 0.3 px at tolerance 0.8 without the cap). A control
 * point's cap, half a coarser step, lets it always take the coarser grid.
 */
export function spellingFor(curveTolerance: number, decimals: number): Spelling {
  const step = 10 ** -decimals;
  return { decimals, end: Math.min(0.4 * curveTolerance, 2 * step), control: Math.min(curveTolerance, 5 * step) };
}

/**
 * The paths as they will be written, every point on the grid of 10^-decimals: a move, then each
 * point spelt relative to the one before it (a segment's controls relative to its start, as SVG's
 * `c` has them) with the fewest decimals that keep it within the slack of its fitted place. The
 * error never accumulates: each point is measured against its own fitted place, not its
 * predecessor's written one. A path that closes on its start still does.
 */
export function spellPaths(paths: FittedPath[], spelling: Spelling): FittedPath[] {
  const unit = 10 ** spelling.decimals;
  const endSlack = spelling.end * unit;
  const controlSlack = spelling.control * unit;
  return paths.map((path) => {
    const startX = Math.round(path.start.x * unit);
    const startY = Math.round(path.start.y * unit);
    let cx = startX;
    let cy = startY;
    const at = (x: number, y: number): Point => ({ x: x / unit, y: y / unit });
    const segments = path.segments.map((segment, index): Segment => {
      const closes = index === path.segments.length - 1 && Math.round(segment.to.x * unit) === startX && Math.round(segment.to.y * unit) === startY;
      const tx = closes ? startX : cx + shortestStep(segment.to.x * unit - cx, unit, endSlack);
      const ty = closes ? startY : cy + shortestStep(segment.to.y * unit - cy, unit, endSlack);
      const to = at(tx, ty);
      const written: Segment = segment.kind === 'L'
        ? { kind: 'L', to }
        : {
            kind: 'C',
            c1: at(cx + shortestStep(segment.c1.x * unit - cx, unit, controlSlack), cy + shortestStep(segment.c1.y * unit - cy, unit, controlSlack)),
            c2: at(cx + shortestStep(segment.c2.x * unit - cx, unit, controlSlack), cy + shortestStep(segment.c2.y * unit - cy, unit, controlSlack)),
            to,
          };
      cx = tx;
      cy = ty;
      return written;
    });
    return { start: at(startX, startY), segments };
  });
}

/**
 * A step of `exact` finest units written with the fewest decimals: the nearest multiple of the
 * coarsest power of ten (up to a whole pixel, `unit` finest units) within `slack`, else `exact`
 * rounded to the finest grid.
 */
function shortestStep(exact: number, unit: number, slack: number): number {
  for (let coarse = unit; coarse > 1; coarse /= 10) {
    const rounded = Math.round(exact / coarse) * coarse;
    if (Math.abs(rounded - exact) <= slack) return rounded;
  }
  return Math.round(exact);
}
