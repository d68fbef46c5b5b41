import { coordinatePrecision } from '../../../src/core/optimize/optimizeSvg';
import { renderSvg } from '../../../src/core/quality/renderSvg';
import { scoreRaster } from '../../../src/core/quality/scoreRaster';
import { traceCandidate } from '../../../src/core/tiers/attempt';
import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../../../src/core/trace/tracewise/params';
import type { Raster } from '../../../src/core/types';

/** One parameter set's outcome on one image: what tier 2 would return with it. */
export interface SearchResult {
  ssim: number;
  bytes: number;
  /** Trace + svgo + render + score. */
  ms: number;
}

/**
 * Traces the image with one parameter set exactly as tier 2 does (the pipeline's traceCandidate,
 * svgo at the pipeline's precision) and measures it as the pipeline does (resvg at the working
 * size, SSIM over white). The renderer must be loaded (loadRenderer) before.
 */
export async function searchOne(raster: Raster, scale: number, overrides: Partial<TracewiseParams>): Promise<SearchResult> {
  const t0 = performance.now();
  const precision = coordinatePrecision(Math.max(raster.width, raster.height), scale);
  const candidate = { engine: 'tracewise', params: { ...TRACEWISE_DEFAULTS, ...overrides }, optimize: true, source: 'preset' as const };
  const attempt = await traceCandidate(raster, candidate, precision, async (_stage, work) => work());
  if (attempt.fallback) throw new Error(`tracewise failed on this image: ${attempt.fallback.reason}`);
  const quality = scoreRaster(raster, renderSvg(attempt.svg, raster.width, raster.height));
  return { ssim: quality.ssim, bytes: attempt.bytes, ms: performance.now() - t0 };
}
