import { parseArgs } from 'node:util';
import { CATEGORIES, type Category, type Split } from './corpus';

export interface BenchArgs {
  tiers: number[];
  anchors: string[] | null;
  categories: Category[];
  subset: number | null;
  reps: number;
  split: Split | 'all';
  size: number;
  corpusDir: string;
  outDir: string;
  /** An earlier report folder to show the gradient category before/after against. */
  beforeDir: string | null;
}

export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --tiers 1,2,3          Tracewise tiers to run (default 1,2,3; "none" for anchors only)
  --anchors a,b|none     anchors to run (default all: imagetracer-default, potrace, vtracer-native, vtracer-wasm;
                         also nameable: tracewise-no-gradients, for a before/after of gradient fitting)
  --categories c,...     simple,text,gradient,complex (default all)
  --subset N             a fixed, category-balanced subset of N images (default: the whole split)
  --reps N               timed repetitions per image after a warm-up; the median is kept (default 3)
  --split S              test | validation | train | all (default test)
  --size N               corpus size to read (default 256)
  --corpus DIR           corpus root (default corpus)
  --out DIR              report folder (default bench-results/<timestamp>)
  --before DIR           an earlier report folder: the HTML report then shows the gradient category
                         before (that run's SVGs) and after (this run's), in pictures`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      tiers: { type: 'string', default: '1,2,3' },
      anchors: { type: 'string' },
      categories: { type: 'string', default: CATEGORIES.join(',') },
      subset: { type: 'string' },
      reps: { type: 'string', default: '3' },
      split: { type: 'string', default: 'test' },
      size: { type: 'string', default: '256' },
      corpus: { type: 'string', default: 'corpus' },
      out: { type: 'string' },
      before: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(BENCH_USAGE);
    process.exit(0);
  }
  const tiers = values.tiers === 'none' ? [] : values.tiers.split(',').map(Number);
  if (tiers.some((tier) => ![1, 2, 3].includes(tier))) throw new Error(`--tiers: expected 1,2,3 (got ${values.tiers})`);
  const categories = values.categories.split(',') as Category[];
  if (categories.some((c) => !CATEGORIES.includes(c))) throw new Error(`--categories: expected ${CATEGORIES.join(',')}`);
  if (!['test', 'validation', 'train', 'all'].includes(values.split)) throw new Error('--split: test|validation|train|all');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return {
    tiers,
    anchors: values.anchors === undefined ? null : values.anchors === 'none' ? [] : values.anchors.split(','),
    categories,
    subset: values.subset === undefined ? null : positiveInt('--subset', values.subset),
    reps: positiveInt('--reps', values.reps),
    split: values.split as Split | 'all',
    size: positiveInt('--size', values.size),
    corpusDir: values.corpus,
    outDir: values.out ?? `bench-results/${stamp}`,
    beforeDir: values.before ?? null,
  };
}

function positiveInt(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag}: expected a positive integer (got ${text})`);
  return value;
}
