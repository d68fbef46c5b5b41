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
  let svg: string;
  try {
    svg = (await clock('trace', () => ENGINES[engineId].trace(raster, params, { precision }))).svg;
  } catch (error) {
    if (error instanceof ConvertError && (error.code === 'ABORTED' || error.code === 'TIMEOUT')) throw error;
    if (engineId === FALLBACK_ENGINE) throw engineFailed(engineId, error);
    fallback = { from: engineId, reason: `The ${engineId} engine failed (${messageOf(error)}); traced with ${FALLBACK_ENGINE} instead.` };
    engineId = FALLBACK_ENGINE;
    params = ENGINES[engineId].defaultParams(raster) as Record<string, unknown>;
    svg = (await clock('trace', () => ENGINES[engineId].trace(raster, params, { precision })).catch((e: unknown) => {
      throw engineFailed(engineId, e);
    })).svg;
  }
  const root = { viewWidth: raster.width, viewHeight: raster.height, width: raster.width, height: raster.height };
  const polish = candidate.optimize || engineId === FALLBACK_ENGINE; // imagetracer's raw output needs svgo
  const finalSvg = polish ? await clock('optimize', () => optimizeSvg(setSvgRoot(svg, root), precision)) : setSvgRoot(svg, root);
  return { svg: finalSvg, engine: engineId, params: { ...params, precision }, fallback, quality: null, bytes: utf8Bytes(finalSvg) };
}

function engineFailed(engineId: string, error: unknown): ConvertError {
  return new ConvertError('ENGINE_FAILED', `The ${engineId} tracer failed: ${messageOf(error)}`, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
