import * as Comlink from 'comlink';
import { abortReason, isCleanFailure, PoolError } from './poolError';

/** What the pool needs of a worker: a real `Worker`, or a fake in unit tests. */
export interface WorkerLike {
  terminate(): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
}

export interface WorkerPoolOptions<Api> {
  /** Used in log lines. */
  name: string;
  /** Starts one worker, e.g. `() => new Worker(new URL('./x.ts', import.meta.url), {type: 'module'})`. */
  create(): WorkerLike;
  /** Defaults to `Comlink.wrap`. */
  wrap?(worker: WorkerLike): Comlink.Remote<Api>;
  /** Most workers alive at once (≥ 1). */
  size: number;
  /** An idle worker is terminated after this long (its wasm memory with it). Default 30 s. */
  idleTtlMs?: number;
  /** A worker is replaced after this many jobs (default: never). V8 collects a worker's garbage
   * lazily, so a busy worker's heap creeps up to its own high-water mark; recycling caps it. */
  maxJobsPerWorker?: number;
  /** Times a job is re-run on a fresh worker after its worker crashed. Default 1. */
  crashRetries?: number;
  /**
   * Asked of an idle worker before it is terminated for a routine reason (idle TTL, shrink,
   * recycling, retireIdle, shutdown) so it can release what it holds (e.g. its ONNX sessions);
   * terminated when it answers or after `retireTimeoutMs` (default 1 s), whichever is first. A
   * busy, crashed, aborted or timed-out worker is terminated at once: it cannot be asked.
   */
  retire?(remote: Comlink.Remote<Api>): Promise<unknown>;
  retireTimeoutMs?: number;
  log?(line: string): void;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Hard deadline from the job's first start (queue time excluded); the worker is terminated.
   * The task may move it with `setDeadline` (e.g. to leave a worker's start-up out of it). */
  deadlineMs?: number | null;
  /** Called each time the job gets a worker (again after a crash retry). */
  onStart?(): void;
}

export interface TaskContext {
  /** Fires on the caller's abort and on the deadline; pass it to nested pool runs. */
  signal: AbortSignal;
  /** 1 on the first run, 2 on a crash retry. */
  attempt: number;
  /** Replaces the job's hard deadline with one `ms` from now (null: none), failing with
   * `message` when it passes. Ignored once the job has settled or been retried. */
  setDeadline(ms: number | null, message?: string): void;
}

/** One job's work on one worker. It may run twice (crash retry), so it must start from data it
 * still owns (a Blob, not an already-transferred buffer). */
export type PoolTask<Api, T> = (remote: Comlink.Remote<Api>, context: TaskContext) => Promise<T>;

interface Job {
  task: PoolTask<any, unknown>;
  options: RunOptions;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  attempt: number;
  deadline: ReturnType<typeof setTimeout> | undefined;
  controller: AbortController;
  slot: Slot | null;
  settled: boolean;
  detach(): void;
}

interface Slot {
  id: number;
  worker: WorkerLike;
  remote: Comlink.Remote<any>;
  job: Job | null;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  jobs: number;
}

export interface PoolStats {
  size: number;
  workers: number;
  busy: number;
  queued: number;
  paused: boolean;
  spawned: number;
  crashed: number;
  /** Workers ended for any reason: idle TTL, shrink, abort, deadline, crash, shutdown. */
  terminated: number;
}

/**
 * A small pool of Comlink-wrapped workers with a FIFO queue.
 *
 * - One job per worker at a time: wasm work is synchronous, so the only hard stop is
 *   `terminate()`. Abort and deadline terminate the busy worker, drop it (a fresh one is started
 *   lazily for the next job) and reject the job with `ABORTED` / `TIMEOUT`.
 * - A worker `error`/`messageerror` event (uncaught exception, wasm trap, failed script load) is a
 *   crash: the worker is dropped and its job re-run once on a fresh one, then `WORKER_CRASHED`.
 *   A crash the browser does not report (an OOM kill can be silent) is only caught by a deadline.
 * - A task that rejects with plain `{code, message}` data failed cleanly: the worker is kept.
 *   Any other rejection leaves the worker's state unknown, so it is dropped.
 * - Backpressure is the caller's: tasks are closures, so keep inputs as Blobs and read them inside
 *   the task — a queued job then holds no decoded data.
 * - Workers start lazily and retire after `idleTtlMs` idle; `resize` and `pause` let a memory
 *   monitor shed load. `pause` never starves: with nothing running, one job still starts.
 */
export class WorkerPool<Api> {
  private readonly queue: Job[] = [];
  private readonly slots = new Set<Slot>();
  private size: number;
  private paused = false;
  private closed = false;
  private nextId = 1;
  private counts = { spawned: 0, crashed: 0, terminated: 0 };

