import * as Comlink from 'comlink';
import type { ConvertOptions, ConvertResult } from '../../core';
import type { DecodeWorkerApi } from '../../worker/decodeWorker';
import type { ModelLoadInfo } from '../../worker/modelCache';
import type { Fault } from '../../worker/protocol';
import type { TraceWorkerApi } from '../../worker/traceWorker';
import { WorkerPool } from '../../worker/pool/WorkerPool';
// From its own module, not the core's index: that would pull the whole core into the page bundle.
import { DEFAULT_OPTIONS, hardDeadlineMs, TIER_DEADLINES_MS } from '../../core/options';
// Page-side start-up marks for bench:browser's cold-start breakdown (first spawn, first calls).
import { startupMark } from '../../core/monitor/startupMark';
import type { ConverterSettings } from './settings';

export interface TracewiseConverter {
  /** One file, read only once a trace worker is free. Rejects with `{code, message}` data. */
  convert(signal: AbortSignal, file: Blob, options: Partial<ConvertOptions>, onStart?: () => void): Promise<ConvertResult>;
  readonly decodePool: WorkerPool<DecodeWorkerApi>;
  readonly tracePool: WorkerPool<TraceWorkerApi>;
  /** The configured number of trace workers (a memory monitor may shrink the pool below it). */
  readonly concurrency: number;
  /** Model-file loads of every trace worker this page has run (live ones are asked; retired
   * ones' answers are remembered), oldest first. */
  modelLoads(): Promise<WorkerModelLoad[]>;
  shutdown(): void;
}

/** Worker start-up (wasm-vips, resvg, the model: each with its own shorter bound) must end
 * within this, or the job is stopped; it is not part of a file's deadline. */
export const STARTUP_LIMIT_MS = 60_000;
const startupExpired = `The conversion workers did not start within ${STARTUP_LIMIT_MS / 1000} s.`;

/**
 * A file's core options and its hard stop. The core's deadline is the file's own (advanced
 * options), else the page's `?deadline=`, else the tier's default (2 s / 5 s / 15 s); the pool
 * kills the worker at `hardDeadlineMs` — the deadline, tier 1's rescue and a margin — for a stage
 * that never returns (synchronous wasm cannot be interrupted any other way).
 */
export function fileDeadlines(
  partial: Partial<ConvertOptions>,
  pageDeadlineMs: number | null,
): { options: Partial<ConvertOptions>; hardMs: number | null; expired: string } {
  const tier = partial.tier ?? DEFAULT_OPTIONS.tier;
  const deadlineMs = partial.deadlineMs !== undefined ? partial.deadlineMs : (pageDeadlineMs ?? TIER_DEADLINES_MS[tier]);
  const hardMs = hardDeadlineMs({ tier, deadlineMs });
  const expired = `Tier ${tier} ran past its ${deadlineMs} ms deadline and did not stop by ${hardMs} ms; its worker was stopped.`;
  return { options: { ...partial, deadlineMs }, hardMs, expired };
}

/** Workers that have answered `ready()`: later jobs skip the round trip (a hop each way that,
 * on a busy machine, waits for the worker's thread to be scheduled). */
const readyWorkers = new WeakSet<object>();

function whenReady(remote: { ready(forFile?: boolean): Promise<void> }): Promise<void> {
  if (readyWorkers.has(remote)) return Promise.resolve();
  // `true`: a file is waiting for this worker (a trace worker then skips its warm-up conversion).
  return remote.ready(true).then(() => void readyWorkers.add(remote));
}

/** True when the promise has already settled (fulfilled or rejected) by the next tick. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise.then(() => true, () => true), Promise.resolve(pending)])) !== pending;
}

export interface WorkerModelLoad extends ModelLoadInfo {
  worker: number;
}

/**
 * Tracewise's memory layout: ONE decode worker holds wasm-vips; `concurrency` light trace
 * workers hold resvg only.
 *
 *   File (Blob) ──queue──▶ trace slot acquired ──▶ bytes read ──transfer──▶ decode worker (vips)
 *        ◀──transfer── raster ──transfer──▶ that trace worker ──▶ ConvertResult
 *
 * A job takes its trace slot *before* it decodes, so the page never holds more decoded rasters
 * than there are trace workers to take them, and queued files stay Blobs. The raster goes back
 * through the page rather than over a decode→trace MessageChannel: transfer moves the buffer
 * without copying either way, and this keeps each job a re-runnable closure over its Blob, so
 * the pool's abort/deadline/crash-retry rules apply to both stages with no extra routing.
 */
