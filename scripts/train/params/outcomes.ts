import { corpusFeatures, type CorpusItem, type Variant } from '../corpusFeatures';
import { configKey, PARAM_GRID } from './grid';
import type { ImageOutcomes } from './policies';
import { SEARCH_VARIANTS, searchId } from './search';
import type { SearchCache } from './searchCache';

/**
 * Every item's measured outcomes at every searched size, read from the search cache, with its
 * features recomputed (so a new feature set needs no re-trace); and the traces' summed time.
 * Throws when the cache lacks any pair.
 */
export async function searchOutcomes(corpusRoot: string, items: Array<CorpusItem & { groundTruthBytes: number }>, cache: SearchCache, subdir = '', variants: readonly Variant[] = SEARCH_VARIANTS): Promise<{ images: ImageOutcomes[]; searchMs: number }> {
  const images: ImageOutcomes[] = [];
  let searchMs = 0;
  for (const variant of variants) {
    const { samples } = await corpusFeatures(corpusRoot, items, variant, subdir);
    for (const { item, features, flatColourGap } of samples) {
      const records = PARAM_GRID.map((c) => cache.get(searchId(item.id, variant), configKey(c)));
      if (records.some((r) => !r)) throw new Error(`search incomplete for ${item.id} at ${variant.name} px`);
      searchMs += records.reduce((s, r) => s + r!.ms, 0);
      images.push({
        id: item.id, variant: variant.name, category: item.category, split: item.split, features, flatColourGap,
        groundTruthBytes: items.find((i) => i.id === item.id)!.groundTruthBytes,
        ssim: records.map((r) => r!.ssim), bytes: records.map((r) => r!.bytes),
      });
    }
  }
  return { images, searchMs };
}
