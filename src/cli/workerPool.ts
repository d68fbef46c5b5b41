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
}

/**
 * A fixed-size pool of worker_threads running convertWorker.ts. Jobs queue FIFO; every job
 * settles with a reply — a worker that dies mid-job is replaced and its job answered with an
 * INTERNAL error, so a batch never loses a file.
 */
export class CliWorkerPool {
  private readonly queue: PendingJob[] = [];
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(request: JobRequest): Promise<JobReply> {
    if (this.closed) return Promise.reject(new ConvertError('INTERNAL', 'The worker pool is closed.'));
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./convertWorker.bootstrap.mjs', import.meta.url));
    const slot: Slot = { worker, job: null };
    worker.on('message', (message: JobReply | { ready: true }) => {
      if ('ready' in message) return;
      const job = slot.job;
      slot.job = null;
      job?.resolve(message);
      this.dispatch();
    });
    const replace = (reason: string): void => {
      if (this.closed) return;
      const job = slot.job;
      slot.job = null;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      job?.resolve({ id: job.request.id, ok: false, error: { code: 'INTERNAL', message: `The conversion worker stopped: ${reason}` }, ms: 0 });
      this.dispatch();
    };
    worker.on('error', (error) => replace(error.message));
    worker.on('exit', (code) => replace(`exit code ${code}`));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.request, [job.request.bytes.buffer as ArrayBuffer]);
    }
  }
}
