import { Worker } from 'node:worker_threads';
import { ConvertError } from '../core';
import type { JobReply, JobRequest } from './jobMessages';

interface PendingJob {
  request: JobRequest;
  resolve: (reply: JobReply) => void;
}

interface Slot {
  worker: Worker;
  job: PendingJob | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Failed replies since this worker started (see recycleAfterFailures). */
  failures: number;
  /** Start-up done (the worker said so): only then does it get jobs. */
  ready: boolean;
  /** Set once the pool has given up on this worker: its later events are ignored. */
  retired: boolean;
}

export interface CliWorkerPoolOptions {
  /**
   * Hard per-job limit in ms, from the job being posted to its reply. The core's deadline is
   * only checked between stages, so a stage that never returns (a wasm deadlock, an endless
   * loop) would stall the batch forever: past this limit the worker is terminated and replaced,
   * and the job answered with TIMEOUT. Null: no limit.
   */
  hardTimeoutMs?: number | null;
  /**
   * Limit on a worker's start-up (wasm-vips, renderer, model, warm-up conversions; seconds when
   * the machine is busy). A worker not ready by then is replaced; after three in a row the queued
   * jobs fail with INTERNAL instead of waiting forever. Default 60 s; null: no limit.
   */
  startTimeoutMs?: number | null;
  /**
   * A worker is replaced (between jobs) after this many failed conversions: one wasm-vips
   * instance degrades after ~5,000 failed decodes — it deadlocks, or every later decode fails
   * ("operation does not support unaligned accesses"); `npm run faults` shows it
   * (cli-many-bad-files-no-recycle). A fresh worker has a fresh instance.
   */
  recycleAfterFailures?: number;
  /** Starts one worker; tests substitute their own. */
  createWorker?: () => Worker;
}

const MAX_START_FAILURES = 3;

const defaultWorker = (): Worker => new Worker(new URL('./convertWorker.bootstrap.mjs', import.meta.url));

/**
 * A fixed-size pool of worker_threads running convertWorker.ts. Jobs queue FIFO; every job
 * settles with a reply — a worker that dies mid-job is replaced and its job answered with an
 * INTERNAL error, one that exceeds the hard limit is terminated and its job answered with
 * TIMEOUT, so a batch never loses a file and never stalls.
 */
export class CliWorkerPool {
  private readonly queue: PendingJob[] = [];
  private readonly slots: Slot[] = [];
  private closed = false;
  private readonly hardTimeoutMs: number | null;
  private readonly startTimeoutMs: number | null;
  private readonly recycleAfterFailures: number;
  private readonly createWorker: () => Worker;
  /** Workers in a row that did not start in time; past MAX_START_FAILURES the pool gives up. */
  private startFailures = 0;

  constructor(size: number, options: CliWorkerPoolOptions = {}) {
    this.hardTimeoutMs = options.hardTimeoutMs ?? null;
    this.startTimeoutMs = options.startTimeoutMs === undefined ? 60_000 : options.startTimeoutMs;
    this.recycleAfterFailures = options.recycleAfterFailures ?? 1000;
    this.createWorker = options.createWorker ?? defaultWorker;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(request: JobRequest): Promise<JobReply> {
    if (this.closed) return Promise.reject(new ConvertError('INTERNAL', 'The worker pool is closed.'));
    if (this.slots.length === 0) {
      return Promise.resolve({ id: request.id, ok: false, error: { code: 'INTERNAL', message: 'No conversion worker could start.' }, ms: 0 });
    }
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) {
      slot.retired = true;
      clearTimeout(slot.timer);
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = this.createWorker();
    const slot: Slot = { worker, job: null, timer: undefined, failures: 0, ready: false, retired: false };
    if (this.startTimeoutMs !== null) {
      const limit = this.startTimeoutMs;
      slot.timer = setTimeout(() => this.startFailed(slot, `did not start within ${Math.round(limit / 1000)} s`), limit);
    }
    worker.on('message', (message: JobReply | { ready: true }) => {
      if (slot.retired) return;
      if ('ready' in message) {
        clearTimeout(slot.timer);
        slot.ready = true;
        this.startFailures = 0;
        return this.dispatch();
      }
      const job = slot.job;
      clearTimeout(slot.timer);
      slot.job = null;
      if (!message.ok) slot.failures++;
      if (slot.failures >= this.recycleAfterFailures) this.replace(slot, null);
      job?.resolve(message);
      this.dispatch();
    });
    const crashed = (reason: string): void => {
      if (slot.retired || this.closed) return;
      if (!slot.ready) return this.startFailed(slot, `stopped while starting: ${reason}`);
      this.replace(slot, { code: 'INTERNAL', message: `The conversion worker stopped: ${reason}` });
    };
    worker.on('error', (error) => crashed(error.message));
    worker.on('exit', (code) => crashed(`exit code ${code}`));
    return slot;
  }

  /** A worker that never became ready is replaced; a few in a row fail the queued jobs. */
  private startFailed(slot: Slot, reason: string): void {
    if (slot.retired || slot.ready || this.closed) return;
    if (++this.startFailures < MAX_START_FAILURES) return this.replace(slot, null);
    slot.retired = true;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (this.slots.some((other) => !other.retired)) return;
    const message = `The conversion worker ${reason} (${MAX_START_FAILURES} attempts).`;
    for (const job of this.queue.splice(0)) job.resolve({ id: job.request.id, ok: false, error: { code: 'INTERNAL', message }, ms: 0 });
  }

  /** Retires a worker (terminating it) and starts a fresh one; its job, if any, gets `error`. */
  private replace(slot: Slot, error: { code: 'INTERNAL' | 'TIMEOUT'; message: string } | null): void {
    slot.retired = true;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.closed) this.slots[index] = this.spawn();
    if (job && error) job.resolve({ id: job.request.id, ok: false, error, ms: 0 });
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || slot.retired || !slot.ready || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      if (this.hardTimeoutMs !== null) {
        const limit = this.hardTimeoutMs;
        slot.timer = setTimeout(() => {
          const seconds = Math.round(limit / 100) / 10;
          this.replace(slot, { code: 'TIMEOUT', message: `The conversion did not finish within ${seconds} s and was stopped.` });
        }, limit);
      }
      slot.worker.postMessage(job.request, [job.request.bytes.buffer as ArrayBuffer]);
    }
  }
}
