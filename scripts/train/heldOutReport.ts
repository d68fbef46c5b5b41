/**
 * `npx tsx scripts/train/heldOutReport.ts` — scores the shipped classifier (public/models/
 * classifier.onnx, through the app's own loader) and the rule-based baseline on the larger held-out
 * set, corpus/256/test-extra (`npm run corpus -- --test-extra-factor N`): icons whose id hashes to
 * the test split but that the corpus did not pick, plus fresh synthetic images hashing to test.
 *
 * Why: the issue's test split has 67 images (one image = 1.5 points; gradient has 5, so one miss
 * is 20 points), and it has been printed for every candidate since session 5. This set has never
 * been trained, selected or tuned on, so its first reading is a clean estimate with a usable
 * confidence interval.
 *
 * Rule, fixed before the set was built or scored (session 13): nothing is trained, selected or
 * tuned on this set, now or later; it is reported beside the 67-image split, which stays the
 * issue's figure. Its composition differs from the corpus's (the corpus fills category quotas, this
 * set takes the same factor × quota rule as the extra training set), so besides the raw figure it
 * prints one reweighted to the 67-image split's source × category mix.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeHost } from '../../src/cli/nodeHost';
import { classifyByRules, loadClassifier } from '../../src/core/classify';
import { EXTRA_DIR, TEST_EXTRA_DIR } from '../corpus/extraDir';
import { familyOf } from '../corpus/family';
import { CLASSES } from './classes';
import { corpusFeatures, readCorpusManifest, VARIANTS, type CorpusItem, type Variant } from './corpusFeatures';
import { evaluate, formatComparison, formatConfusion, wilson, type Metrics } from './metrics';

const ROOT = fileURLToPath(new URL('../../corpus/', import.meta.url));

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function withInterval(right: number, n: number): string {
  const [lo, hi] = wilson(right, n);
  return `${pct(right / n)} (${right}/${n}; 95% CI ${pct(lo)}–${pct(hi)})`;
}

/** Right answers and images per group of items (`right[k]` says whether item k was classified right). */
function scoreBy(items: CorpusItem[], right: boolean[], key: (item: CorpusItem) => string): Map<string, { right: number; n: number }> {
  const score = new Map<string, { right: number; n: number }>();
  items.forEach((item, k) => {
    const s = score.get(key(item)) ?? { right: 0, n: 0 };
    s.n++;
    if (right[k]) s.right++;
    score.set(key(item), s);
  });
  return score;
}

/** The source × category cell an image belongs to: the mix the reweighted figure matches. */
const cellOf = (i: CorpusItem): string => `${i.source} / ${i.category}`;

/** Accuracy of each source × category cell, averaged with the weights of `mix` (cells absent here are skipped and listed). */
function reweighted(items: CorpusItem[], right: boolean[], mix: CorpusItem[]): { estimate: number; missing: string[] } {
  const score = scoreBy(items, right, cellOf);
  const weights = new Map<string, number>();
  for (const item of mix) weights.set(cellOf(item), (weights.get(cellOf(item)) ?? 0) + 1);
  let sum = 0, total = 0;
  const missing: string[] = [];
  for (const [key, w] of weights) {
    const s = score.get(key);
    if (!s) { missing.push(`${key} (${w})`); continue; }
    sum += (w * s.right) / s.n;
    total += w;
  }
  return { estimate: total ? sum / total : 0, missing };
}

interface Scores { model: Metrics; rules: Metrics; modelRight: boolean[]; rulesRight: boolean[] }

