import type { Raster } from '../types';
import { colourStats } from './colour';
import { analyseFlat } from './flat';
import { findForeground } from './foreground';
import { FEATURE_COUNT, FEATURE_NAMES, type FeatureName } from './names';
import { regionStats } from './regions';
import { shapeStats } from './shape';
import { textureStats } from './texture';
import { FEATURE_MAX_SIDE, toWorkRaster } from './workRaster';

/**
 * The classifier's input: FEATURE_COUNT numbers in FEATURE_NAMES order, each roughly in 0–1 or a
 * small log scale. Pure integer/float maths on the raster, so Node and browsers agree bit for bit
 * up to float rounding, and repeated calls are identical. Inputs larger than 256 px are box-shrunk
 * first (see toWorkRaster).
 */
export function extractFeatures(raster: Raster): Float32Array {
  return toVector(featureRecord(raster));
}

/** What the models and the tiers know of an image: the features, and the smallest distance
 * between two of its flat colours (see FlatAnalysis; not a model input). */
export interface ImageDescription {
  features: Float32Array;
  flatColourGap: number;
}

export function describeImage(raster: Raster): ImageDescription {
  const { record, flatColourGap } = analyse(raster);
  return { features: toVector(record), flatColourGap };
}

/** The same features by name, for rules, debugging and tests. */
export function featureRecord(raster: Raster): Record<FeatureName, number> {
  return analyse(raster).record;
}

function analyse(raster: Raster): { record: Record<FeatureName, number>; flatColourGap: number } {
  const work = toWorkRaster(raster);
  const fg = findForeground(work);
  const n = work.width * work.height;
  let opaque = 0, semi = 0;
  for (const a of work.alpha) {
    if (a >= 128) opaque++;
    if (a >= 16 && a < 240) semi++;
  }
  const flat = analyseFlat(work);
  const record = {
    // Features of a 64 px icon differ from its 256 px rendering; the model conditions on this.
    workSideLog: Math.log2(Math.max(work.width, work.height) / FEATURE_MAX_SIDE),
    aspectLog: Math.log(raster.width / raster.height),
    opaqueShare: opaque / n,
    semiTransparentShare: semi / n,
    transparentBackground: fg.transparentBackground ? 1 : 0,
    ...colourStats(work),
    ...textureStats(work),
    ...shapeStats(work.width, work.height, fg),
    ...regionStats(work, fg),
    ...flat.stats,
  };
  return { record, flatColourGap: flat.colourGap };
}

export function toVector(record: Record<FeatureName, number>): Float32Array {
  const out = new Float32Array(FEATURE_COUNT);
  FEATURE_NAMES.forEach((name, i) => {
    const v = record[name];
    out[i] = Number.isFinite(v) ? v : 0;
  });
  return out;
}
