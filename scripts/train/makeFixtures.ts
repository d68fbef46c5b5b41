/**
 * tsx scripts/train/makeFixtures.ts — writes the classifier's committed test fixtures:
 * a few validation-split corpus images per class, shrunk so the set stays under 30 KB, plus
 * their labels. Validation only: test-split images must stay unseen by anything we commit.
 */
import { readFile, mkdir, writeFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Vips from 'wasm-vips';
import { readCorpusManifest } from './corpusFeatures';
import { CLASSES } from './classes';

const CORPUS = fileURLToPath(new URL('../../corpus/256/', import.meta.url));
const OUT = fileURLToPath(new URL('../../tests/fixtures/classifier/', import.meta.url));
const PER_CLASS = 2;
// 30 KB holds two images per class only at this size; the model is trained for it (see VARIANTS).
const SIDE = 64;
const BUDGET = 30 * 1024;

const vips = await Vips({ dynamicLibraries: [] });
const manifest = await readCorpusManifest(CORPUS);
await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const labels: Record<string, string> = {};
let total = 0;
for (const category of CLASSES) {
  const items = manifest.items.filter((i) => i.split === 'validation' && i.category === category).sort((a, b) => a.id.localeCompare(b.id));
  // Spread over the sorted ids (every k-th), not the first few, so one source does not dominate.
  const k = Math.max(1, Math.floor(items.length / PER_CLASS));
  for (const item of items.filter((_, i) => i % k === 0).slice(0, PER_CLASS)) {
    const source = vips.Image.newFromBuffer(await readFile(`${CORPUS}png/${item.id}.png`));
    // thumbnail shrinks in premultiplied alpha, like the app's decoder does for large inputs.
    const small = source.thumbnailImage(SIDE, { height: SIDE });
    const png = small.writeToBuffer('.png', { compression: 9, keep: 0 });
    small.delete();
    source.delete();
    await writeFile(`${OUT}${item.id}.png`, png);
    labels[`${item.id}.png`] = category;
    total += png.length;
  }
}
await writeFile(`${OUT}labels.json`, JSON.stringify({ source: 'corpus/256 validation split, shrunk to ' + SIDE + ' px', labels }, null, 2) + '\n');
console.log(`${Object.keys(labels).length} fixtures, ${total} bytes`);
if (total > BUDGET) throw new Error(`fixtures are ${total} bytes, over the ${BUDGET} budget`);
process.exit(0);
