// The corpus's seeded PRNG (mulberry32): one implementation, so a training run is reproducible
// with the same generator that drew the synthetic images.
import type { Rng } from '../corpus/prng';

export { mulberry32, type Rng } from '../corpus/prng';

/** Fisher–Yates, in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
