import { isStraight, type Point, type Segment } from './bezier';

/**
 * Joins consecutive lines into one wherever every contour point they cover stays within the curve
 * tolerance of the joined chord. A long straight edge whose anti-aliasing was explained
 * imperfectly (a flat shape on a gradient) wobbles a little; straight-run detection, strict so
 * that gentle arcs stay curves, then breaks it into several collinear lines plus short pieces in
 * between, each written out. Corners are never joined across.
 */
export function mergeStraightLines(loop: Point[], segments: Segment[], corners: Set<number>, tolerance: number): Segment[] {
  const out: Segment[] = [];
  /** Contour index where the last output segment starts. */
  let lastStart = 0;
  let start = 0;
  for (const segment of segments) {
    const previous = out[out.length - 1];
    const at = segment.at;
    if (
      previous?.kind === 'L' &&
      segment.kind === 'L' &&
      at !== undefined &&
      previous.at !== undefined &&
      !corners.has(previous.at % (loop.length - 1)) &&
      isStraight(loop, lastStart, at, tolerance)
    ) {
      out[out.length - 1] = { kind: 'L', to: segment.to, at };
    } else {
      lastStart = start;
      out.push(segment);
    }
    start = at ?? start;
  }
  return out;
}
