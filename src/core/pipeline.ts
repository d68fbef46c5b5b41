import { decodeImage, type DecodedImage } from './decode/decodeImage';
import { loadVips } from './decode/loadVips';
import { ConvertError, toConvertError } from './errors';
import type { Host } from './host';
import { resolveOptions, type ConvertOptions } from './options';
import { coordinatePrecision } from './optimize/optimizeSvg';
import { loadRenderer, renderSvg } from './quality/renderSvg';
import { withTimeout } from './withTimeout';
import { scoreRaster } from './quality/scoreRaster';
import { countShapes, setSvgRoot, utf8Bytes } from './svg/svgRoot';
import { runCandidates } from './tiers/runCandidates';
import { loadClassifier } from './classify';
import { classifierRecentlyTimedOut, classifyForTier } from './tiers/classifyForTier';
import { loadParamsModel, planParams } from './params';
import { TIER3_TARGET_SSIM, tierCandidates } from './tiers/tierPlans';
import type { ConvertResult, Fallback, Quality, StageTimings } from './types';

/** Start-up waits this long for the model; past it, the classify stage decides (and falls back). */
const SETUP_TIMEOUT_MS = 10_000;

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
  await startDecoder(host);
  const started = performance.now();
  const decoded = await decodeInput(signal, input, partialOptions, host);
  return convertDecoded(signal, decoded, partialOptions, host, started);
}

/** wasm-vips start-up is the runtime's, not a conversion's: it is kept out of deadlines and times. */
async function startDecoder(host: Host): Promise<void> {
  try {
    await loadVips(host);
  } catch (error) {
    throw toConvertError(error);
  }
}

/**
 * The wasm-vips half of a conversion. Split out so that a browser can keep the one ~270 MB vips
 * instance in one worker and trace in lighter ones; `convert` simply runs both halves.
 */
export async function decodeInput(
  signal: AbortSignal,
  input: Uint8Array,
  partialOptions: Partial<ConvertOptions>,
  host: Host,
): Promise<DecodedImage> {
  const options = resolveOptions(partialOptions);
  if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
  await startDecoder(host);
  const started = performance.now();
  try {
    const decoded = decodeImage(await loadVips(host), input, options);
    return { ...decoded, decodeMs: performance.now() - started };
  } catch (error) {
    throw toConvertError(error);
  }
}

/**
 * Everything after decoding: trace (one candidate, or tier 3's closed loop), optimise, measure.
 * `started` lets the deadline and the total time include a decode done elsewhere.
 */
