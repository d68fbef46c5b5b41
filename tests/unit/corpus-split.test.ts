import { describe, expect, it } from 'vitest';
import { mulberry32, int, pick } from '../../scripts/corpus/prng';
import { fnv1a32, splitOf } from '../../scripts/corpus/split';
import { strideOrder } from '../../scripts/corpus/select';

describe('fnv1a32', () => {
  it('matches the reference values', () => {
    // Published FNV-1a 32-bit test vectors.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('splitOf', () => {
  it('is stable for a given id', () => {
    expect(splitOf('noto-red-heart')).toBe(splitOf('noto-red-heart'));
    // Pinned so an accidental change of the hash (which would leak test images) fails loudly.
    const pinned = ['noto-1st-place-medal', 'devicon-react-original', 'syn-text-0000', 'tabler-a-b-outline'].map(splitOf);
    expect(pinned).toMatchInlineSnapshot(`
      [
        "train",
        "test",
        "test",
        "train",
      ]
    `);
  });

  it('divides many ids roughly 70/15/15', () => {
    const counts = { train: 0, validation: 0, test: 0 };
    const n = 20000;
    for (let i = 0; i < n; i++) counts[splitOf(`icon-${i}`)]++;
    expect(counts.train / n).toBeCloseTo(0.7, 1);
    expect(Math.abs(counts.validation / n - 0.15)).toBeLessThan(0.02);
    expect(Math.abs(counts.test / n - 0.15)).toBeLessThan(0.02);
  });
});

describe('mulberry32', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    const c = mulberry32(43);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('stays in [0, 1) and helpers respect their bounds', () => {
    const r = mulberry32(7);
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = int(r, 3, 5);
      expect(k >= 3 && k <= 5).toBe(true);
    }
    expect(['a', 'b']).toContain(pick(r, ['a', 'b']));
  });
});

describe('strideOrder', () => {
  it('visits every k-th item first, then the rest as back-ups, each once', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const order = [...strideOrder(items, 3)];
    expect(order.slice(0, 4)).toEqual([0, 3, 6, 9]);
    expect([...order].sort((a, b) => a - b)).toEqual(items);
  });
});

describe('corpus sources', () => {
  it('never include the held-out evaluation sets', async () => {
    const { SOURCES, HELD_OUT } = await import('../../scripts/corpus/sources');
    const held: readonly string[] = HELD_OUT;
    expect(SOURCES.filter((s) => held.includes(s.pkg))).toEqual([]);
    // Prefixes keep ids unique across sources.
    expect(new Set(SOURCES.map((s) => s.prefix)).size).toBe(SOURCES.length);
  });
});