  constructor(private readonly options: WorkerPoolOptions<Api>) {
    this.size = Math.max(1, Math.floor(options.size));
  }

  run<T>(task: PoolTask<Api, T>, options: RunOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new PoolError('ABORTED', `The ${this.options.name} pool is shut down.`));
      if (options.signal?.aborted) return reject(abortReason(options.signal));
      const job: Job = {
        task,
        options,
        resolve: resolve as (value: unknown) => void,
        reject,
        attempt: 0,
        deadline: undefined,
        controller: new AbortController(),
        slot: null,
        settled: false,
        detach: () => {},
      };
      const { signal } = options;
      if (signal) {
        const onAbort = (): void => this.cancel(job, abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** New maximum; extra idle workers go now, extra busy ones when their job ends. */
  resize(size: number): void {
    this.size = Math.max(1, Math.floor(size));
    const idle = [...this.slots].filter((slot) => !slot.job);
    for (const slot of idle.slice(0, Math.max(0, this.slots.size - this.size))) this.drop(slot, 'pool shrank', true);
    this.dispatch();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.dispatch();
  }

  /** Terminates every idle worker now (frees its wasm memory); busy ones are untouched. */
  retireIdle(reason = 'asked to'): number {
    const idle = [...this.slots].filter((slot) => !slot.job);
    for (const slot of idle) this.drop(slot, reason, true);
    return idle.length;
  }

  /** Rejects everything queued or running with ABORTED and terminates all workers. Final. */
  shutdown(): void {
    this.closed = true;
    const error = new PoolError('ABORTED', `The ${this.options.name} pool was shut down.`);
    for (const job of [...this.queue]) this.cancel(job, error);
    for (const slot of [...this.slots]) (slot.job ? this.cancel(slot.job, error) : this.drop(slot, 'shutdown', true));
  }

  stats(): PoolStats {
    const busy = [...this.slots].filter((slot) => slot.job).length;
    return { size: this.size, workers: this.slots.size, busy, queued: this.queue.length, paused: this.paused, ...this.counts };
  }

  /** Live workers, for a monitor to ask idle ones about their memory. */
  workers(): { id: number; busy: boolean; remote: Comlink.Remote<Api> }[] {
    return [...this.slots].map((slot) => ({ id: slot.id, busy: slot.job !== null, remote: slot.remote as Comlink.Remote<Api> }));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const busy = [...this.slots].filter((slot) => slot.job).length;
      if (busy >= this.size || (this.paused && busy > 0)) return;
      const slot = [...this.slots].find((candidate) => !candidate.job) ?? this.spawn();
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = this.options.create();
    const remote = (this.options.wrap ?? ((w: WorkerLike) => Comlink.wrap<Api>(w as unknown as Comlink.Endpoint)))(worker);
    const slot: Slot = { id: this.nextId++, worker, remote, job: null, idleTimer: undefined, jobs: 0 };
    const onCrash = (event: Event): void => {
      event.preventDefault(); // handled here; keep it out of the console as "uncaught"
      if (this.slots.has(slot)) this.crash(slot, (event as ErrorEvent).message || `${event.type} event`);
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    this.slots.add(slot);
    this.counts.spawned++;
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    job.slot = slot;
    job.attempt++;
    if (job.attempt === 1) this.arm(job, job.options.deadlineMs ?? null);
    job.options.onStart?.();
    const attempt = job.attempt;
    const setDeadline = (ms: number | null, message?: string): void => {
      if (!job.settled && job.attempt === attempt) this.arm(job, ms, message);
    };
    job.task(slot.remote, { signal: job.controller.signal, attempt, setDeadline }).then(
      (value) => {
        if (job.settled || job.slot !== slot || job.attempt !== attempt) return; // cancelled or retried
        this.release(slot);
        this.settle(job, () => job.resolve(value));
      },
      (error: unknown) => {
        if (job.settled || job.slot !== slot || job.attempt !== attempt) return;
        if (isCleanFailure(error)) this.release(slot);
        else this.drop(slot, 'task failed unexpectedly');
        this.settle(job, () => job.reject(error));
      },
    );
  }

  private arm(job: Job, ms: number | null, message?: string): void {
    clearTimeout(job.deadline);
    job.deadline = undefined;
    if (ms === null) return;
    const timeout = new PoolError('TIMEOUT', message ?? `The conversion took longer than its ${ms} ms deadline.`);
    job.deadline = setTimeout(() => this.cancel(job, timeout), Math.max(0, ms));
  }

  private crash(slot: Slot, message: string): void {
    this.counts.crashed++;
    const job = slot.job;
    this.drop(slot, `crashed: ${message}`);
    if (!job) return this.dispatch();
    job.slot = null;
    if (job.attempt <= (this.options.crashRetries ?? 1)) {
      this.log(`retrying the job on a fresh worker (attempt ${job.attempt + 1})`);
      this.queue.unshift(job); // its turn was already taken: it goes first
      this.dispatch();
    } else {
      this.settle(job, () => job.reject(new PoolError('WORKER_CRASHED', `The conversion worker crashed: ${message}`)));
    }
  }

  /** Abort or deadline: a queued job just leaves the queue; a running one takes its worker down. */
  private cancel(job: Job, error: PoolError): void {
    if (job.settled) return;
    const index = this.queue.indexOf(job);
    if (index >= 0) this.queue.splice(index, 1);
    else if (job.slot) this.drop(job.slot, error.code === 'TIMEOUT' ? 'job timed out' : 'job aborted');
    job.controller.abort(error);
    this.settle(job, () => job.reject(error));
  }

  private settle(job: Job, finish: () => void): void {
    job.settled = true;
    clearTimeout(job.deadline);
    job.detach();
    job.slot = null;
    finish();
    this.dispatch();
  }

  private release(slot: Slot): void {
    slot.job = null;
    slot.jobs++;
    if (this.slots.size > this.size) return this.drop(slot, 'pool shrank', true);
    if (slot.jobs >= (this.options.maxJobsPerWorker ?? Infinity)) return this.drop(slot, `served ${slot.jobs} jobs`, true);
    const ttl = this.options.idleTtlMs ?? 30_000;
    if (Number.isFinite(ttl)) slot.idleTimer = setTimeout(() => this.drop(slot, `idle for ${ttl} ms`, true), ttl);
  }

  /** Takes the worker out of the pool at once; `idle` workers are first asked to retire. */
  private drop(slot: Slot, reason: string, idle = false): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.idleTimer);
    slot.job = null;
    this.counts.terminated++;
    this.log(`worker ${slot.id} terminated (${reason})`);
    const end = (): void => {
      slot.remote[Comlink.releaseProxy]();
      slot.worker.terminate();
    };
    const retire = this.options.retire;
    if (!idle || !retire) return end();
    let bound: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (bound = setTimeout(resolve, this.options.retireTimeoutMs ?? 1_000)));
    void Promise.race([retire(slot.remote as Comlink.Remote<Api>).catch(() => undefined), timeout]).then(() => {
      clearTimeout(bound);
      end();
    });
  }

  private log(line: string): void {
    this.options.log?.(`[${this.options.name} pool] ${line}`);
  }
}