export async function convertDecoded(
  signal: AbortSignal,
  decoded: DecodedImage,
  partialOptions: Partial<ConvertOptions>,
  host: Host,
  started = performance.now() - decoded.decodeMs,
): Promise<ConvertResult> {
  const options = resolveOptions(partialOptions);
  // Loading the renderer and the model happens once per worker: it is kept out of the deadline
  // and the timings (a model that cannot load is the classify stage's fallback, not an error).
  const setup = performance.now();
  await Promise.all([
    loadRenderer(host).catch(() => null),
    options.tier > 1 && !classifierRecentlyTimedOut(host) ? withTimeout(loadClassifier(host), SETUP_TIMEOUT_MS, 'The classifier').catch(() => null) : null,
    options.tier > 1 ? withTimeout(loadParamsModel(host), SETUP_TIMEOUT_MS, 'The parameter model').catch(() => null) : null,
  ]);
  started += performance.now() - setup;
  const timings: StageTimings = { decode: decoded.decodeMs, classify: 0, trace: 0, optimize: 0, measure: 0, total: 0 };
  const overDeadline = () => options.deadlineMs !== null && performance.now() - started > options.deadlineMs;
  const checkpoint = (): void => {
    if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
    if (overDeadline()) throw new ConvertError('TIMEOUT', `The conversion took longer than its ${options.deadlineMs} ms deadline.`);
  };
  const timed = async <T>(stage: 'classify' | 'trace' | 'optimize' | 'measure', work: () => T | Promise<T>, deadline = true): Promise<T> => {
    if (deadline) checkpoint();
    else if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] += performance.now() - t0;
    }
  };

  try {
    checkpoint();
    const { raster } = decoded;
    const precision = coordinatePrecision(Math.max(raster.width, raster.height), decoded.scale);
    const ai = options.tier === 1 ? { classification: null, fallback: null } : await timed('classify', () => classifyForTier(signal, raster, host));
    const logoClass = ai.classification?.class ?? null;
    // Tier 2 without its model traces like tier 1 (plain); tier 3 still measures its way.
    const planTier = options.tier === 2 && ai.fallback ? 1 : options.tier;
    const target = TIER3_TARGET_SSIM[logoClass ?? 'unknown'];
    // The parameter model needs the class (its target); without it the presets stand, and say so.
    const params = ai.classification
      ? await timed('classify', () => planParams(signal, ai.classification!.features, ai.classification!.class, target, host))
      : { plan: null, fallback: null };
    const candidates = tierCandidates(planTier, logoClass, params.plan);

    // Scoring needs the renderer; if it cannot run, the SVG is still the result, unmeasured.
    let unmeasured: Fallback | null = null;
    const measureSafely = async (svg: string): Promise<Quality | null> => {
      try {
        return await measure(host, svg, decoded);
      } catch (error) {
        if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
        const reason = error instanceof Error ? error.message : String(error);
        unmeasured ??= { from: 'quality', reason: `The SVG could not be rendered back to measure it (${reason}); it is returned unmeasured.` };
        return null;
      }
    };
    const { chosen, candidate, search } = await runCandidates({
      candidates,
      target,
      raster,
      precision,
      clock: timed,
      overDeadline,
      measure: measureSafely,
    });
    // The final measurement is not cut by the deadline: a traced SVG is never thrown away for it.
    if (!search && options.measureQuality) chosen.quality = await timed('measure', () => measureSafely(chosen.svg), false);
    if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
    const root = { viewWidth: raster.width, viewHeight: raster.height, width: decoded.sourceWidth, height: decoded.sourceHeight };
    const svg = setSvgRoot(chosen.svg, root);
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
      engine: chosen.engine,
      params: chosen.params,
      paramSource: chosen.engine === candidate.engine ? candidate.source : 'plain',
      tier: options.tier,
      class: logoClass,
      confidence: ai.classification?.confidence ?? null,
      fallback: chosen.fallback ?? ai.fallback ?? params.fallback ?? unmeasured,
      quality: options.measureQuality || search ? chosen.quality : null,
      search,
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

/**
 * What a trace-only worker needs before its first job: the renderer, the classifier and the
 * parameter model (model bytes, ONNX sessions). Started when the worker starts, so the first
 * tier-2 conversion does not pay for them; a model that cannot load is left to the conversion's
 * own fallback.
 */
export async function prepareTracer(host: Host): Promise<void> {
  await Promise.all([loadRenderer(host), loadClassifier(host).catch(() => null), loadParamsModel(host).catch(() => null)]);
}

/**
 * Starts the wasm modules ahead of the first conversion, and with `warmUp` also converts a small
 * generated logo once, so the JIT has compiled the tracer before the first real file is timed.
 */
export async function prepareCore(host: Host, { warmUp = false } = {}): Promise<void> {
  // The models may be unavailable: conversions then fall back, so start-up must not fail.
  const [vips] = await Promise.all([loadVips(host), loadRenderer(host), loadClassifier(host).catch(() => null), loadParamsModel(host).catch(() => null)]);
  if (!warmUp) return;
  const canvas = vips.Image.black(96, 96, { bands: 4 });
  canvas.drawCircle([200, 40, 40, 255], 48, 48, 36, { fill: true });
  canvas.drawRect([255, 255, 255, 255], 34, 34, 28, 28, { fill: true });
  const png = canvas.writeToBuffer('.png');
  canvas.delete();
  for (const tier of [1, 2] as const) await convert(new AbortController().signal, png, { tier }, host);
}
