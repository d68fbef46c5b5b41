import { describe, expect, it } from 'vitest';
import type { Point, Segment } from '../../src/core/trace/tracewise/bezier';
import type { FittedPath } from '../../src/core/trace/tracewise/fitContour';
import { pathData } from '../../src/core/trace/tracewise/pathData';
import { spellingFor, spellPaths, type Spelling } from '../../src/core/trace/tracewise/spellPaths';

/** Points are written with the fewest decimals their slack allows, and never further off. */
const cubic = (c1: Point, c2: Point, to: Point): Segment => ({ kind: 'C', c1, c2, to });
const line = (to: Point): Segment => ({ kind: 'L', to });
const distance = (a: Point, b: Point) => Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y));

function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('spellPaths', () => {
  const spelling: Spelling = { decimals: 1, end: 0.2, control: 0.5 };

  it('writes control points on whole pixels and ends on whole pixels only when that is close', () => {
    const path: FittedPath = { start: { x: 10, y: 10 }, segments: [cubic({ x: 13.3, y: 10.6 }, { x: 16.8, y: 12.2 }, { x: 20.15, y: 15.7 })] };
    const [written] = spellPaths([path], spelling);
    const segment = written.segments[0] as Extract<Segment, { kind: 'C' }>;
    expect(segment.c1).toEqual({ x: 13, y: 11 });
    expect(segment.c2).toEqual({ x: 17, y: 12 });
    // 20.15 is 0.15 from 20 (within 0.2): whole; 15.7 is 0.3 from 16: keeps its decimal.
    expect(segment.to.x).toBe(20);
    expect(segment.to.y).toBeCloseTo(15.7, 9);
    expect(pathData([written], 1)).toBe('M10 10c3 1 7 2 10 5.7z');
  });

  it('keeps every written point within its slack of the fitted one, without drift along a path', () => {
    const random = seeded(7);
    const at = (): Point => ({ x: 200 * random(), y: 200 * random() });
    for (let trial = 0; trial < 50; trial++) {
      const start = at();
      const segments: Segment[] = Array.from({ length: 30 }, () => (random() < 0.5 ? line(at()) : cubic(at(), at(), at())));
      const [written] = spellPaths([{ start, segments }], spelling);
      expect(distance(written.start, start)).toBeLessThanOrEqual(0.05 + 1e-9);
      written.segments.forEach((segment, i) => {
        const fitted = segments[i];
        expect(distance(segment.to, fitted.to)).toBeLessThanOrEqual(spelling.end + 1e-9);
        if (segment.kind === 'C' && fitted.kind === 'C') {
          expect(distance(segment.c1, fitted.c1)).toBeLessThanOrEqual(spelling.control + 1e-9);
          expect(distance(segment.c2, fitted.c2)).toBeLessThanOrEqual(spelling.control + 1e-9);
        }
        // On the finest grid, so pathData's own rounding leaves it unchanged.
        expect(Math.abs(segment.to.x * 10 - Math.round(segment.to.x * 10))).toBeLessThan(1e-9);
      });
    }
  });

  it('closes a path on its start even when a shorter spelling of the last end was allowed', () => {
    // From (30.2, 30.1) back to 5.1, a step of −25.1 would be spelt −25 (0.1 off, within 0.2).
    const path: FittedPath = { start: { x: 5.1, y: 5.1 }, segments: [line({ x: 7.5, y: 5.1 }), line({ x: 30.2, y: 30.2 }), line({ x: 5.1, y: 5.1 })] };
    const [written] = spellPaths([path], spelling);
    expect(written.segments[1].to.y).toBeCloseTo(30.1, 9);
    expect(written.segments[2].to).toEqual(written.start);
    // So z draws the closing line.
    expect(pathData([written], 1)).toBe('M5.1 5.1h2.4l22.7 25z');
  });

  it('spells nothing shorter without slack: plain rounding to the finest step', () => {
    const path: FittedPath = { start: { x: 1.04, y: 2 }, segments: [cubic({ x: 3.96, y: 2.02 }, { x: 6.01, y: 4.5 }, { x: 8.06, y: 8 })] };
    const [written] = spellPaths([path], { decimals: 1, end: 0, control: 0 });
    expect(pathData([written], 1)).toBe(pathData([path], 1));
  });
});

describe('spellingFor', () => {
  it('takes a share of the curve tolerance, capped in steps of the finest spelling', () => {
    const tight = spellingFor(0.35, 1);
    expect(tight.end).toBeCloseTo(0.14, 12);
    expect(tight.control).toBeCloseTo(0.35, 12);
    const loose = spellingFor(1.2, 1);
    expect(loose.end).toBeCloseTo(0.2, 12);
    expect(loose.control).toBeCloseTo(0.5, 12);
    const fine = spellingFor(0.5, 2);
    expect(fine.end).toBeCloseTo(0.02, 12);
    expect(fine.control).toBeCloseTo(0.05, 12);
  });
});
