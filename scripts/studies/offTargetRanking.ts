/**
 * npx tsx scripts/studies/offTargetRanking.ts [SEARCH_DIR] — how tier 2 should order the
 * parameter sets the model predicts to miss the class's SSIM target.
 *
 * rankCandidates orders them by predicted fidelity alone, so tier 2 takes whichever set the model
 * scores highest, however many bytes it predicts. Predictions are least sure for large,
 * many-colour traces, where that choice can cost several times the bytes for a lower SSIM
 * (vscode-file-type-powershell-psd2: 8457 B at 0.9597 where another set gives 985 B at 0.9728).
 * This study refits the shipped parameter model from a search cache and compares, on the images
 * the decisions are taken on (train out-of-fold + validation, both sizes), the measured outcome of
 * ordering the off-target sets by `score − weight · log2 bytes` for several weights (rankCandidates'
 * sizeWeight; the tier-2 margins are the shipped ones). The test split is not read. Chose
 * TIER2_OFF_TARGET_SIZE_WEIGHT; takes ~2 min.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCorpusManifest } from '../train/corpusFeatures';
import { DEFAULT_FIT_OPTIONS, fitParamsModel, outOfFoldPredictions, predictAll } from '../train/params/fit';
import { searchOutcomes } from '../train/params/outcomes';
import { policyMetrics, targetOf } from '../train/params/policies';
import { SEARCH_VARIANTS } from '../train/params/search';
import { SearchCache } from '../train/params/searchCache';
import { rankCandidates, ssimToScore } from '../../src/core/params/rankCandidates';
import { keepsFlatColours } from '../../src/core/params/colourCap';
import { PARAM_GRID } from '../train/params/grid';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = `${ROOT}corpus/`;
const WEIGHTS = [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5];

async function main(): Promise<void> {
  const manifest = await readCorpusManifest(`${CORPUS}256/`);
  const items = manifest.items as Array<typeof manifest.items[number] & { groundTruthBytes: number }>;
  const shipped = JSON.parse(readFileSync(`${ROOT}public/models/manifest.json`, 'utf8')).models.find((m: { name: string }) => m.name === 'params');
  const cacheDir = process.argv[2] ?? `${CORPUS}params-search/${shipped.training.tracerVersion}`;
  const cache = new SearchCache(cacheDir, `study-${process.pid}`);
  const { images } = await searchOutcomes(CORPUS, items.filter((i) => i.split !== 'test'), cache);
  const train = images.filter((im) => im.split === 'train');
  const validation = images.filter((im) => im.split === 'validation');
  const model = fitParamsModel(train, validation, DEFAULT_FIT_OPTIONS);
  console.log(`model: hidden ${model.hidden.join('×')}, l2 ${model.l2}, seed ${model.seed} (search ${basename(cacheDir)})`);
  const set = [...train, ...validation];
  const predictions = [...outOfFoldPredictions(train, validation, model, 5), ...predictAll(model, validation)];
  const margins = shipped.decision.tier2Margins as Record<string, number | null>;
  for (const variant of SEARCH_VARIANTS.map((v) => v.name)) {
    const margin = margins[variant];
    if (margin === null || margin === undefined) continue;
    const at = set.map((im, i) => (im.variant === variant ? i : -1)).filter((i) => i >= 0);
    const groups: Record<string, number[]> = {
      all: at,
      'predicted off target': at.filter((i) => !predictions[i]!.some((p) => p.score >= ssimToScore(targetOf(set[i]!)) + margin)),
      'gradient, not synthetic': at.filter((i) => set[i]!.category === 'gradient' && !set[i]!.id.startsWith('syn-')),
    };
    console.log(`\n${variant} px, tier-2 margin ${margin}`);
    for (const [name, indices] of Object.entries(groups)) {
      console.log(`  ${name} (${indices.length} images): weight → mean SSIM / median size ÷ GT / total KB / on target`);
      const images = indices.map((i) => set[i]!);
      for (const weight of WEIGHTS) {
        // As the tiers rank: sets that would lose one of the image's flat colours last.
        const choice = indices.map((i) => rankCandidates(predictions[i]!, targetOf(set[i]!), margin, weight, PARAM_GRID.map((c) => keepsFlatColours(c, set[i]!)))[0]!);
        const m = policyMetrics(images, choice);
        const kb = images.reduce((s, im, k) => s + im.bytes[choice[k]!]!, 0) / 1024;
        console.log(`    ${String(weight).padEnd(5)} ${m.meanSsim.toFixed(4)} / ${m.medianSizeRatio.toFixed(2)}× / ${kb.toFixed(1)} / ${(m.onTargetShare * 100).toFixed(1)}%`);
      }
    }
  }
}

await main();
