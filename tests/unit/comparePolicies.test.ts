import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from '../../src/core/features/names';
import { ssimToScore } from '../../src/core/params';
import type { LogoClass } from '../../src/core/types';
import { compareTier3, comparePolicies, formatPolicyComparison, presetIndex } from '../../scripts/train/params/comparePolicies';
import { DEFAULTS_INDEX, PARAM_GRID } from '../../scripts/train/params/grid';
import { headToHead, type ImageOutcomes } from '../../scripts/train/params/policies';
import { mulberry32 } from '../../scripts/train/prng';

const CATEGORIES: LogoClass[] = ['simple', 'text', 'gradient', 'complex'];

/** Searched images with random outcomes for every set of the grid. */
function images(n: number, seed: number): ImageOutcomes[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `im-${i}`, variant: '256', category: CATEGORIES[i % 4]!, split: 'test', groundTruthBytes: 1000,
    features: new Float32Array(FEATURE_COUNT), flatColourGap: Infinity,
    ssim: PARAM_GRID.map(() => 0.9 + 0.0999 * rng()), bytes: PARAM_GRID.map(() => 200 + Math.round(5000 * rng())),
  }));
}

/** Predictions that are exactly right. */
const perfect = (set: ImageOutcomes[]) => set.map((im) => im.ssim.map((s, k) => ({ score: ssimToScore(s), logBytes: Math.log2(im.bytes[k]!) })));

describe('comparePolicies', () => {
  const set = images(24, 7);

  it('traces each image with the defaults, its class preset, the model\'s choice and the best of the grid', () => {
    const e = comparePolicies(set, perfect(set), { margin: 0, tier2Margins: { 256: 0 }, tier2Weights: { 256: 0 } }, '256');
    expect(e.choices.defaults.every((k) => k === DEFAULTS_INDEX)).toBe(true);
    expect(e.choices.presets).toEqual(set.map((im) => presetIndex(im.category)));
    // With exact predictions, no margin and no size weight the model picks what measuring would.
    expect(e.choices.model).toEqual(e.choices.oracle);
    for (const other of [e.choices.defaults, e.choices.presets]) expect(headToHead(set, e.choices.oracle, other).losses).toBe(0);
    expect(e.modelVsPresets.losses).toBe(0);
    expect(e.modelVsPresets.wins + e.modelVsPresets.ties).toBe(set.length);
    expect(e.metrics.model.count).toBe(set.length);
  });

  it('runs tier 3 from tier 2\'s choice: the model\'s where tier 2 uses it, else the preset', () => {
    const used = comparePolicies(set, perfect(set), { margin: 0, tier2Margins: { 256: 0 }, tier2Weights: {} }, '256');
    const usedTier3 = compareTier3(used, { margin: 0, tier2Margins: { 256: 0 }, tier2Weights: {} });
    // Its list starts at the best set of the grid, so it never loses to the fixed list.
    expect(usedTier3.modelVsOld.losses).toBe(0);
    expect(usedTier3.model).toEqual(used.metrics.oracle);
    const unused = compareTier3(used, { margin: 0, tier2Margins: { 256: null }, tier2Weights: {} });
    expect(unused.model.count).toBe(set.length);
    expect(formatPolicyComparison('test at 256 px', used, usedTier3)).toMatch(/test at 256 px \(24 images\)[\s\S]*oracle[\s\S]*model-ranked vs old: \d+ better, 0 worse/);
  });
});
