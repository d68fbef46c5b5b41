// Fault injection in Vitest: the core scenarios of scripts/faults/scenarios.ts (a few inputs each,
// in this process) and the CLI worker pool's hard limit, crash handling and recycling (with tiny
// eval'd workers). `npm run faults` runs the full table with 20 inputs per fault, plus the
// stalls and the browser; this file keeps the contract from regressing.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import type { JobReply } from '../../src/cli/jobMessages';
import { CliWorkerPool } from '../../src/cli/workerPool';
import { disposeClassifier } from '../../src/core/classify';
import { drawnInputs, type FaultInput } from '../../scripts/faults/corpus';
import { runCoreScenario } from '../../scripts/faults/runCore';
import { SCENARIOS, type CoreScenario } from '../../scripts/faults/scenarios';
import { humanMessageProblem } from './hostileInputs';

/**
 * Known gaps (see the report): the SVG-share check of these is expected to fail until fixed.
 * - tracer-junk-output: an engine resolving with a non-SVG string is not treated as an engine
 *   failure (setSvgRoot throws after traceCandidate's try) → INTERNAL instead of the fallback.
 * - renderer-*: a renderer that cannot load fails the conversion (INTERNAL) although the traced
 *   SVG does not need it; tiers 1–2 could return it with quality: null and a recorded fallback.
 */
const KNOWN_GAPS = new Set<string>([]);

// Stalls would leave a never-settling promise memoised in this realm (and cost a watchdog each):
// only `npm run faults` runs them, in child processes.
// The renderer faults go first: resvg's wasm initialises once per realm, after which a failing
// Host.loadAsset is never asked again.
const core = SCENARIOS.filter((s): s is CoreScenario => s.kind === 'core' && !s.concurrent).sort(
  (a, b) => Number(!a.id.startsWith('renderer-')) - Number(!b.id.startsWith('renderer-')),
);
const results = new Map<string, Awaited<ReturnType<typeof runCoreScenario>>>();

describe('core faults: every conversion ends with an SVG or a coded error', () => {
  let inputs: FaultInput[];
  // Drawn with wasm-vips only, so that nothing initialises resvg before the renderer faults.
  beforeAll(async () => {
    inputs = await drawnInputs(4);
  });
  afterAll(() => disposeClassifier());

  for (const scenario of core) {
    const expectShare = KNOWN_GAPS.has(scenario.id) ? it.fails : it;
    let outcomes: Awaited<ReturnType<typeof runCoreScenario>> = [];
    it(`${scenario.id}: ${scenario.fault} — all ended, coded, human`, async () => {
      await disposeClassifier(); // a model fault must meet a fresh load
      const some = scenario.options?.deadlineMs ? inputs.slice(0, 1) : inputs;
      outcomes = await runCoreScenario({ ...scenario, watchdogMs: 30_000 }, some, nodeHost);
      results.set(scenario.id, outcomes);
      await disposeClassifier();
      for (const outcome of outcomes) {
        expect(outcome.ended, `${outcome.file} hung`).toBe(true);
        expect(outcome.breach).toBeNull();
        if (!outcome.ok) expect(humanMessageProblem(outcome.message), `${outcome.code}: ${outcome.message}`).toBeNull();
      }
    });
    expectShare(`${scenario.id}: SVG share ≥ ${scenario.expectSvg * 100}% (${scenario.why})`, () => {
      expect(outcomes.length).toBeGreaterThan(0);
      const share = outcomes.filter((o) => o.ok).length / outcomes.length;
      expect(share).toBeGreaterThanOrEqual(scenario.expectSvg);
    });
  }

  it('fallbacks are recorded on the result: from the engine, from the AI', () => {
    expect(results.get('tracer-rejects')!.map((o) => o.fallbackFrom)).toEqual(inputs.map(() => 'tracewise'));
    expect(results.get('model-404')!.map((o) => o.fallbackFrom)).toEqual(inputs.map(() => 'ai'));
    expect(results.get('baseline')!.every((o) => o.fallbackFrom === null && o.classified)).toBe(true);
    expect(results.get('deadline-tier2')!.map((o) => o.fallbackFrom)).toEqual(['deadline']);
    expect(results.get('both-engines-fail')!.every((o) => o.code === 'ENGINE_FAILED')).toBe(true);
  });
});

/** A worker_thread that answers jobs by the first byte: 0 ok, 1 spin forever, 2 exit, 3 fail. */
const FAKE_WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, bytes }) => {
  if (bytes[0] === 1) for (;;) {}
  if (bytes[0] === 2) process.exit(3);
  if (bytes[0] === 3) return parentPort.postMessage({ id, ok: false, error: { code: 'INVALID_IMAGE', message: 'Bad.' }, ms: 1 });
  parentPort.postMessage({ id, ok: true, result: { threadId }, ms: 1 });
});`;
const NEVER_READY = `require('node:worker_threads').parentPort.on('message', () => {});`;

describe('CLI worker pool: a stuck or dead worker never stalls the batch', () => {
  const job = (id: number, mode: number) => ({ id, bytes: new Uint8Array([mode]), options: {} });
  const threadOf = (reply: JobReply) => (reply.ok ? (reply.result as unknown as { threadId: number }).threadId : null);
  const fake = (code = FAKE_WORKER) => () => new Worker(code, { eval: true });

  it('a job past the hard limit ends TIMEOUT, its worker is replaced, the next job converts', async () => {
    const pool = new CliWorkerPool(1, { hardTimeoutMs: 500, createWorker: fake() });
    try {
      const first = await pool.run(job(1, 0));
      const started = performance.now();
      const stuck = await pool.run(job(2, 1));
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(stuck).toMatchObject({ id: 2, ok: false, error: { code: 'TIMEOUT' } });
      expect(humanMessageProblem(stuck.ok ? '' : stuck.error.message)).toBeNull();
      const next = await pool.run(job(3, 0));
      expect(next.ok).toBe(true);
      expect(threadOf(next)).not.toBe(threadOf(first));
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies mid-job answers INTERNAL and is replaced; queued jobs still run', async () => {
    const pool = new CliWorkerPool(1, { hardTimeoutMs: 5_000, createWorker: fake() });
    try {
      const replies = await Promise.all([pool.run(job(1, 2)), pool.run(job(2, 0)), pool.run(job(3, 0))]);
      expect(replies[0]).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'The conversion worker stopped: exit code 3' } });
      expect(replies.slice(1).map((r) => r.ok)).toEqual([true, true]);
    } finally {
      await pool.close();
    }
  });

  it('recycles a worker after recycleAfterFailures failed jobs (wasm-vips degrades after thousands)', async () => {
    const pool = new CliWorkerPool(1, { recycleAfterFailures: 3, createWorker: fake() });
    try {
      const before = threadOf(await pool.run(job(1, 0)));
      for (let i = 0; i < 3; i++) expect((await pool.run(job(2 + i, 3))).ok).toBe(false);
      const after = threadOf(await pool.run(job(9, 0)));
      expect(after).not.toBe(before);
    } finally {
      await pool.close();
    }
  });

  it('workers that never start fail the queued jobs after three tries instead of waiting forever', async () => {
    const pool = new CliWorkerPool(1, { startTimeoutMs: 200, createWorker: fake(NEVER_READY) });
    try {
      const reply = await pool.run(job(1, 0));
      expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(reply.ok ? '' : reply.error.message).toMatch(/did not start within .* \(3 attempts\)/);
    } finally {
      await pool.close();
    }
  });
});
