// Property-based fuzzing of the decoder and the whole pipeline with mutated images: whatever the
// bytes, a call ends (bounded) with a result or a ConvertError carrying a known code and a human
// message; nothing else escapes, memory stays bounded, and the wasm instance survives.
// Seeded and with a fixed number of runs: the same inputs every time, a few seconds in all.
// Keep one file's failing decodes well under ~5,000: past that, one wasm-vips instance deadlocks
// or fails everything (found by FUZZ_SCALE=15; see src/cli/workerPool.ts recycleAfterFailures).
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { convert, ConvertError, decodeInput, ERROR_CODES, prepareCore, type ConvertOptions } from '../../src/core';
import { signal } from './fixtures';
import { mutate, mutation, type Mutation } from './fuzzMutations';
import { asymmetricSvg, encodeRaster, humanMessageProblem, rasterFromSvg } from './hostileInputs';
import { palettePng } from './pngBytes';
import { assertSafeSvg } from './svgSafety';

// FUZZ_SEED / FUZZ_SCALE (a run-count multiplier) let a local run search further; CI uses these.
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const runs = (n: number): number => Math.round(n * Number(process.env.FUZZ_SCALE ?? 1));
/** One call may not take longer than this (a 32 px image decodes in ~1 ms, converts in ~20 ms). */
const CALL_MS = 5_000;
/** Fuzzed headers may claim sizes up to this; the real default (40 MP) would make each run slow. */
const OPTIONS: Partial<ConvertOptions> = { tier: 1, maxPixels: 1_000_000, deadlineMs: CALL_MS };

/** Runs one call; a ConvertError with a known code and a human message is a valid outcome. */
async function bounded<T>(label: string, call: () => Promise<T>): Promise<T | ConvertError> {
  // A hang inside wasm blocks this thread: nothing here can report it, so a local search run can
  // log every input first (FUZZ_LOG=file) and the file's last line is the culprit.
  if (process.env.FUZZ_LOG) appendFileSync(process.env.FUZZ_LOG, `${label}\n`);
  const started = performance.now();
  let outcome: T | ConvertError;
  try {
    outcome = await call();
  } catch (error) {
    if (!(error instanceof ConvertError)) throw new Error(`${label} threw a non-ConvertError: ${String(error)}`, { cause: error });
    if (!ERROR_CODES.includes(error.code)) throw new Error(`${label} gave unknown code ${error.code}`);
    const problem = humanMessageProblem(error.message);
    if (problem) throw new Error(`${label} gave a poor message (${problem}): ${error.message}`);
    outcome = error;
  }
  const ms = performance.now() - started;
  if (ms > CALL_MS) throw new Error(`${label} took ${ms.toFixed(0)} ms`);
  return outcome;
}

const seeds: { name: string; bytes: Uint8Array }[] = [];
const codes = new Map<string, number>();
const count = (outcome: unknown) => {
  const key = outcome instanceof ConvertError ? outcome.code : 'ok';
  codes.set(key, (codes.get(key) ?? 0) + 1);
};

describe('fuzzing mutated PNGs', () => {
  beforeAll(async () => {
    await prepareCore(nodeHost);
    const logo = await rasterFromSvg(asymmetricSvg(32, 32));
    seeds.push(
      { name: 'rgba', bytes: await encodeRaster(logo, '.png') },
      { name: 'rgba16-interlaced', bytes: await encodeRaster(logo, '.png[interlace]', (image) => image.colourspace('rgb16')) },
      { name: 'grey', bytes: await encodeRaster(logo, '.png', (image) => image.colourspace('b-w')) },
      { name: 'palette', bytes: palettePng(24, 24, [[0, 0, 0, 0], [200, 30, 30, 255], [20, 20, 220, 128]], (x, y) => (x + y) % 3) },
    );
  });

  const input = fc.record({
    seed: fc.nat(3),
    changes: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  });

  it('decodeInput: only ConvertErrors, each call bounded, memory bounded', async () => {
    const before = process.memoryUsage().rss;
    await fc.assert(
      fc.asyncProperty(input, async ({ seed, changes }) => {
        const bytes = changes.reduce(mutate, seeds[seed].bytes);
        const outcome = await bounded(`decodeInput(${seeds[seed].name}, ${JSON.stringify(changes)})`, () =>
          decodeInput(signal(), bytes, OPTIONS, nodeHost),
        );
        count(outcome);
        if (!(outcome instanceof ConvertError)) {
          const { raster } = outcome;
          expect(raster.width * raster.height * 4).toBe(raster.data.length);
          expect(raster.width * raster.height).toBeLessThanOrEqual(1_000_000);
        }
      }),
      { seed: SEED, numRuns: runs(1500), timeout: CALL_MS * 2 },
    );
    // The wasm heap grows to the largest image it decoded and stays there: bounded by maxPixels.
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 2 ** 20);
    expect(codes.get('ok') ?? 0).toBeGreaterThan(0); // the mutations leave some files decodable
    expect(codes.get('INVALID_IMAGE') ?? 0).toBeGreaterThan(0);
  });

  it('convert: every outcome is an SVG of safe drawing elements or a ConvertError', async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), async ({ seed, changes }, measureQuality) => {
        const bytes = changes.reduce(mutate, seeds[seed].bytes);
        const outcome = await bounded(`convert(${seeds[seed].name}, ${JSON.stringify(changes)})`, () =>
          convert(signal(), bytes, { ...OPTIONS, measureQuality }, nodeHost),
        );
        count(outcome);
        if (!(outcome instanceof ConvertError)) {
          assertSafeSvg(outcome.svg);
          expect(outcome.width).toBeGreaterThan(0);
          expect(outcome.height).toBeGreaterThan(0);
        }
      }),
      { seed: SEED + 1, numRuns: runs(300), timeout: CALL_MS * 2 },
    );
  });

  it('other formats, bit-flipped and truncated: the same contract', async () => {
    const logo = await rasterFromSvg(asymmetricSvg(32, 32));
    const others = [await encodeRaster(logo, '.jpg'), await encodeRaster(logo, '.gif'), await encodeRaster(logo, '.webp')];
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.oneof(mutation.filter((m) => m.kind === 'flip'), fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() })), async (which, change) => {
        const bytes = mutate(others[which], change as Mutation);
        count(await bounded(`decodeInput(format ${which}, ${JSON.stringify(change)})`, () => decodeInput(signal(), bytes, OPTIONS, nodeHost)));
      }),
      { seed: SEED + 2, numRuns: runs(400), timeout: CALL_MS * 2 },
    );
  });

  it('the decoder still works after all of that', async () => {
    const decoded = await decodeInput(signal(), seeds[0].bytes, {}, nodeHost);
    expect([decoded.raster.width, decoded.raster.height]).toEqual([32, 32]);
    console.info(`fuzz outcomes: ${JSON.stringify(Object.fromEntries([...codes].sort()))}`);
  });
});
