import { mulberry32 } from '../prng';
import { fnv1a32 } from '../split';
import { gradientImage } from './gradients';
import { simpleShapes } from './shapes';
import { textImage } from './text';

export type SyntheticKind = 'text' | 'gradient' | 'simple';

export interface SyntheticItem { id: string; sourceName: string; licence: string; svg: string; isText: boolean }

/** Licence string for drawings made by this script (fonts carry their own, see text.ts). */
export const GENERATED_LICENCE = 'generated';

/** The id of the index-th synthetic image of a kind (known before it is drawn). */
export function syntheticId(kind: SyntheticKind, index: number): string {
  return `syn-${kind}-${String(index).padStart(4, '0')}`;
}

/**
 * The index-th synthetic image of a kind. Each image has its own PRNG stream derived from
 * (seed, kind, index), so raising a count adds images without changing the existing ones.
 */
export function synthetic(kind: SyntheticKind, index: number, seed: number): SyntheticItem {
  const rng = mulberry32((seed ^ fnv1a32(`${kind}:${index}`)) >>> 0);
  const id = syntheticId(kind, index);
  if (kind === 'text') {
    const t = textImage(rng);
    return { id, sourceName: t.name, licence: t.licence, svg: t.svg, isText: true };
  }
  const g = kind === 'gradient' ? gradientImage(rng) : simpleShapes(rng);
  return { id, sourceName: g.name, licence: GENERATED_LICENCE, svg: g.svg, isText: false };
}
