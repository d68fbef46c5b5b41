import { decodeImage, type DecodedImage } from './decode/decodeImage';
import { loadVips } from './decode/loadVips';
import { WARM_UP_PNG } from './decode/warmUpPng';
import { ConvertError, toConvertError } from './errors';
import type { Host } from './host';
import { combineFallbacks } from './fallbacks';
import { resolveOptions, tier1RescueMs, type ConvertOptions } from './options';
import { coordinatePrecision } from './optimize/optimizeSvg';
import { loadRenderer, renderSvg } from './quality/renderSvg';
import { TimeoutError, withTimeout } from './withTimeout';
import { scoreRaster } from './quality/scoreRaster';
import { countShapes, setSvgRoot, utf8Bytes } from './svg/svgRoot';
import { startupMark } from './monitor/startupMark';
import { runCandidates } from './tiers/runCandidates';
import { traceCandidate, type Attempt } from './tiers/attempt';
import type { SearchReport } from './tiers/closedLoop';
import { disposeClassifier, loadClassifier } from './classify';
import { classifierRecentlyTimedOut, classifyForTier, noteClassifierTimedOut } from './tiers/classifyForTier';
import { disposeParamsModel, loadParamsModel, planParams } from './params';
import { TIER3_TARGET_SSIM, tierCandidates } from './tiers/tierPlans';
import type { ConvertResult, Fallback, Quality, Raster, StageTimings } from './types';
import type { Classification } from './classify';

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

/** wasm-vips start-up is the runtime's, not a conversion's: it is kept out of deadlines and times.
 * Exported so a decode worker can report when it is ready, before a file's deadline starts. With
 * `warmUp`, also decodes (and shrinks) a generated PNG once: a fresh instance decodes its first
 * image several times slower (wasm tier-up), which is start-up too. */
export async function prepareDecoder(host: Host, { warmUp = false } = {}): Promise<void> {
  await startDecoder(host);
  startupMark('vips');
  // A warm-up that fails only leaves the first decode slower: never a reason to fail start-up.
  if (warmUp) await (decoderWarmUp ??= warmUpDecoder(host).catch(() => {}));
  if (warmUp) startupMark('decoder-warm');
}

let decoderWarmUp: Promise<void> | null = null;

async function warmUpDecoder(host: Host): Promise<void> {
  const vips = await loadVips(host);
  decodeImage(vips, WARM_UP_PNG, { maxSide: 64, maxPixels: 1_000_000 });
}

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
  await prepareConversion(host, options.tier);
  started += performance.now() - setup;
  const timings: StageTimings = { decode: decoded.decodeMs, classify: 0, trace: 0, optimize: 0, measure: 0, total: 0 };
  const overDeadline = () => options.deadlineMs !== null && performance.now() - started > options.deadlineMs;
  const checkpoint = (): void => {
    if (signal.aborted) throw new ConvertError('ABORTED', 'The conversion was cancelled.');
    if (overDeadline()) throw new ConvertError('TIMEOUT', `The conversion took longer than its ${options.deadlineMs} ms deadline.`);
  };
  // Polishing an SVG that is already traced is never cut: the trace was the expensive part.
  const timed = async <T>(stage: 'classify' | 'trace' | 'optimize' | 'measure', work: () => T | Promise<T>, deadline = stage !== 'optimize'): Promise<T> => {
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
    const { raster } = decoded;
    const precision = coordinatePrecision(Math.max(raster.width, raster.height), decoded.scale);
    let ai: { classification: Classification | null; fallback: Fallback | null } = { classification: null, fallback: null };
    let paramsFallback: Fallback | null = null;

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
    let traced: { chosen: Attempt; search: SearchReport | null };
    let deadlineNote: Fallback | null = null;
    let measureQuality = options.measureQuality;
    try {
      checkpoint();
      if (options.tier > 1) ai = await timed('classify', () => classifyForTier(signal, raster, host));
      const logoClass = ai.classification?.class ?? null;
      // Tier 2 without its model traces like tier 1 (plain); tier 3 still measures its way.
      const planTier = options.tier === 2 && ai.fallback ? 1 : options.tier;
      const target = TIER3_TARGET_SSIM[logoClass ?? 'unknown'];
      // The parameter model needs the class (its target); without it the presets stand, and say so.
      const params = ai.classification
        ? await timed('classify', () => planParams(signal, ai.classification!, ai.classification!.class, target, Math.max(raster.width, raster.height), host))
        : { plan: null, fallback: null };
      paramsFallback = params.fallback;
      const candidates = tierCandidates(planTier, logoClass, params.plan);
      traced = await runCandidates({ candidates, target, raster, precision, clock: timed, overDeadline, measure: measureSafely });
      // A trace begun in time is returned even when it ends late (throwing it away would leave
      // nothing, or a slower retrace), but the result says so. Tier 3 says so in `search`.
      if (!traced.search && overDeadline()) {
        deadlineNote = { from: 'deadline', reason: `Tier ${options.tier} finished its trace after its ${options.deadlineMs} ms deadline; the result is returned as traced.` };
      }
    } catch (error) {
      // Tiers 2 and 3 past their deadline before their first trace began (decode or
      // classification took it) still give tier 1's plain result, marked; tier 1 times out.
      if (options.tier === 1 || !(error instanceof ConvertError) || error.code !== 'TIMEOUT' || signal.aborted) throw error;
      const rescueStarted = performance.now();
      const chosen = await traceCandidate(raster, tierCandidates(1)[0], precision, (stage, work) => timed(stage, work, false));
      traced = { chosen, search: null };
      // Past the rescue's own allowance the SVG is returned unmeasured rather than risk the
      // caller's hard stop (a browser pool kills the worker, and the SVG with it).
      const measured = performance.now() - rescueStarted <= tier1RescueMs(options);
      measureQuality &&= measured;
      deadlineNote = {
        from: 'deadline',
        reason: `Tier ${options.tier} passed its ${options.deadlineMs} ms deadline before it had traced anything; this is tier 1's plain tracing${measured ? '' : ', unmeasured'}.`,
      };
    }
    const { chosen, search } = traced;
    // The final measurement is not cut by the deadline: a traced SVG is never thrown away for it.
    if (!search && measureQuality) chosen.quality = await timed('measure', () => measureSafely(chosen.svg), false);
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
      paramSource: chosen.engine === chosen.candidate.engine ? chosen.candidate.source : 'plain',
      tier: options.tier,
      class: ai.classification?.class ?? null,
      confidence: ai.classification?.confidence ?? null,
      fallback: combineFallbacks([decoded.fallback, ai.fallback, paramsFallback, deadlineNote, chosen.fallback, unmeasured]),
      quality: measureQuality || search ? chosen.quality : null,
      search,
      timings,
    };
  } catch (error) {
    throw toConvertError(error);
  }
}

