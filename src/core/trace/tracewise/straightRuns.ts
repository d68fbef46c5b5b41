import type { Point } from './bezier';

/** A run is a line when no point strays further than this from its chord… */
const MAX_DEVIATION = 0.25;
/** …the points do not all bow to one side (an arc does: its mean offset is ⅔ of its sagitta)… */
const MAX_MEAN_OFFSET = 0.02;
/** …and it is at least this long (px). */
const MIN_LENGTH = 8;

/**
 * Maximal straight runs in points[from..to], as [first, last] index pairs in order. Long straight
 * edges then stay exact lines instead of shallow cubics that wobble within the curve tolerance,
 * while an arc — however gentle — is left to the curve fitter because it bows to one side.
 */
export function straightRuns(points: Point[], from: number, to: number): [number, number][] {
  const runs: [number, number][] = [];
  let i = from;
  while (i < to) {
    let best = -1;
    for (let j = i + 2; j <= to; j++) {
      if (!isLine(points, i, j)) break;
      if (Math.hypot(points[j].x - points[i].x, points[j].y - points[i].y) >= MIN_LENGTH) best = j;
    }
    if (best > 0) {
      runs.push([i, best]);
      i = best;
    } else {
      i++;
    }
  }
  return runs;
}

function isLine(points: Point[], i: number, j: number): boolean {
  const a = points[i];
  const dx = points[j].x - a.x;
  const dy = points[j].y - a.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return false;
  let sum = 0;
  for (let k = i + 1; k < j; k++) {
    const offset = ((points[k].x - a.x) * dy - (points[k].y - a.y) * dx) / length;
    if (Math.abs(offset) > MAX_DEVIATION) return false;
    sum += offset;
  }
  return j - i < 2 || Math.abs(sum / (j - i - 1)) <= MAX_MEAN_OFFSET;
}
