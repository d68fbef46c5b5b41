// Runs one CLI-pool scenario: the corpus (plus any filler inputs) through CliWorkerPool, whose
// workers may carry a fault, with the pool's hard limit and recycling as the CLI sets them.
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { CliWorkerPool } from '../../src/cli/workerPool';
import type { FaultInput } from './corpus';
import { fromError, fromResult, hung, type Outcome } from './outcome';
import type { CliScenario } from './scenarios';

export async function runCliScenario(scenario: CliScenario, inputs: FaultInput[], budgetMs: number): Promise<Outcome[]> {
  const filler = badInputs(scenario.extraBadInputs ?? 0, inputs[0].bytes);
  const entry = scenario.workerEntry;
  const pool = new CliWorkerPool(2, {
    hardTimeoutMs: scenario.hardTimeoutMs,
    recycleAfterFailures: scenario.recycleAfterFailures,
    createWorker: entry ? () => new Worker(new URL(entry, import.meta.url)) : undefined,
  });
  const started = performance.now();
  const all = [...filler.map((input) => ({ ...input, extra: true })), ...inputs.map((input) => ({ ...input, extra: false }))];
  const outcomes: (Outcome | undefined)[] = new Array(all.length);
  const jobs = all.map(async ({ name, bytes, extra }, id) => {
    const reply = await pool.run({ id, bytes: bytes.slice(), options: { tier: 2 } });
    const ms = performance.now() - started;
    outcomes[id] = { ...(reply.ok ? fromResult(name, reply.result, ms) : fromError(name, reply.error, ms)), extra };
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all(jobs), new Promise((resolve) => (timer = setTimeout(resolve, budgetMs)))]);
  clearTimeout(timer);
  await pool.close();
  return all.map(({ name, extra }, id) => outcomes[id] ?? { ...hung(name, budgetMs), extra });
}

/** PNGs whose IHDR claims 0×N: every decode fails in vips (fast), as a damaged upload would. */
function badInputs(count: number, png: Uint8Array): FaultInput[] {
  const bad = png.slice();
  const view = new DataView(bad.buffer);
  view.setUint32(16, 0); // IHDR width
  view.setUint32(29, crc32(bad.subarray(12, 29)) >>> 0); // IHDR's CRC, so only the size is wrong
  return Array.from({ length: count }, (_, i) => ({ name: `damaged-${i}.png`, bytes: bad }));
}
