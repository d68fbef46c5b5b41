import { ConvertError } from '../errors';
import { optimizeSvg } from '../optimize/optimizeSvg';
import { setSvgRoot, utf8Bytes } from '../svg/svgRoot';
import { ENGINES } from '../trace/engines';
import type { Fallback, Quality, Raster } from '../types';
import { FALLBACK_ENGINE, type Candidate } from './tierPlans';

/** One traced (and maybe polished and measured) SVG at the working size. */
export interface Attempt {
  svg: string;
  engine: string;
  params: Record<string, unknown>;
  /** What was asked for (the engine and params above differ when the fallback engine traced). */
  candidate: Candidate;
  fallback: Fallback | null;
  quality: Quality | null;
  bytes: number;
}

export interface StageClock {
  <T>(stage: 'trace' | 'optimize' | 'measure', work: () => T | Promise<T>, deadline?: boolean): Promise<T>;
}

/**
 * Traces one candidate. If its engine throws, the fallback engine traces the image instead and
 * the result says so; only when that fails too is the conversion ENGINE_FAILED.
 */
export async function traceCandidate(raster: Raster, candidate: Candidate, precision: number, clock: StageClock): Promise<Attempt> {
  let engineId = candidate.engine;
  let params = candidate.params;
  let fallback: Fallback | null = null;
  const root = { viewWidth: raster.width, viewHeight: raster.height, width: raster.width, height: raster.height };
  // An engine's output counts as traced only once it is an SVG we can re-root: junk is a failure
  // of that engine (and so falls back), not an internal error.
  const traceWith = async (id: string, p: Record<string, unknown>): Promise<string> =>
    setSvgRoot((await clock('trace', () => ENGINES[id].trace(raster, p, { precision }))).svg, root);
  let svg: string;
  try {
    svg = await traceWith(engineId, params);
  } catch (error) {
    if (error instanceof ConvertError && (error.code === 'ABORTED' || error.code === 'TIMEOUT')) throw error;
    if (engineId === FALLBACK_ENGINE) throw engineFailed(engineId, error);
    fallback = { from: engineId, reason: `The ${engineId} engine failed (${messageOf(error)}); traced with ${FALLBACK_ENGINE} instead.` };
    engineId = FALLBACK_ENGINE;
    params = ENGINES[engineId].defaultParams(raster) as Record<string, unknown>;
    svg = await traceWith(engineId, params).catch((e: unknown) => {
      if (e instanceof ConvertError && (e.code === 'ABORTED' || e.code === 'TIMEOUT')) throw e;
      throw engineFailed(engineId, e);
    });
  }
  const polish = candidate.optimize || engineId === FALLBACK_ENGINE; // imagetracer's raw output needs svgo
  const finalSvg = polish ? await clock('optimize', () => optimizeSvg(svg, precision)) : svg;
  return { svg: finalSvg, engine: engineId, params: { ...params, precision }, candidate, fallback, quality: null, bytes: utf8Bytes(finalSvg) };
}

function engineFailed(engineId: string, error: unknown): ConvertError {
  return new ConvertError('ENGINE_FAILED', `The ${engineId} tracer failed: ${messageOf(error)}`, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
