/**
 * `npm run corpus [-- --size 512] [--seed N]`: builds the dev corpus of PNG renders with their
 * ground-truth SVGs under corpus/<size>/ (git-ignored), extra train-only icons for the classifier
 * under corpus/<size>/train-extra/, and, with `--test-extra-factor N`, a larger held-out set under
 * corpus/<size>/test-extra/ (ids that hash to the test split; see heldOutReport.ts). Deterministic: fixed picks from sorted icon lists,
 * a fixed seed for the synthetic images, and manifests sorted by id.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pickingCategory, type Category } from './categorize';
import { initRenderer } from './render';
import { strideOrder } from './select';
import { SOURCES, type Candidate } from './sources';
import { splitOf, type Split } from './split';
import { synthetic, syntheticId, type SyntheticKind } from './synthetic/index';
import { FONT_PACKAGES, missingFonts } from './synthetic/text';
import { printSummary } from './summary';
import { CorpusWriter } from './writer';
import { EXTRA_DIR, TEST_EXTRA_DIR } from './extraDir';

export const CATEGORIES: readonly Category[] = ['simple', 'text', 'gradient', 'complex'];
/** Per-category goals; real icons come first, synthetic images fill what they leave. */
const TARGETS: Record<Category, number> = { simple: 120, text: 100, gradient: 90, complex: 150 };
const DEFAULT_SEED = 20240917;
/** The extra training set takes this many times each source's quota, from icons the corpus left
 * (`--extra-factor N` overrides it, to measure how the classifier scales with data). */
const EXTRA_FACTOR = 16;

/** A set beside the corpus, filled from the icons it left whose id hashes to `split`. */
interface ExtraSet { writer: CorpusWriter; split: Split; factor: number }

/**
 * Real icons: each source's quota per category into the corpus, then, for every extra set,
 * factor × that quota of the icons left over whose id hashes to the set's split. The corpus
 * itself, and so its validation and test splits, is the same with or without the extra sets; an
 * extra image could only ever land in its own split if the corpus grew, and the sets never share
 * an image (their ids hash to different splits).
 */
function addRealIcons(w: CorpusWriter, extras: readonly ExtraSet[]): void {
  for (const source of SOURCES) {
    // Categorise the whole set first so each category's quota is spread over the sorted names.
    // Picking reads the authored SVG (no svgo pass over thousands of icons) with the picking rule;
    // the stored label is categorize() of the minified SVG (CorpusWriter.add), so a quota is a
    // target, not an exact count.
    const byCategory = new Map<Category, Array<{ c: Candidate; svg: string }>>();
    for (const c of source.list()) {
      const svg = c.load();
      const cat = pickingCategory(svg, { name: c.sourceName });
      if (!byCategory.has(cat)) byCategory.set(cat, []);
      byCategory.get(cat)!.push({ c, svg });
    }
    for (const cat of CATEGORIES) {
      const quota = source.quota[cat] ?? 0;
      let taken = 0;
      for (const { c, svg } of strideOrder(byCategory.get(cat) ?? [], quota)) {
        if (taken >= quota) break;
        if (w.add({ ...c, svg, pickedAs: cat })) taken++;
      }
      if (taken < quota) console.warn(`${source.pkg}: only ${taken}/${quota} ${cat}`);
      for (const { writer, split, factor } of extras) {
        const left = (byCategory.get(cat) ?? []).filter(({ c }) => !w.has(c.id) && splitOf(c.id) === split);
        let extraTaken = 0;
        for (const { c, svg } of strideOrder(left, quota * factor)) {
          if (extraTaken >= quota * factor) break;
          if (writer.add({ ...c, svg, pickedAs: cat })) extraTaken++;
        }
      }
    }
  }
}

const SYNTHETIC_KINDS = ['text', 'gradient', 'simple'] as const satisfies readonly SyntheticKind[];

/** Generates synthetic image `at` of a kind and adds it; false when it failed or was unusable. */
function addSyntheticImage(w: CorpusWriter, kind: SyntheticKind, at: number, seed: number): boolean {
  let item;
  try {
    item = synthetic(kind, at, seed);
  } catch (e) {
    return w.skip(syntheticId(kind, at), 'synthetic', 'generator-error', String(e));
  }
  return w.add({ ...item, source: 'synthetic', pickedAs: pickingCategory(item.svg, { name: item.sourceName, isText: item.isText }) });
}

