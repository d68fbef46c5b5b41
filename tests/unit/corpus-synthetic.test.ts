import { beforeAll, describe, expect, it } from 'vitest';
import { categorize } from '../../scripts/corpus/categorize';
import { initRenderer, renderPng } from '../../scripts/corpus/render';
import { synthetic, type SyntheticKind } from '../../scripts/corpus/synthetic/index';
import { missingFonts } from '../../scripts/corpus/synthetic/text';

beforeAll(() => initRenderer());

const fontsPresent = missingFonts().length === 0;
const cases: Array<[SyntheticKind, boolean]> = [['simple', true], ['gradient', true], ['text', fontsPresent]];

describe.each(cases)('synthetic %s images', (kind, runnable) => {
  it.runIf(runnable)('fall in their own category and render visibly', () => {
    for (let i = 0; i < 8; i++) {
      const item = synthetic(kind, i, 1234);
      expect(categorize(item.svg, { name: item.sourceName, isText: item.isText }), item.sourceName).toBe(kind);
      const png = renderPng(item.svg, 64);
      expect(Math.max(png.width, png.height)).toBe(64);
      expect(png.visiblePixels).toBeGreaterThan(0);
    }
  });

  it.runIf(runnable)('are a pure function of (kind, index, seed)', () => {
    expect(synthetic(kind, 3, 99).svg).toBe(synthetic(kind, 3, 99).svg);
    expect(synthetic(kind, 3, 99).svg).not.toBe(synthetic(kind, 3, 100).svg);
    expect(synthetic(kind, 3, 99).id).toBe(`syn-${kind}-0003`);
  });
});

it.runIf(fontsPresent)('synthetic text is converted to outlines (no <text> left)', () => {
  const item = synthetic('text', 0, 1);
  expect(item.svg).not.toContain('<text');
  expect(item.svg).toContain('<path');
});
