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
 * A deterministic subset that keeps the categories' proportions: items are taken round-robin
 * across categories in manifest (id) order, so `--subset 100` always means the same 100.
 */
export function pickSubset(items: CorpusItem[], size: number | null): CorpusItem[] {
  if (size === null || size >= items.length) return items;
  const byCategory = CATEGORIES.map((category) => items.filter((item) => item.category === category));
  const total = items.length;
  const quotas = byCategory.map((group) => Math.round((group.length / total) * size));
  const picked = byCategory.flatMap((group, i) => group.slice(0, quotas[i]));
  return picked.slice(0, size);
}
