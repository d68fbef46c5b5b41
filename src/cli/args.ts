import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Tier } from '../core';

export interface CliArgs {
  tier: Tier;
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
  const concurrency = values.concurrency === undefined ? availableParallelism() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be an integer from 1 to 64 (got "${values.concurrency}").`);
  }
  if (!values.help && positionals.length === 0) throw new UsageError('No input files given.');
  return { tier: tier as Tier, outDir: values.out, json: values.json, concurrency, stats: values.stats, help: values.help, inputs: positionals };
}