export function createTracewiseConverter(settings: ConverterSettings, log: (line: string) => void): TracewiseConverter {
  const decodePool = new WorkerPool<DecodeWorkerApi>({
    name: 'decode',
    size: 1,
    // wasm-vips reserves ~270 MB: give it back soon after a batch ends.
    idleTtlMs: 20_000,
    create: () => {
      startupMark('decode-spawn');
      return new Worker(new URL('../../worker/decodeWorker.ts', import.meta.url), { type: 'module', name: 'tracewise-decode' });
    },
    log,
  });
  const tracePool = new WorkerPool<TraceWorkerApi>({
    name: 'trace',
    size: settings.concurrency,
    idleTtlMs: 30_000,
    // Off by default (see settings.ts `?recycle`): under sustained load each extra trace worker
    // added ~100 MB to the renderer's private memory, but recycling cost more throughput than
    // it saved memory; the default pool size (cores − 1) is the real bound.
    maxJobsPerWorker: settings.maxJobsPerWorker ?? undefined,
    create: () => {
      startupMark('trace-spawn');
      return new Worker(new URL('../../worker/traceWorker.ts', import.meta.url), { type: 'module', name: 'tracewise-trace' });
    },
    // One ONNX session per model per worker: released before an idle worker is ended.
    retire: (remote) => remote.retire(),
    log,
  });
  let fault: Fault | null = settings.fault;
  const seenLoads = new Map<number, ModelLoadInfo[]>();

  return {
    decodePool,
    tracePool,
    concurrency: settings.concurrency,
    convert(signal, file, partial, onStart) {
      const { options, hardMs, expired } = fileDeadlines(partial, settings.deadlineMs);
      const injected = fault;
      fault = null;
      if (injected) log(`test fault "${injected}" injected into the next conversion`);
      return tracePool.run(
        async (tracer, { signal: jobSignal, attempt, setDeadline }) => {
          // Deadlines count from the decode on, as in the core: worker and wasm start-up
          // (seconds when cold) run under STARTUP_LIMIT_MS instead.
          // Never left rejected unobserved when the decode fails first; a worker that cannot
          // answer fails the trace call itself.
          const tracerReady = whenReady(tracer).catch(() => {});
          let decodeStarted = 0;
          const decoded = await decodePool.run(
            async (decoder) => {
              const bytes = new Uint8Array(await file.arrayBuffer());
              await whenReady(decoder);
              startupMark('decode-call');
              decodeStarted = performance.now();
              setDeadline(hardMs, expired);
              return decoder.decode(Comlink.transfer(bytes, [bytes.buffer]), options);
            },
            { signal: jobSignal },
          );
          const spent = performance.now() - decodeStarted;
          if (!(await isSettled(tracerReady))) {
            setDeadline(STARTUP_LIMIT_MS, startupExpired);
            await tracerReady;
          }
          setDeadline(hardMs === null ? null : hardMs - spent, expired);
          jobSignal.throwIfAborted();
          startupMark('trace-call');
          return tracer.trace(Comlink.transfer(decoded, [decoded.raster.data.buffer]), options, attempt === 1 ? injected : null);
        },
        { signal, deadlineMs: STARTUP_LIMIT_MS, onStart },
      );
    },
    async modelLoads() {
      await Promise.all(
        tracePool.workers().map(async ({ id, remote }) => {
          const loads = await (remote.modelLoads() as Promise<ModelLoadInfo[]>).catch(() => null);
          if (loads) seenLoads.set(id, loads);
        }),
      );
      return [...seenLoads].flatMap(([worker, loads]) => loads.map((load) => ({ ...load, worker })));
    },
    shutdown() {
      tracePool.shutdown();
      decodePool.shutdown();
    },
  };
}
