/**
 * The benchmark panel's built-in sample set: 12 small PNGs (3 per category, 64–128 px) shrunk
 * with wasm-vips from the dev corpus's TRAIN split only (the test split stays unseen), each from a
 * different source package where the category allows, plus public/samples/credits.json.
 *
 *   npm run corpus   # if corpus/256 is missing
 *   npm run samples  # writes public/samples/ (committed)
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import Vips from 'wasm-vips';
import type { SampleCredit } from '../../src/ui/benchmark/samples';

interface CorpusItem {
  id: string;
  category: 'simple' | 'text' | 'gradient' | 'complex';
  source: string;
  sourceName: string;
  licence: string;
  split: 'train' | 'validation' | 'test';
}

const CORPUS = new URL('../../corpus/256/', import.meta.url);
const OUT = new URL('../../public/samples/', import.meta.url);
const PER_CATEGORY = 3;
const SIDES = [64, 96, 128];
const CATEGORIES = ['simple', 'text', 'gradient', 'complex'] as const;

const manifest = JSON.parse(await readFile(new URL('manifest.json', CORPUS), 'utf8')) as { items: CorpusItem[] };
const train = manifest.items.filter((item) => item.split === 'train').sort((a, b) => a.id.localeCompare(b.id));

/** Spread the picks over the category's train items, preferring sources not picked yet. */
function pick(category: CorpusItem['category']): CorpusItem[] {
  const items = train.filter((item) => item.category === category);
  const chosen: CorpusItem[] = [];
  const stride = Math.max(1, Math.floor(items.length / PER_CATEGORY));
  for (let start = 0; chosen.length < PER_CATEGORY && start < items.length; start += stride) {
    const fresh = items.slice(start).find((item) => !chosen.some((c) => c.source === item.source));
    const next = fresh ?? items.slice(start).find((item) => !chosen.includes(item));
    if (next) chosen.push(next);
  }
  return chosen;
}

const vips = await Vips({ dynamicLibraries: [] });
await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const credits: SampleCredit[] = [];
let n = 0;
for (const category of CATEGORIES) {
  for (const item of pick(category)) {
    const side = SIDES[n++ % SIDES.length];
    const source = vips.Image.newFromBuffer(await readFile(new URL(`png/${item.id}.png`, CORPUS)));
    const small = source.thumbnailImage(side, { height: side });
    const png = small.writeToBuffer('.png', { compression: 9, strip: true });
    const file = `${category}-${item.id}.png`;
    await writeFile(new URL(file, OUT), png);
    credits.push({ file, category, width: small.width, height: small.height, bytes: png.length, source: item.source, name: item.sourceName, licence: item.licence });
    small.delete();
    source.delete();
  }
}
await writeFile(new URL('credits.json', OUT), `${JSON.stringify({ generator: 'scripts/samples/build.ts', split: 'train', samples: credits }, null, 1)}\n`);
console.log(credits.map((c) => `${c.file} ${c.width}×${c.height} ${c.bytes} B (${c.source} ${c.name}, ${c.licence})`).join('\n'));
vips.shutdown();
