import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Category = 'simple' | 'text' | 'gradient' | 'complex';
export const CATEGORIES: readonly Category[] = ['simple', 'text', 'gradient', 'complex'];
export type Split = 'train' | 'validation' | 'test';

/** One corpus image, as written by `npm run corpus` (scripts/corpus/build.ts). */
export interface CorpusItem {
  id: string;
  category: Category;
  source: string;
  sourceName: string;
  licence: string;
  width: number;
  height: number;
  groundTruthBytes: number;
  split: Split;
}

export interface Corpus {
  dir: string;
  items: CorpusItem[];
}

export function loadCorpus(root: string, size: number): Corpus {
  const dir = join(root, String(size));
  let manifest: { items: CorpusItem[] };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    throw new Error(`No corpus at ${dir}: run \`npm run corpus${size === 256 ? '' : ` -- --size ${size}`}\` first.`);
  }
  return { dir, items: manifest.items };
}

export function pngPath(corpus: Corpus, item: CorpusItem): string {
  return join(corpus.dir, 'png', `${item.id}.png`);
}

/**
 * A deterministic subset of exactly `size` items that keeps the categories' proportions: each
 * category's share is floored, and the places left go to the largest remainders (ties in
 * CATEGORIES order); within a category items are taken in manifest (id) order, so `--subset 100`
 * always means the same 100. (Rounding each share, as before, could pick nothing at all for
 * `--subset 1`: every share of 1 image rounded to 0.)
 */
export function pickSubset(items: CorpusItem[], size: number | null): CorpusItem[] {
  if (size === null || size >= items.length) return items;
  const byCategory = CATEGORIES.map((category) => items.filter((item) => item.category === category));
  const shares = byCategory.map((group) => (group.length / items.length) * size);
  const quotas = shares.map(Math.floor);
  const byRemainder = shares.map((share, i) => ({ i, remainder: share - Math.floor(share) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let left = size - quotas.reduce((a, b) => a + b, 0), k = 0; left > 0; k++) {
    const { i } = byRemainder[k % byRemainder.length];
    if (quotas[i] < byCategory[i].length) {
      quotas[i]++;
      left--;
    }
  }
  return byCategory.flatMap((group, i) => group.slice(0, quotas[i]));
}
