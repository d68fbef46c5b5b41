/**
 * `npm run corpus [-- --size 512] [--seed N]`: builds the dev corpus of PNG renders with their
 * ground-truth SVGs under corpus/<size>/ (git-ignored). Deterministic: fixed picks from sorted icon
 * lists, a fixed seed for the synthetic images, and a manifest sorted by id.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { optimize } from 'svgo';
import { categorize, type Category } from './categorize';
import { initRenderer, meanAbsDiff, renderPng } from './render';
import { strideOrder } from './select';
import { SOURCES, type Candidate } from './sources';
import { splitOf, type Split } from './split';
import { synthetic, type SyntheticKind } from './synthetic/index';
import { FONT_PACKAGES, missingFonts } from './synthetic/text';
import { printSummary } from './summary';

export const CATEGORIES: readonly Category[] = ['simple', 'text', 'gradient', 'complex'];
/** Per-category goals; real icons come first, synthetic images fill what they leave. */
const TARGETS: Record<Category, number> = { simple: 120, text: 100, gradient: 90, complex: 150 };
const DEFAULT_SEED = 20240917;
/** Minified SVG must render like the original: mean |ΔRGBA| above this means svgo changed it. */
const MAX_SVGO_DIFF = 2;

export interface Entry {
  id: string; category: Category; source: string; sourceName: string; licence: string;
  width: number; height: number; groundTruthBytes: number; split: Split;
}

interface Item { id: string; source: string; sourceName: string; licence: string; svg: string; category: Category }

export type SkipReason = 'svgo-error' | 'render-error' | 'blank' | 'svgo-changed' | 'generator-error';

class CorpusWriter {
  readonly entries: Entry[] = [];
  readonly skipped: Array<{ id: string; source: string; reason: SkipReason; detail?: string }> = [];
  private readonly ids = new Set<string>();

  constructor(private readonly dir: string, private readonly size: number) {
    for (const sub of ['png', 'svg']) mkdirSync(join(dir, sub), { recursive: true });
  }

  count(category: Category): number {
    return this.entries.filter((e) => e.category === category).length;
  }

  skip(id: string, source: string, reason: SkipReason, detail?: string): false {
    this.skipped.push({ id, source, reason, detail });
    return false;
  }

  /** Minifies, renders and writes one image; false (and a recorded reason) when it is unusable. */
  add(item: Item): boolean {
    if (this.ids.has(item.id)) throw new Error(`duplicate id ${item.id}`);
    let min: string;
    try {
      min = optimize(item.svg, { multipass: true }).data;
    } catch (e) {
      return this.skip(item.id, item.source, 'svgo-error', String(e));
    }
    let png;
    try {
      png = renderPng(min, this.size);
      if (png.visiblePixels === 0) return this.skip(item.id, item.source, 'blank');
      const diff = meanAbsDiff(png, renderPng(item.svg, this.size));
      if (diff > MAX_SVGO_DIFF) return this.skip(item.id, item.source, 'svgo-changed', diff.toFixed(2));
    } catch (e) {
      return this.skip(item.id, item.source, 'render-error', String(e));
    }
    this.ids.add(item.id);
    const bytes = Buffer.byteLength(min, 'utf8');
    writeFileSync(join(this.dir, 'svg', `${item.id}.svg`), min);
    writeFileSync(join(this.dir, 'png', `${item.id}.png`), png.png);
    this.entries.push({
      id: item.id, category: item.category, source: item.source, sourceName: item.sourceName,
      licence: item.licence, width: png.width, height: png.height, groundTruthBytes: bytes, split: splitOf(item.id),
    });
    return true;
  }
}

function addRealIcons(w: CorpusWriter): void {
  for (const source of SOURCES) {
    // Categorise the whole set first so each category's quota is spread over the sorted names.
    const byCategory = new Map<Category, Array<{ c: Candidate; svg: string }>>();
    for (const c of source.list()) {
      const svg = c.load();
      const cat = categorize(svg, { name: c.sourceName });
      if (!byCategory.has(cat)) byCategory.set(cat, []);
      byCategory.get(cat)!.push({ c, svg });
    }
    for (const cat of CATEGORIES) {
      const quota = source.quota[cat] ?? 0;
      let taken = 0;
      for (const { c, svg } of strideOrder(byCategory.get(cat) ?? [], quota)) {
        if (taken >= quota) break;
        if (w.add({ ...c, svg, category: cat })) taken++;
      }
      if (taken < quota) console.warn(`${source.pkg}: only ${taken}/${quota} ${cat}`);
    }
  }
}

/** Synthetic images fill each category up to its target; synthetic kinds exist for three of them. */
function addSynthetic(w: CorpusWriter, seed: number): void {
  for (const kind of ['text', 'gradient', 'simple'] as const satisfies readonly SyntheticKind[]) {
    let index = 0;
    // The cap stops a generator bug from looping forever.
    while (w.count(kind) < TARGETS[kind] && index < TARGETS[kind] * 4) {
      const at = index++;
      let item;
      try {
        item = synthetic(kind, at, seed);
      } catch (e) {
        w.skip(`syn-${kind}-${at}`, 'synthetic', 'generator-error', String(e));
        continue;
      }
      const category = categorize(item.svg, { name: item.sourceName, isText: item.isText });
      w.add({ ...item, source: 'synthetic', category });
    }
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({ options: { size: { type: 'string', default: '256' }, seed: { type: 'string' } } });
  const size = Number(values.size);
  if (![256, 512, 1024].includes(size)) throw new Error(`--size must be 256, 512 or 1024 (got ${values.size})`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed) >>> 0;
  const missing = missingFonts();
  if (missing.length > 0) throw new Error(`missing fonts ${missing.join(', ')}: apt-get install -y ${FONT_PACKAGES}`);
  const dir = fileURLToPath(new URL(`../../corpus/${size}/`, import.meta.url));
  // Start clean so images dropped from the picks do not linger beside the new manifest.
  rmSync(dir, { recursive: true, force: true });
  await initRenderer();
  const w = new CorpusWriter(dir, size);
  addRealIcons(w);
  addSynthetic(w, seed);
  const items = [...w.entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const header = { generator: 'scripts/corpus/build.ts', size, seed, targets: TARGETS, splits: { train: 0.7, validation: 0.15, test: 0.15 }, count: items.length };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ header, items }, null, 1) + '\n');
  printSummary(items, w.skipped, CATEGORIES, (performance.now() - started) / 1000, dir);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
