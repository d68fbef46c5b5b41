import { ConvertError } from '../errors';
import type { Quality, Raster } from '../types';
import { traceCandidate, type Attempt, type StageClock } from './attempt';
import { better, type SearchReport } from './closedLoop';
import type { Candidate } from './tierPlans';

export interface CandidateRun {
  candidates: Candidate[];
  target: number;
  raster: Raster;
  precision: number;
  clock: StageClock;
  overDeadline(): boolean;
  /** Null when the SVG cannot be measured (no renderer): then there is nothing to search on. */
  measure(svg: string): Promise<Quality | null>;
}

/**
 * Traces the tier's candidates in order. One candidate: that is the result. Several (tier 3's
 * closed loop): each is rendered back and measured, the better one kept; once the deadline
 * passes — between candidates or in the middle of one — the search ends with its best so far.
 * Only a tier whose first trace had not begun can time out.
 */
export async function runCandidates(run: CandidateRun): Promise<{ chosen: Attempt; search: SearchReport | null }> {
  const closedLoop = run.candidates.length > 1;
  let best: Attempt | null = null;
  let first: Attempt | null = null;
  let tried = 0;
  let stoppedByDeadline = false;
  for (const candidate of run.candidates) {
    if (best && run.overDeadline()) {
      stoppedByDeadline = true;
      break;
    }
    try {
      const attempt = await traceCandidate(run.raster, candidate, run.precision, run.clock);
      // The first candidate is tier 2's choice and the search's baseline: once traced it is
      // always measured; later ones are cut by the deadline.
      if (closedLoop) attempt.quality = await run.clock('measure', () => run.measure(attempt.svg), best !== null);
      tried++;
      first ??= attempt;
      if (closedLoop && !attempt.quality) {
        best ??= attempt; // unmeasurable: keep the first (tier 2's) choice, search no further
        break;
      }
      best = closedLoop ? better(best, attempt, run.target) : attempt;
    } catch (error) {
      if (best && error instanceof ConvertError && error.code === 'TIMEOUT') {
        stoppedByDeadline = true;
        break;
      }
      throw error;
    }
  }
  const chosen = best!;
  const search = closedLoop
    ? {
        tried,
        planned: run.candidates.length,
        stoppedByDeadline,
        target: run.target,
        gain: {
          ssim: chosen.quality && first!.quality ? chosen.quality.ssim - first!.quality.ssim : 0,
          bytes: chosen.bytes - first!.bytes,
        },
      }
    : null;
  return { chosen, search };
}
