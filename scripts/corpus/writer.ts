import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { optimize } from 'svgo';
import { categorize, type Category } from './categorize';
import { meanAbsDiff, renderPng } from './render';
import { splitOf, type Split } from './split';

/** Minified SVG must render like the original: mean |ΔRGBA| above this means svgo changed it. */
export const MAX_SVGO_DIFF = 2;

export interface Entry {
  id: string; category: Category; source: string; sourceName: string; licence: string;
  width: number; height: number; groundTruthBytes: number; split: Split;
}

export interface Item {
  id: string; source: string; sourceName: string; licence: string; svg: string;
  /** The category it was picked for (from the authored SVG): quotas and targets count these, so
   * which images the corpus holds does not depend on how they are labelled. */
  pickedAs: Category;
  /** Set for synthetic images whose subject is text (see CategorizeMeta). */
  isText?: boolean;
}

export type SkipReason = 'svgo-error' | 'render-error' | 'blank' | 'svgo-changed' | 'generator-error';

export class CorpusWriter {
  readonly entries: Entry[] = [];
  readonly skipped: Array<{ id: string; source: string; reason: SkipReason; detail?: string }> = [];
  private readonly ids = new Set<string>();
  private readonly picked: Category[] = [];

  constructor(private readonly dir: string, private readonly size: number) {
    for (const sub of ['png', 'svg']) mkdirSync(join(dir, sub), { recursive: true });
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Images written that were picked as `category` (see Item.pickedAs). */
  count(category: Category): number {
    return this.picked.filter((c) => c === category).length;
  }

  skip(id: string, source: string, reason: SkipReason, detail?: string): false {
    this.skipped.push({ id, source, reason, detail });
    return false;
  }

  /** Minifies, renders, labels and writes one image; false (and a recorded reason) when it is unusable. */
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
    this.picked.push(item.pickedAs);
    const bytes = Buffer.byteLength(min, 'utf8');
    writeFileSync(join(this.dir, 'svg', `${item.id}.svg`), min);
    writeFileSync(join(this.dir, 'png', `${item.id}.png`), png.png);
    this.entries.push({
      // The label comes from the minified SVG — what is rendered and scored — not the authored file.
      id: item.id, category: categorize(min, { name: item.sourceName, isText: item.isText }), source: item.source, sourceName: item.sourceName,
      licence: item.licence, width: png.width, height: png.height, groundTruthBytes: bytes, split: splitOf(item.id),
    });
    return true;
  }
}
