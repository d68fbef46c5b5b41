import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { describeImage } from '../../src/core/features';
import { thumbnail } from './thumbnail';
import type { LogoClass } from '../../src/core/types';

export type Split = 'train' | 'validation' | 'test';

export interface CorpusItem {
  id: string;
  category: LogoClass;
  split: Split;
  source: string;
}

/**
 * One rendering of the corpus: a size the corpus was rendered at, optionally shrunk further the
 * way a user's small PNG would arrive. Features shift with size (a 64 px icon has no room for
 * flat interiors), so the model trains on several sizes and reads the size as a feature.
 */
export interface Variant {
  name: string;
  corpusSize: 256 | 512 | 1024;
  shrinkTo?: number;
}

export const PRIMARY_VARIANT: Variant = { name: '256', corpusSize: 256 };
export const VARIANTS: readonly Variant[] = [
  PRIMARY_VARIANT,
  { name: '512', corpusSize: 512 },
  { name: '128', corpusSize: 256, shrinkTo: 128 },
  { name: '64', corpusSize: 256, shrinkTo: 64 },
];

export interface Sample {
  item: CorpusItem;
  variant: string;
  features: Float32Array;
  /** See ImageDescription; absent in the thumbnail study's cache (sampleCache.ts). */
  flatColourGap?: number;
  /** The picture beside the features (src/core/features/thumbnail.ts), when asked for: only the
   * thumbnail study (thumbnailStudy.ts) reads it; the shipped model does not. */
  thumbnail?: Float32Array;
}

/** A sample fresh from the extractor, which always measures the flat-colour gap. */
export interface ExtractedSample extends Sample {
  flatColourGap: number;
}

interface Manifest {
  header: { seed: number; size: number; count: number };
  items: CorpusItem[];
}

export async function readCorpusManifest(root: string): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`No corpus at ${root}: run \`npm run corpus\` first (${String(error)})`);
  }
}

/**
 * Decodes each corpus PNG with the app's own decoder (after shrinking it with wasm-vips, for the
 * small variants) and extracts the classifier's features. `corpusRoot` holds 256/, 512/, …;
 * `subdir` picks a set inside each (the extra training images, EXTRA_DIR).
 */
export async function corpusFeatures(corpusRoot: string, items: CorpusItem[], variant: Variant, subdir = '', thumbnailSide = 0): Promise<{ samples: ExtractedSample[]; msPerImage: number }> {
  const vips = await loadVips(nodeHost);
  const samples: ExtractedSample[] = [];
  let featureMs = 0;
  for (const item of items) {
    const bytes = shrinkForVariant(vips, new Uint8Array(await readFile(join(corpusRoot, String(variant.corpusSize), subdir, 'png', `${item.id}.png`))), variant);
    const { raster } = decodeImage(vips, bytes, { maxSide: 1024, maxPixels: 4e7 });
    const t0 = performance.now();
    const { features, flatColourGap } = describeImage(raster);
    featureMs += performance.now() - t0;
    samples.push({ item, variant: variant.name, features, flatColourGap, ...(thumbnailSide ? { thumbnail: thumbnail(raster, thumbnailSide) } : {}) });
  }
  return { samples, msPerImage: featureMs / Math.max(1, items.length) };
}

/** A corpus PNG as the variant sees it: shrunk to fit `shrinkTo` px (aspect kept), else as is.
 * The classifier's features and the parameter search both read images through this. */
export function shrinkForVariant(vips: Awaited<ReturnType<typeof loadVips>>, bytes: Uint8Array, variant: Variant): Uint8Array {
  if (!variant.shrinkTo) return bytes;
  const image = vips.Image.newFromBuffer(bytes);
  const small = image.thumbnailImage(variant.shrinkTo, { height: variant.shrinkTo });
  const shrunk: Uint8Array = small.writeToBuffer('.png');
  small.delete();
  image.delete();
  return shrunk;
}
