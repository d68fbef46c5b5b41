import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { FEATURE_COUNT } from '../../src/core/features';
import { THUMBNAIL_CHANNELS, THUMBNAIL_SIDE } from './thumbnail';
import { corpusFeatures, type CorpusItem, type Sample, type Variant } from './corpusFeatures';

/**
 * Features and thumbnails of one corpus set at one variant, kept on disk between study runs
 * (extracting 4,360 images × 4 sizes takes minutes; a candidate's CV should not wait for it).
 * The cache key holds the set, variant and input sizes; delete the folder after changing the
 * extractor.
 */
export async function cachedSamples(cacheDir: string, corpusRoot: string, items: CorpusItem[], variant: Variant, subdir = '', thumbnailSide = THUMBNAIL_SIDE): Promise<Sample[]> {
  const thumbLength = THUMBNAIL_CHANNELS.length * thumbnailSide ** 2;
  const file = `${cacheDir}/${subdir || 'corpus'}-${variant.name}-f${FEATURE_COUNT}-t${thumbLength}.f32`;
  const row = FEATURE_COUNT + thumbLength;
  try {
    const bytes = await readFile(file);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    if (values.length !== items.length * row) throw new Error('stale cache');
    return items.map((item, i) => ({
      item, variant: variant.name,
      features: values.slice(i * row, i * row + FEATURE_COUNT),
      thumbnail: values.slice(i * row + FEATURE_COUNT, (i + 1) * row),
    }));
  } catch {
    const { samples } = await corpusFeatures(corpusRoot, items, variant, subdir, thumbnailSide);
    const values = new Float32Array(samples.length * row);
    samples.forEach((s, i) => {
      values.set(s.features, i * row);
      values.set(s.thumbnail!, i * row + FEATURE_COUNT);
    });
    await mkdir(cacheDir, { recursive: true });
    await writeFile(file, new Uint8Array(values.buffer));
    return samples;
  }
}
