import { decodeImage, type DecodedImage } from './decode/decodeImage';
import { loadVips } from './decode/loadVips';
import { ConvertError, toConvertError } from './errors';
import type { Host } from './host';
import { resolveOptions, type ConvertOptions } from './options';
import { coordinatePrecision, optimizeSvg } from './optimize/optimizeSvg';
import { loadRenderer, renderSvg } from './quality/renderSvg';
import { scoreRaster } from './quality/scoreRaster';
import { countShapes, setSvgRoot, utf8Bytes } from './svg/svgRoot';
import { DEFAULT_ENGINE_ID, ENGINES } from './trace/engines';
import type { ConvertResult, Quality, StageTimings } from './types';

/**
 * PNG/JPEG/WebP/GIF bytes → optimised SVG with its measured quality. Orchestration only: each
 * stage lives in its own folder. Runs unchanged in a Worker and in Node; `host` is the only
 * difference. Stages are synchronous wasm/JS and cannot be interrupted, so the signal and the
 * deadline are checked between them (a pool terminates the worker for a hard stop).
 */
export async function convert(
  signal: AbortSignal,
  input: Uint8Array,
  partialOptions: Partial<ConvertOptions>,
  host: Host,
): Promise<ConvertResult> {
  const options = resolveOptions(partialOptions);
  const started = performance.now();
  const timings: StageTimings = { decode: 0, trace: 0, optimize: 0, measure: 0, total: 0 };
  const checkpoint = (): void => {
    if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
    if (options.deadlineMs !== null && performance.now() - started > options.deadlineMs) {
      throw new ConvertError('TIMEOUT', `The conversion took longer than its ${options.deadlineMs} ms deadline.`);
    }
  };
  const timed = async <T>(stage: Exclude<keyof StageTimings, 'total'>, work: () => T | Promise<T>): Promise<T> => {
    checkpoint();
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] += performance.now() - t0;
    }
  };

  try {
    const vips = await loadVips(host);
    const decoded = await timed('decode', () => decodeImage(vips, input, options));
    const { raster } = decoded;
    const engine = ENGINES[DEFAULT_ENGINE_ID];
    const params = engine.defaultParams(raster);
    const traced = await timed('trace', () => engine.trace(raster, params)).catch((error: unknown) => {
      throw asEngineFailure(engine.id, error);
    });
    const workSize = { viewWidth: raster.width, viewHeight: raster.height, width: raster.width, height: raster.height };
    const precision = coordinatePrecision(Math.max(raster.width, raster.height), decoded.scale);
    const optimized = await timed('optimize', () => optimizeSvg(setSvgRoot(traced.svg, workSize), precision));
    const quality = options.measureQuality
      ? await timed('measure', () => measure(host, optimized, decoded))
      : null;
    checkpoint();
    const svg = setSvgRoot(optimized, { ...workSize, width: decoded.sourceWidth, height: decoded.sourceHeight });
    timings.total = performance.now() - started;
    return {
      svg,
      width: decoded.sourceWidth,
      height: decoded.sourceHeight,
      workWidth: raster.width,
      workHeight: raster.height,
      scale: decoded.scale,
      bytes: utf8Bytes(svg),
      pathCount: countShapes(svg),
      engine: engine.id,
      params: { ...params, precision },
      tier: options.tier,
      class: null,
      confidence: null,
      fallback: null,
      quality,
      timings,
    };
  } catch (error) {
    throw toConvertError(error);
  }
}

/** Renders the SVG at the working size (its root already says so) and scores it. */
async function measure(host: Host, svg: string, decoded: DecodedImage): Promise<Quality> {
  await loadRenderer(host);
  const { width, height } = decoded.raster;
  return scoreRaster(decoded.raster, renderSvg(svg, width, height));
}

function asEngineFailure(engineId: string, error: unknown): ConvertError {
  if (error instanceof ConvertError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConvertError('ENGINE_FAILED', `The ${engineId} tracer failed: ${message}`, { cause: error });
}

/** Starts the wasm modules ahead of the first conversion, so its time is the conversion's own. */
export async function prepareCore(host: Host): Promise<void> {
  await Promise.all([loadVips(host), loadRenderer(host)]);
}