async function scoreSet(items: CorpusItem[], variant: Variant, subdir: string): Promise<Scores> {
  const { samples } = await corpusFeatures(ROOT, items, variant, subdir);
  const classifier = await loadClassifier(nodeHost);
  const truth: number[] = [], model: number[] = [], rules: number[] = [];
  for (const s of samples) {
    const p = await classifier.run(s.features);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    truth.push(CLASSES.indexOf(s.item.category));
    model.push(CLASSES.indexOf(classifier.entry.classes[best]!));
    rules.push(CLASSES.indexOf(classifyByRules(s.features)));
  }
  return {
    model: evaluate(CLASSES, truth, model), rules: evaluate(CLASSES, truth, rules),
    modelRight: truth.map((t, i) => t === model[i]), rulesRight: truth.map((t, i) => t === rules[i]),
  };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '256,128,64' } } });
  const corpus = await readCorpusManifest(`${ROOT}256/`);
  const heldOut = await readCorpusManifest(`${ROOT}256/${TEST_EXTRA_DIR}/`);
  // The builder only puts test-split ids there that the corpus left; checked again because an
  // overlap would count images twice and a train id would void the figures.
  const corpusIds = new Set(corpus.items.map((i) => i.id));
  const bad = heldOut.items.filter((i) => i.split !== 'test' || corpusIds.has(i.id));
  if (bad.length) throw new Error(`${bad.length} held-out images are not unused test-split ids, e.g. ${bad[0]!.id}`);
  const testSplit = corpus.items.filter((i) => i.split === 'test');
  // Variants of one icon (another skin tone, theme, style) can sit in training while this set holds
  // the icon, and a package can ship one drawing under two names: the "unseen" figure leaves out
  // both (same family, or the same PNG bytes as a training image).
  const trainExtra = await readCorpusManifest(`${ROOT}256/${EXTRA_DIR}/`);
  const trainItems = [...corpus.items.filter((i) => i.split === 'train').map((i) => ({ i, dir: '' })), ...trainExtra.items.map((i) => ({ i, dir: `${EXTRA_DIR}/` }))];
  const trainedFamilies = new Set(trainItems.map(({ i }) => familyOf(i.id)));
  const pngHash = async (dir: string, id: string) => createHash('sha256').update(await readFile(`${ROOT}256/${dir}png/${id}.png`)).digest('hex');
  const trainedPngs = new Set(await Promise.all(trainItems.map(({ i, dir }) => pngHash(dir, i.id))));
  const samePng = await Promise.all(heldOut.items.map(async (i) => trainedPngs.has(await pngHash(`${TEST_EXTRA_DIR}/`, i.id))));
  const unseen = heldOut.items.map((i, k) => !trainedFamilies.has(familyOf(i.id)) && !samePng[k]);
  console.log(`held-out set: ${heldOut.items.length} images (corpus/256/${TEST_EXTRA_DIR}); the issue's test split: ${testSplit.length}`);
  for (const name of args.sizes.split(',')) {
    const variant = VARIANTS.find((v) => v.name === name && v.corpusSize === 256);
    if (!variant) throw new Error(`--sizes: ${name} is not a size this set can be read at (256, 128, 64)`);
    const held = await scoreSet(heldOut.items, variant, TEST_EXTRA_DIR);
    const split = await scoreSet(testSplit, variant, '');
    console.log(`\n=== ${name} px ===`);
    console.log(formatComparison(CLASSES, [['model, held-out set', held.model], ['rules, held-out set', held.rules], ['model, test split', split.model], ['rules, test split', split.rules]]));
    const rightCount = (s: Scores) => s.modelRight.filter(Boolean).length;
    console.log(`model on the held-out set: ${withInterval(rightCount(held), held.modelRight.length)}`);
    console.log(`model on the test split:   ${withInterval(rightCount(split), split.modelRight.length)}`);
    for (const [k, c] of CLASSES.entries()) {
      const row = held.model.confusion[k]!;
      console.log(`  ${c.padEnd(9)} ${withInterval(row[k]!, row.reduce((s, v) => s + v, 0))}`);
    }
    const unseenRight = held.modelRight.filter((_, k) => unseen[k]);
    console.log(`model on held-out icons with no variant or copy in the training data: ${withInterval(unseenRight.filter(Boolean).length, unseenRight.length)}`);
    const model = reweighted(heldOut.items, held.modelRight, testSplit);
    const rules = reweighted(heldOut.items, held.rulesRight, testSplit);
    console.log(`reweighted to the test split's source × category mix: model ${pct(model.estimate)}, rules ${pct(rules.estimate)}${model.missing.length ? ` (cells not in the held-out set: ${model.missing.join(', ')})` : ''}`);
    const perSource = scoreBy(heldOut.items, held.modelRight, (i) => i.source);
    console.log(`model by source: ${[...perSource].sort().map(([src, t]) => `${src} ${pct(t.right / t.n)} of ${t.n}`).join('; ')}`);
    console.log(`held-out confusion (model):\n${formatConfusion(CLASSES, held.model)}`);
  }
  console.log(`\nheld-out icons with a variant or copy in the training data: ${unseen.filter((u) => !u).length} of ${unseen.length} (${samePng.filter(Boolean).length} the same PNG bytes as a training image)`);
  const composition = new Map<string, number>();
  for (const i of heldOut.items) composition.set(cellOf(i), (composition.get(cellOf(i)) ?? 0) + 1);
  console.log(`\nheld-out composition: ${[...composition].sort().map(([k, n]) => `${k} ${n}`).join('; ')}`);
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