/** Synthetic images fill each category up to its target; synthetic kinds exist for three of them. */
function addSynthetic(w: CorpusWriter, seed: number): void {
  for (const kind of SYNTHETIC_KINDS) {
    // The cap stops a generator bug from looping forever.
    for (let at = 0; w.count(kind) < TARGETS[kind] && at < TARGETS[kind] * 4; at++) addSyntheticImage(w, kind, at, seed);
  }
}

/** Synthetic indices from here on are never tried by addSynthetic (its cap is 4 × a target ≤ 150). */
const HELD_OUT_SYNTHETIC_START = 1000;

/**
 * Synthetic images for the held-out set: per kind, factor × the test split's expected share (15 %)
 * of the corpus's synthetic images of that kind, from fresh generator indices whose id hashes to
 * test — the synthetic counterpart of the real icons' factor × quota.
 */
function addHeldOutSynthetic(w: CorpusWriter, corpus: CorpusWriter, seed: number, factor: number): void {
  for (const kind of SYNTHETIC_KINDS) {
    const goal = Math.round(factor * 0.15 * corpus.entries.filter((e) => e.source === 'synthetic' && e.id.startsWith(`syn-${kind}-`)).length);
    let taken = 0;
    for (let at = HELD_OUT_SYNTHETIC_START; taken < goal && at < HELD_OUT_SYNTHETIC_START + goal * 40; at++) {
      if (splitOf(syntheticId(kind, at)) === 'test' && addSyntheticImage(w, kind, at, seed)) taken++;
    }
  }
}

const sortById = <T extends { id: string }>(entries: T[]): T[] => [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Writes a set's manifest (items sorted by id; the header's count filled in place) and prints its summary. */
function writeSet(dir: string, writer: CorpusWriter, header: { count: number } & Record<string, unknown>, started: number): void {
  const items = sortById(writer.entries);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ header: { ...header, count: items.length }, items }, null, 1) + '\n');
  printSummary(items, writer.skipped, CATEGORIES, (performance.now() - started) / 1000, dir);
}

/** A count option: a whole number ≥ 0, `fallback` when absent. */
function wholeNumberOption(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number ≥ 0 (got ${raw})`);
  return value;
}

async function main(): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({ options: { size: { type: 'string', default: '256' }, seed: { type: 'string' }, 'extra-factor': { type: 'string' }, 'test-extra-factor': { type: 'string' } } });
  const size = Number(values.size);
  // Small sizes measure favicon-sized input (npm run bench -- --size 32); the image set stays the one picked at any size.
  if (![16, 32, 64, 128, 256, 512, 1024].includes(size)) throw new Error(`--size must be 16, 32, 64, 128, 256, 512 or 1024 (got ${values.size})`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed) >>> 0;
  const extraFactor = wholeNumberOption('extra-factor', values['extra-factor'], EXTRA_FACTOR);
  const testExtraFactor = wholeNumberOption('test-extra-factor', values['test-extra-factor'], 0);
  const missing = missingFonts();
  if (missing.length > 0) throw new Error(`missing fonts ${missing.join(', ')}: apt-get install -y ${FONT_PACKAGES}`);
  const dir = fileURLToPath(new URL(`../../corpus/${size}/`, import.meta.url));
  // Start clean so images dropped from the picks do not linger beside the new manifest.
  rmSync(dir, { recursive: true, force: true });
  await initRenderer();
  const w = new CorpusWriter(dir, size);
  const extra = new CorpusWriter(join(dir, EXTRA_DIR), size);
  const testExtra = testExtraFactor > 0 ? new CorpusWriter(join(dir, TEST_EXTRA_DIR), size) : null;
  addRealIcons(w, [{ writer: extra, split: 'train', factor: extraFactor }, ...(testExtra ? [{ writer: testExtra, split: 'test' as const, factor: testExtraFactor }] : [])]);
  addSynthetic(w, seed);
  if (testExtra) addHeldOutSynthetic(testExtra, w, seed, testExtraFactor);
  // count stays where it is in every header; writeSet fills in each set's own.
  const header = { generator: 'scripts/corpus/build.ts', size, seed, targets: TARGETS, splits: { train: 0.7, validation: 0.15, test: 0.15 }, count: 0 };
  writeSet(dir, w, header, started);
  writeSet(join(dir, EXTRA_DIR), extra, { ...header, generator: 'scripts/corpus/build.ts (extra training images: train-split ids the corpus left)', extraFactor }, started);
  if (testExtra) {
    writeSet(join(dir, TEST_EXTRA_DIR), testExtra, { ...header, generator: 'scripts/corpus/build.ts (held-out images: test-split ids the corpus left, never trained or selected on)', testExtraFactor }, started);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
