/**
 * `npx tsx scripts/train/params/heldOutParams.ts [--jobs N] [--sizes 256,128] [--no-search]` — the shipped parameter model
 * (public/models/params.onnx, through the app's own loader, with its manifest's decision) against
 * the engine defaults, the class presets and the best of the grid on the larger held-out set,
 * corpus/256/test-extra (`npm run corpus -- --test-extra-factor N`; see
 * scripts/train/heldOutReport.ts). Same search, same comparison and table as `npm run
 * train:params` prints for validation and test (comparePolicies.ts); the search is cached under
 * corpus/params-search/<tracer version>-test-extra/. `--no-search` reports from that cache as it is
 * (it must hold every image at the sizes asked for).
 *
 * Rule, fixed before this comparison was first run (session 13): report only. Nothing is fitted,
 * selected or tuned on this set: not the network, not the margins, not whether tier 2 uses the
 * model at a size.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeHost } from '../../../src/cli/nodeHost';
import { featureOutsideTraining, loadParamsModel, splitPredictions } from '../../../src/core/params';
import { TEST_EXTRA_DIR } from '../../corpus/extraDir';
import { PRIMARY_VARIANT, readCorpusManifest } from '../corpusFeatures';
import { compareTier3, comparePolicies, formatPolicyComparison } from './comparePolicies';
import type { MarginChoice } from './fit';
import { PARAM_GRID } from './grid';
import { searchOutcomes } from './outcomes';
import { SEARCH_VARIANTS, searchCorpus } from './search';
import { SearchCache, tracerVersion } from './searchCache';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = `${ROOT}corpus/`;

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { jobs: { type: 'string', default: '2' }, sizes: { type: 'string', default: SEARCH_VARIANTS.map((v) => v.name).join(',') }, 'no-search': { type: 'boolean', default: false } } });
  const shipped = await loadParamsModel(nodeHost);
  const version = tracerVersion(ROOT);
  const trainedOn = (shipped.entry as { training?: { tracerVersion?: string } }).training?.tracerVersion;
  // Outcomes of another engine would score the model on traces it was never fitted to.
  if (trainedOn !== version) throw new Error(`the shipped parameter model was fitted on tracer version ${trainedOn}, this engine is ${version}: retrain it first (npm run train:params)`);
  if (JSON.stringify(shipped.entry.candidates) !== JSON.stringify(PARAM_GRID)) throw new Error('the shipped parameter model scores another grid than PARAM_GRID');
  const manifest = await readCorpusManifest(`${CORPUS}256/${TEST_EXTRA_DIR}/`);
  const items = manifest.items as Array<typeof manifest.items[number] & { groundTruthBytes: number }>;
  const cacheDir = `${CORPUS}params-search/${version}-${TEST_EXTRA_DIR}`;
  const variants = args.sizes.split(',').map((name) => {
    const variant = SEARCH_VARIANTS.find((v) => v.name === name);
    if (!variant) throw new Error(`--sizes: ${name} is not a searched size (${SEARCH_VARIANTS.map((v) => v.name).join(', ')})`);
    return variant;
  });
  console.log(`held-out set: ${items.length} images at ${variants.map((v) => v.name).join(' and ')} px × ${PARAM_GRID.length} parameter sets, tracer version ${version}`);
  if (!args['no-search']) await searchCorpus(`${CORPUS}256/${TEST_EXTRA_DIR}/`, items, cacheDir, Number(args.jobs));
  const { images } = await searchOutcomes(CORPUS, items, new SearchCache(cacheDir, `job-${process.pid}`), TEST_EXTRA_DIR, variants);
  const { margin, tier2Margins, tier2Weights } = shipped.entry.decision;
  const decision: MarginChoice = { margin, tier2Margins, tier2Weights: tier2Weights ?? {} };
  for (const variant of variants) {
    const set = images.filter((im) => im.variant === variant.name);
    // One run at a time: a session serves one call (as in a worker).
    const predictions = [];
    for (const im of set) predictions.push(splitPredictions(await shipped.run(im.features), PARAM_GRID.length));
    const comparison = comparePolicies(set, predictions, decision, variant.name);
    console.log(formatPolicyComparison(`held-out set at ${variant.name} px`, comparison, variant === PRIMARY_VARIANT ? compareTier3(comparison, decision) : undefined));
    const outside = set.filter((im) => featureOutsideTraining(shipped.entry, im.features) !== null).length;
    console.log(`  beyond the training range (tier 2 keeps the preset there; counted as the model's choice above): ${outside}`);
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
