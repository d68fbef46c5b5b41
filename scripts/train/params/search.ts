/**
 * The expensive half of `npm run train:params`: every corpus image traced with every parameter
 * set of the grid, measured, and cached (see SearchCache). `--jobs N` runs N child processes, each
 * taking every N-th image; a re-run only traces what the cache lacks.
 *
 * Child mode (internal): tsx scripts/train/params/search.ts --shard K/N --cache DIR --corpus DIR
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeHost } from '../../../src/cli/nodeHost';
import { decodeImage } from '../../../src/core/decode/decodeImage';
import { loadVips } from '../../../src/core/decode/loadVips';
import { loadRenderer } from '../../../src/core/quality/renderSvg';
import { PRIMARY_VARIANT, readCorpusManifest, shrinkForVariant, type CorpusItem, type Variant } from '../corpusFeatures';
import { configKey, PARAM_GRID } from './grid';
import { SearchCache } from './searchCache';
import { searchOne } from './searchImage';

/** The sizes searched: the corpus's 256 px, and 128 px (shrunk like a user's small PNG) so the
 * model has seen small inputs too (features shift with size; workSideLog tells them apart). */
export const SEARCH_VARIANTS: readonly Variant[] = [PRIMARY_VARIANT, { name: '128', corpusSize: 256, shrinkTo: 128 }];

/** The cache's image key: the corpus id at the primary size, `id@size` otherwise. */
export function searchId(id: string, variant: Variant): string {
  return variant === PRIMARY_VARIANT ? id : `${id}@${variant.name}`;
}

export interface SearchProgress {
  traced: number;
  cached: number;
  ms: number;
}

/** Searches the images of one shard in this process, at every size of SEARCH_VARIANTS. */
export async function searchShard(corpusDir: string, items: CorpusItem[], cache: SearchCache, log = (_: string) => {}): Promise<SearchProgress> {
  const vips = await loadVips(nodeHost);
  await loadRenderer(nodeHost);
  const started = performance.now();
  let traced = 0, cached = 0;
  for (const variant of SEARCH_VARIANTS) {
    for (const [n, item] of items.entries()) {
      const id = searchId(item.id, variant);
      const missing = PARAM_GRID.filter((c) => !cache.get(id, configKey(c)));
      cached += PARAM_GRID.length - missing.length;
      if (!missing.length) continue;
      // Shrunk as the features are (corpusFeatures), so the search and the features see one image.
      const bytes = shrinkForVariant(vips, new Uint8Array(await readFile(join(corpusDir, 'png', `${item.id}.png`))), variant);
      const { raster, scale } = decodeImage(vips, bytes, { maxSide: 1024, maxPixels: 4e7 });
      for (const overrides of missing) {
        cache.put({ id, config: configKey(overrides), ...await searchOne(raster, scale, overrides) });
        traced++;
      }
      if ((n + 1) % 20 === 0) log(`  ${variant.name} px: ${n + 1}/${items.length} images, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  return { traced, cached, ms: performance.now() - started };
}

/** Searches all items with `jobs` child processes (1 = in this process), then reloads the cache. */
export async function searchCorpus(corpusDir: string, items: CorpusItem[], cacheDir: string, jobs: number): Promise<void> {
  if (jobs <= 1) {
    const cache = new SearchCache(cacheDir, `job-${process.pid}`);
    const progress = await searchShard(corpusDir, items, cache, console.log);
    console.log(`search: ${progress.traced} traced, ${progress.cached} cached, ${(progress.ms / 1000).toFixed(1)} s`);
    return;
  }
  const script = fileURLToPath(import.meta.url);
  const started = performance.now();
  await Promise.all(Array.from({ length: jobs }, (_, k) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, '--shard', `${k}/${jobs}`, '--cache', cacheDir, '--corpus', corpusDir], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`search job ${k} exited with ${code}`))));
  })));
  console.log(`search: ${jobs} jobs, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && argument('--shard')) {
  const [k, n] = argument('--shard')!.split('/').map(Number) as [number, number];
  const corpusDir = argument('--corpus')!;
  const manifest = await readCorpusManifest(corpusDir);
  const items = manifest.items.filter((_, i) => i % n === k);
  const cache = new SearchCache(argument('--cache')!, `job-${k}-${process.pid}`);
  const progress = await searchShard(corpusDir, items, cache, (line) => console.log(`[job ${k}]${line}`));
  console.log(`[job ${k}] ${progress.traced} traced, ${progress.cached} cached, ${(progress.ms / 1000).toFixed(1)} s`);
  process.exit(0);
}
