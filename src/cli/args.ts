import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { TIER_DEADLINES_MS, type Tier } from '../core';

export interface CliArgs {
  tier: Tier;
  /** The core's time budget per file in ms (--deadline, seconds on the command line). */
  deadlineMs: number;
  outDir: string;
  json: boolean;
  concurrency: number;
  stats: boolean;
  help: boolean;
  inputs: string[];
}

export const USAGE = `Usage: npm run --silent convert -- [options] FILE|DIR...

Converts PNG, JPEG, WebP or GIF logos to SVG with Tracewise's core.

Options:
  --tier 1|2|3       speed/quality tier (default 2)
  --deadline S       time budget per file in seconds (default: the tier's, 2 / 5 / 15 s); past
                     it tier 3 keeps its best candidate so far and tiers 2–3 with nothing traced
                     yet return tier 1's result (fallback "deadline"); a worker still busy well
                     after it is stopped and the file fails with TIMEOUT
  --out DIR          where to write <name>.svg (default: the current folder)
  --json             print one JSON object per input, one per line, on stdout
  --concurrency N    files converted in parallel (default: number of cores)
  --stats            after the batch, print per-operation timings (count, failures,
                     p50, p95, max, threshold breaches) on stderr
  -h, --help         show this help

A DIR argument converts the .png/.jpg/.jpeg/.webp/.gif files directly inside it.
Two inputs with the same name never overwrite each other: the second becomes NAME-2.svg.

JSON fields: file, ok, svg (path written), bytes, ms (conversion wall time, decode included),
tier, class, confidence, engine, paramSource (model|preset|plain), search (tier 3: tried, planned,
stoppedByDeadline, target, gain), fallback, quality {ssim, mae}, error {code, message}.

Exit status: 0 all converted; 1 some files failed (the others are still written); 2 usage error.`;

export class UsageError extends Error {}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tier: { type: 'string', default: '2' },
        deadline: { type: 'string' },
        out: { type: 'string', default: '.' },
        json: { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        stats: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const tier = Number(values.tier);
  if (![1, 2, 3].includes(tier)) throw new UsageError(`--tier must be 1, 2 or 3 (got "${values.tier}").`);
  const deadlineMs = values.deadline === undefined ? TIER_DEADLINES_MS[tier as Tier] : Math.round(Number(values.deadline) * 1000);
  // Up to an hour: a budget is for large images on slow machines, not for running unattended forever.
  if (!Number.isFinite(deadlineMs) || deadlineMs < 100 || deadlineMs > 3_600_000) {
    throw new UsageError(`--deadline must be a number of seconds from 0.1 to 3600 (got "${values.deadline}").`);
  }
  const concurrency = values.concurrency === undefined ? availableParallelism() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be an integer from 1 to 64 (got "${values.concurrency}").`);
  }
  if (!values.help && positionals.length === 0) throw new UsageError('No input files given.');
  return { tier: tier as Tier, deadlineMs, outDir: values.out, json: values.json, concurrency, stats: values.stats, help: values.help, inputs: positionals };
}
