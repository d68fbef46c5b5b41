import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { convert, convertDecoded, decodeInput } from '../../src/core';
import type { Attempt } from '../../src/core/tiers/attempt';
import { better } from '../../src/core/tiers/closedLoop';
import { tierCandidates } from '../../src/core/tiers/tierPlans';
import { ENGINES } from '../../src/core/trace/engines';
import { disposeClassifier } from '../../src/core/classify';
import { logoSvg, pngFromSvg, signal } from './fixtures';

const attempt = (ssim: number, bytes: number): Attempt => ({
  svg: '', engine: 'tracewise', params: {}, candidate: tierCandidates(2)[0], fallback: null, bytes, quality: { ssim, mae: 0, alphaMae: 0 },
});

describe('better (tier 3 selection)', () => {
  it('prefers the smaller of two on-target results, else the higher SSIM', () => {
    expect(better(attempt(0.99, 500), attempt(0.985, 400), 0.98).bytes).toBe(400);
    expect(better(attempt(0.99, 400), attempt(0.995, 500), 0.98).bytes).toBe(400);
    expect(better(attempt(0.97, 400), attempt(0.981, 900), 0.98).bytes).toBe(900);
    expect(better(attempt(0.981, 900), attempt(0.97, 400), 0.98).bytes).toBe(900);
    expect(better(attempt(0.95, 400), attempt(0.96, 900), 0.98).bytes).toBe(900);
    expect(better(null, attempt(0.5, 1), 0.98).bytes).toBe(1);
  });
});

describe('tier plans', () => {
  it('tier 3 keeps the facet drawings for its first candidate (tier 2\'s) only, with or without the model', () => {
    const plan = { tier2: null, ranked: [{}, { curveTolerance: 0.35 }, { maxColours: 12 }] };
    for (const candidates of [tierCandidates(3, 'gradient'), tierCandidates(3, 'gradient', plan)]) {
      expect(candidates[0].params).toEqual(tierCandidates(2, 'gradient')[0].params);
      expect(candidates[0].params.facets).toBe(true);
      expect(candidates.slice(1).map((c) => c.params.facets)).toEqual(candidates.slice(1).map(() => false));
    }
    // The model's own first choice, tier 2's parameters, is not tried twice.
    expect(tierCandidates(3, 'gradient', plan)).toHaveLength(3);
  });
});

