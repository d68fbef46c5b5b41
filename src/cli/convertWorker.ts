// One worker_thread of the CLI's batch pool: runs the portable core with the Node host.
import { parentPort } from 'node:worker_threads';
import { convert, prepareCore, toConvertError, type ConvertOptions } from '../core';
import { nodeHost } from './nodeHost';
import type { JobReply, JobRequest } from './jobMessages';

if (!parentPort) throw new Error('convertWorker must run as a worker_thread.');
const port = parentPort;

// Wasm start-up and a warm-up conversion happen once per worker, before the first job, so a
// job's time is its own.
const ready = prepareCore(nodeHost, { warmUp: true });

port.on('message', async ({ id, bytes, options }: JobRequest) => {
  let reply: JobReply;
  let started = performance.now();
  try {
    await ready;
    started = performance.now();
    const result = await convert(new AbortController().signal, bytes, options as Partial<ConvertOptions>, nodeHost);
    reply = { id, ok: true, result, ms: performance.now() - started };
  } catch (error) {
    reply = { id, ok: false, error: toConvertError(error).toJSON(), ms: performance.now() - started };
  }
  port.postMessage(reply);
});

// Ready once start-up has settled (failed too: each job then reports that failure), so the
// pool's per-job time limit never includes the warm-up.
void ready.then(
  () => port.postMessage({ ready: true }),
  () => port.postMessage({ ready: true }),
);