/**
 * A conversion's start-up in a worker: the renderer, and for tiers 2–3 the model, waited for at
 * most SETUP_TIMEOUT_MS (then the conversion falls back, and later ones skip the wait for a
 * while). Never rejects. Exported so a worker can be made ready before a file's deadline starts.
 */
export async function prepareConversion(host: Host, tier: number): Promise<void> {
  await Promise.all([
    loadRenderer(host).then(() => startupMark('resvg'), () => null),
    tier > 1 && !classifierRecentlyTimedOut(host)
      ? withTimeout(loadClassifier(host), SETUP_TIMEOUT_MS, 'The classifier did not answer').then(() => startupMark('classifier'), (error: unknown) => {
          if (error instanceof TimeoutError) noteClassifierTimedOut(host);
        })
      : null,
    tier > 1 ? withTimeout(loadParamsModel(host), SETUP_TIMEOUT_MS, 'The parameter model').then(() => startupMark('params'), () => null) : null,
  ]);
}

/** Releases the model sessions prepareConversion opened (their wasm memory); the next conversion
 * at tier 2 or 3 opens them again. */
export async function releaseModels(): Promise<void> {
  await Promise.all([disposeClassifier(), disposeParamsModel()]);
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
 * own fallback. With `warmUp`, then converts a small generated logo at tiers 1 and 2, unless
 * `skipWarmUp()` says a real file is waiting by then (checked before each tier): that file
 * compiles the same code, so a warm-up would only delay it.
 */
export async function prepareTracer(host: Host, { warmUp = false, skipWarmUp = (): boolean => false } = {}): Promise<void> {
  await prepareConversion(host, 2);
  if (!warmUp) return;
  // A worker's first conversion runs the tracer, svgo, the renderer and the SSIM cold (seconds
  // on a busy machine): one small generated logo compiles them before a file's deadline runs.
  const raster = generatedLogo(64);
  const decoded: DecodedImage = { raster, format: 'png', sourceWidth: 64, sourceHeight: 64, scale: 1, decodeMs: 0, fallback: null };
  for (const tier of [1, 2] as const) {
    if (skipWarmUp()) return;
    await convertDecoded(new AbortController().signal, { ...decoded, raster: { ...raster, data: raster.data.slice() } }, { tier, deadlineMs: null }, host);
    startupMark(`warm-up-tier${tier}`);
  }
}

/** A red disc with a white square in it, on transparency: plain pixels, no decoder needed. */
function generatedLogo(size: number): Raster {
  const data = new Uint8ClampedArray(size * size * 4);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inDisc = (x + 0.5 - c) ** 2 + (y + 0.5 - c) ** 2 < (size * 0.4) ** 2;
      const inSquare = Math.abs(x + 0.5 - c) < size * 0.15 && Math.abs(y + 0.5 - c) < size * 0.15;
      if (inDisc) data.set(inSquare ? [255, 255, 255, 255] : [214, 40, 40, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/**
 * Starts the wasm modules ahead of the first conversion, and with `warmUp` also converts a small
 * logo (the stored warm-up PNG: encoding one first cost a fresh wasm-vips ~0.65 s) once, so the
 * JIT has compiled the tracer before the first real file is timed.
 */
export async function prepareCore(host: Host, { warmUp = false } = {}): Promise<void> {
  // The models may be unavailable: conversions then fall back, so start-up must not fail.
  await Promise.all([loadVips(host), loadRenderer(host), loadClassifier(host).catch(() => null), loadParamsModel(host).catch(() => null)]);
  if (!warmUp) return;
  // Without a deadline, and a failure is not start-up's: on a loaded machine the first, cold-JIT
  // conversion can overrun tier 1's 2 s, and a warm-up TIMEOUT then failed every file the worker
  // was given. A real fault shows again, on the file that meets it.
  for (const tier of [1, 2] as const) {
    await convert(new AbortController().signal, WARM_UP_PNG, { tier, deadlineMs: null }, host).catch(() => null);
  }
}