describe('tiers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('tier 3 tries several candidates, measures each, and never does worse than tier 2', async () => {
    const png = await pngFromSvg(logoSvg(96));
    const tier2 = await convert(signal(), png, { tier: 2 }, nodeHost);
    const tier3 = await convert(signal(), png, { tier: 3 }, nodeHost);
    expect(tier3.class).toBe('simple');
    expect(tier3.search).toMatchObject({ planned: 8, stoppedByDeadline: false, target: 0.99 }); // simple's target
    expect(tier3.search!.tried).toBe(8);
    const q2 = tier2.quality!.ssim;
    const q3 = tier3.quality!.ssim;
    expect(q3 >= q2 || (q3 >= 0.98 && tier3.bytes <= tier2.bytes)).toBe(true);
    expect(tier3.search!.gain.ssim).toBeCloseTo(q3 - q2, 6);
  });

  it('tier 3 stops at its deadline and returns the best candidate so far, marked', async () => {
    const png = await pngFromSvg(logoSvg(64));
    // Warm first: a process's first decode and classification can alone outlast a short deadline
    // on a loaded machine, and then tier 3 rightly never starts its search (tier 1's rescue).
    await convert(signal(), png, { tier: 3 }, nodeHost);
    const original = ENGINES.tracewise.trace.bind(ENGINES.tracewise);
    // Each trace takes at least 150 ms: with a 400 ms deadline the search cannot try all 8.
    vi.spyOn(ENGINES.tracewise, 'trace').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return original(...args);
    });
    const result = await convert(signal(), png, { tier: 3, deadlineMs: 400 }, nodeHost);
    expect(result.search!.stoppedByDeadline).toBe(true);
    expect(result.search!.tried).toBeGreaterThanOrEqual(1);
    expect(result.search!.tried).toBeLessThan(result.search!.planned);
    expect(result.svg).toContain('<path');
  });

  it('a first candidate that runs past the deadline is still the result (measured, marked), not a TIMEOUT', async () => {
    const png = await pngFromSvg(logoSvg(64));
    await convert(signal(), png, { tier: 2 }, nodeHost); // warm (see above)
    const original = ENGINES.tracewise.trace.bind(ENGINES.tracewise);
    vi.spyOn(ENGINES.tracewise, 'trace').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return original(...args);
    });
    const tier2 = await convert(signal(), png, { tier: 2, deadlineMs: 200 }, nodeHost);
    expect(tier2.fallback).toEqual({ from: 'deadline', reason: 'Tier 2 finished its trace after its 200 ms deadline; the result is returned as traced.' });
    expect(tier2.params).not.toEqual((await convert(signal(), png, { tier: 1 }, nodeHost)).params); // its own plan, not tier 1's
    expect(tier2.timings.optimize).toBeGreaterThan(0); // polished although past the deadline
    const tier3 = await convert(signal(), png, { tier: 3, deadlineMs: 200 }, nodeHost);
    expect(tier3.search).toMatchObject({ tried: 1, stoppedByDeadline: true });
    expect(tier3.quality!.ssim).toBeGreaterThan(0.9);
  });

  it('a tier whose deadline passed before its first trace gives tier 1\'s result, unmeasured when that is late too', async () => {
    const png = await pngFromSvg(logoSvg(64));
    // A decode that took 500 ms of a 200 ms deadline (as on a huge or slow file).
    const decoded = { ...(await decodeInput(signal(), png, {}, nodeHost)), decodeMs: 500 };
    const tier1 = await convert(signal(), png, { tier: 1 }, nodeHost);
    for (const tier of [2, 3] as const) {
      const result = await convertDecoded(signal(), structuredClone(decoded), { tier, deadlineMs: 200 }, nodeHost);
      expect(result).toMatchObject({ tier, class: null, search: null, fallback: { from: 'deadline' }, svg: tier1.svg });
      expect(result.fallback!.reason).toBe(`Tier ${tier} passed its 200 ms deadline before it had traced anything; this is tier 1's plain tracing.`);
      expect(result.quality!.ssim).toBeCloseTo(tier1.quality!.ssim, 6);
    }
    expect(await convertDecoded(signal(), structuredClone(decoded), { tier: 1, deadlineMs: 200 }, nodeHost).catch((e) => e.code)).toBe('TIMEOUT');
    // The rescue itself gets min(2 s, the deadline): a tier-1 trace slower than that is returned unmeasured.
    const original = ENGINES.tracewise.trace.bind(ENGINES.tracewise);
    vi.spyOn(ENGINES.tracewise, 'trace').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return original(...args);
    });
    const late = await convertDecoded(signal(), structuredClone(decoded), { tier: 2, deadlineMs: 200 }, nodeHost);
    expect(late).toMatchObject({ quality: null, fallback: { from: 'deadline' } });
    expect(late.fallback!.reason).toMatch(/, unmeasured\.$/);
    expect(late.svg).toContain('<path');
  });

  it('tier 1 skips svgo and still measures its result', async () => {
    const result = await convert(signal(), await pngFromSvg(logoSvg(96)), { tier: 1 }, nodeHost);
    expect(result.timings.optimize).toBe(0);
    expect(result.quality!.ssim).toBeGreaterThan(0.97);
  });

  it('falls back to imagetracer, and says so, when the chosen engine throws', async () => {
    vi.spyOn(ENGINES.tracewise, 'trace').mockRejectedValue(new Error('injected failure'));
    const result = await convert(signal(), await pngFromSvg(logoSvg(64)), { tier: 2 }, nodeHost);
    expect(result.engine).toBe('imagetracer');
    expect(result.fallback).toMatchObject({ from: 'tracewise' });
    expect(result.fallback!.reason).toContain('injected failure');
    expect(result.svg).toContain('<path');
  });

  it('traces without AI, and says so, when the classifier cannot load', async () => {
    const noModels = { loadAsset: nodeHost.loadAsset }; // a host that serves no model files
    const png = await pngFromSvg(logoSvg(64));
    await disposeClassifier(); // one classifier per realm: drop the one loaded from nodeHost
    const tier2 = await convert(signal(), png, { tier: 2 }, noModels);
    expect(tier2).toMatchObject({ class: null, confidence: null, fallback: { from: 'ai' } });
    expect(tier2.fallback!.reason).toMatch(/MODEL_UNAVAILABLE/);
    expect(tier2.timings.optimize).toBe(0); // tier 1's plain plan
    const tier3 = await convert(signal(), png, { tier: 3 }, noModels);
    expect(tier3).toMatchObject({ class: null, fallback: { from: 'ai' }, search: { target: 0.98 } });
    await disposeClassifier(); // later tests load it again from nodeHost
  });

  it('classifies at tiers 2 and 3 only', async () => {
    const png = await pngFromSvg(logoSvg(64));
    const tier1 = await convert(signal(), png, { tier: 1 }, nodeHost);
    expect([tier1.class, tier1.confidence, tier1.timings.classify]).toEqual([null, null, 0]);
  });

  it('reports ENGINE_FAILED only when the fallback engine fails too', async () => {
    vi.spyOn(ENGINES.tracewise, 'trace').mockRejectedValue(new Error('first'));
    vi.spyOn(ENGINES.imagetracer, 'trace').mockRejectedValue(new Error('second'));
    const error = await convert(signal(), await pngFromSvg(logoSvg(64)), {}, nodeHost).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENGINE_FAILED' });
    expect((error as Error).message).toContain('second');
  });
});
