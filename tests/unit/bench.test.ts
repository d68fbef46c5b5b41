import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { loadRenderer } from '../../src/core/quality/renderSvg';
import { summarise } from '../bench/aggregate';
import { pickSubset, type CorpusItem } from '../bench/corpus';
import type { ImageRun } from '../bench/runEngine';
import { scoreSvg } from '../bench/score';
import { median, quantile } from '../bench/stats';
import { parseBenchArgs } from '../bench/args';
import { beforeAfterSection, loadEarlierRuns } from '../bench/report/beforeAfter';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function item(id: string, category: CorpusItem['category']): CorpusItem {
  return { id, category, source: 's', sourceName: id, licence: 'MIT', width: 8, height: 8, groundTruthBytes: 100, split: 'test' };
}

describe('bench statistics', () => {
  it('computes medians and interpolated quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('picks the same category-balanced subset every time', () => {
    const items = [...Array(30)].map((_, i) => item(`i${String(i).padStart(2, '0')}`, i < 20 ? 'complex' : 'simple'));
    const subset = pickSubset(items, 9);
    expect(subset.map((x) => x.id)).toEqual(pickSubset(items, 9).map((x) => x.id));
    expect(subset.filter((x) => x.category === 'complex')).toHaveLength(6);
    expect(subset.filter((x) => x.category === 'simple')).toHaveLength(3);
    expect(pickSubset(items, null)).toHaveLength(30);
  });

  it('picks exactly as many as asked, even one from four categories', () => {
    const items = [...Array(67)].map((_, i) => item(`i${i}`, (['simple', 'text', 'gradient', 'complex'] as const)[i % 4]));
    for (const size of [1, 2, 3, 5, 10, 66]) expect(pickSubset(items, size)).toHaveLength(size);
    expect(new Set(pickSubset(items, 4).map((x) => x.category)).size).toBe(4);
  });

  it('keeps failures out of quality means but in the success rate', () => {
    const run = (id: string, ok: boolean, ssim: number): ImageRun => ({
      id, engine: 'e', ok, error: ok ? null : 'x', ssim, mae: 1, alphaMae: 0, bytes: 10, sizeRatio: 0.1, pathCount: 1, ms: 5, cpuMs: 5, svg: '',
    });
    const [all] = summarise([run('a', true, 0.9), run('b', false, 0)], [item('a', 'simple'), item('b', 'simple')], ['e']);
    expect(all).toMatchObject({ category: 'all', images: 2, successRate: 0.5, meanSsim: 0.9 });
  });
});

describe('scoreSvg', () => {
  it('scores outputs with different root conventions on the same pixel grid', async () => {
    await loadRenderer(nodeHost);
    const data = new Uint8ClampedArray(16 * 16 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([255, 0, 0, 255], i);
    const original = { width: 16, height: 16, data };
    const inPoints = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="12pt" height="12pt" viewBox="0 0 160 160"><rect width="160" height="160" fill="red"/></svg>';
    const noViewBox = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="red"/></svg>';
    const halfEmpty = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="8" height="16" fill="red"/></svg>';
    expect(scoreSvg(inPoints, original).ssim).toBe(1);
    expect(scoreSvg(noViewBox, original)).toMatchObject({ ssim: 1, mae: 0, pathCount: 1 });
    expect(scoreSvg(halfEmpty, original).alphaMae).toBeCloseTo(127.5, 1);
  });

  it('shows the gradient category before and after from an earlier report folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-before-'));
    mkdirSync(join(dir, 'svg', 'tier2'), { recursive: true });
    const earlier = (id: string, ssim: number, bytes: number) => ({ id, engine: 'tier2', ok: true, error: null, ssim, mae: 1, alphaMae: 0, bytes, sizeRatio: bytes / 100, pathCount: 1, ms: 1, cpuMs: 1 });
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ runs: [earlier('g1', 0.9, 300), earlier('g2', 0.95, 200), earlier('s1', 0.99, 100)] }));
    for (const id of ['g1', 'g2', 's1']) writeFileSync(join(dir, 'svg', 'tier2', `${id}.svg`), `<svg id="${id}"/>`);
    expect(parseBenchArgs(['--before', dir]).beforeDir).toBe(dir);
    const before = loadEarlierRuns(dir, ['tier2']);
    expect(before.map((r) => r.svg)).toContain('<svg id="g1"/>');
    const now = (id: string, ssim: number, bytes: number): ImageRun => ({ ...earlier(id, ssim, bytes), svg: '<svg/>' });
    const html = beforeAfterSection(before, [now('g1', 0.95, 100), now('g2', 0.96, 180), now('s1', 0.99, 100)], [item('g1', 'gradient'), item('g2', 'gradient'), item('s1', 'simple')], dir);
    expect(html).toContain('Before: mean SSIM 0.9250, median size 2.50× GT');
    expect(html).toContain('After: mean SSIM 0.9550, median size 1.40× GT');
    expect(html.indexOf('svg-before/tier2/g1.svg')).toBeLessThan(html.indexOf('svg-before/tier2/g2.svg')); // largest reduction first
    expect(html).not.toContain('s1'); // other categories stay out
    expect(() => loadEarlierRuns(join(dir, 'missing'), ['tier2'])).toThrow(/no results.json/);
  });
});
