import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { convert, ConvertError, prepareCore } from '../../src/core';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { logoSvg, pngFromSvg, signal } from './fixtures';

async function failureCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConvertError);
  return (error as ConvertError).code;
}

describe('convert', () => {
  it('turns a flat PNG logo into a compact SVG that renders back faithfully', async () => {
    const result = await convert(signal(), await pngFromSvg(logoSvg(128)), {}, nodeHost);
    expect(result.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="128" height="128" viewBox="0 0 128 128"/);
    expect(result).toMatchObject({ width: 128, height: 128, scale: 1, engine: 'tracewise', tier: 2, class: 'simple', fallback: null, search: null });
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.timings.classify).toBeGreaterThan(0);
    expect(result.bytes).toBe(new TextEncoder().encode(result.svg).length);
    expect(result.pathCount).toBeGreaterThanOrEqual(2);
    expect(result.quality!.ssim).toBeGreaterThan(0.98);
    expect(result.quality!.mae).toBeLessThan(3);
    expect(result.pathCount).toBe(2); // one path per flat colour
    for (const stage of ['decode', 'trace', 'optimize', 'measure'] as const) expect(result.timings[stage]).toBeGreaterThan(0);
    expect(result.timings.total).toBeGreaterThanOrEqual(result.timings.decode + result.timings.trace);
  });

  it('keeps transparent areas transparent', async () => {
    const result = await convert(signal(), await pngFromSvg(logoSvg(128)), {}, nodeHost);
    await loadRenderer(nodeHost);
    const rendered = renderSvg(result.svg, 128, 128);
    expect(rendered.data[3]).toBe(0); // top-left corner, outside the disc
    expect(rendered.data[(64 * 128 + 64) * 4 + 3]).toBe(255);
    expect(result.quality!.alphaMae).toBeLessThan(8);
  });

  it('traces a large image at the working size and keeps the source size on the root', async () => {
    const wide = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="400"><rect x="100" y="100" width="1400" height="200" fill="#1d3557"/></svg>`;
    const result = await convert(signal(), await pngFromSvg(wide), { maxSide: 400 }, nodeHost);
    expect([result.width, result.height, result.workWidth, result.workHeight, result.scale]).toEqual([1600, 400, 400, 100, 0.25]);
    expect(result.svg).toContain('width="1600" height="400" viewBox="0 0 400 100"');
    expect(result.params.precision).toBe(2); // one working unit is 4 source pixels
    expect(result.quality!.ssim).toBeGreaterThan(0.95);
  });

  it('traces a logo scaled down to the working size as compactly as the same logo drawn at that size', async () => {
    // Lanczos's ringing left halo bands along every edge of a downscaled logo: this one came out
    // at 20× the bytes of its direct drawing (3,884 against 190 B), traced as extra thin shapes.
    const direct = await convert(signal(), await pngFromSvg(logoSvg(256)), { tier: 1, measureQuality: false }, nodeHost);
    for (const side of [512, 700]) {
      const scaled = await convert(signal(), await pngFromSvg(logoSvg(side)), { tier: 1, maxSide: 256 }, nodeHost);
      expect([scaled.workWidth, scaled.pathCount]).toEqual([256, direct.pathCount]);
      expect(scaled.svg.length).toBeLessThan(direct.svg.length * 1.25);
      expect(scaled.quality!.ssim).toBeGreaterThan(0.98);
    }
  });

  it('reports the tier it was asked for and can skip measurement', async () => {
    const result = await convert(signal(), await pngFromSvg(logoSvg(64)), { tier: 1, measureQuality: false }, nodeHost);
    expect(result.tier).toBe(1);
    expect(result.quality).toBeNull();
    expect(result.timings.measure).toBe(0);
  });

  it('produces an empty but valid SVG for a fully transparent image', async () => {
    const blank = await pngFromSvg('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"/>');
    const result = await convert(signal(), blank, {}, nodeHost);
    expect(result.pathCount).toBe(0);
    expect(result.quality!.alphaMae).toBe(0);
  });

  it('stops with ABORTED when the signal is already aborted, and TIMEOUT past the deadline', async () => {
    await prepareCore(nodeHost);
    const png = await pngFromSvg(logoSvg(256));
    const controller = new AbortController();
    controller.abort();
    expect(await failureCode(convert(controller.signal, png, {}, nodeHost))).toBe('ABORTED');
    expect(await failureCode(convert(signal(), png, { tier: 1, deadlineMs: 1 }, nodeHost))).toBe('TIMEOUT');
  });

  it('tiers 2 and 3 past their deadline with nothing traced give tier 1\'s result, marked "deadline"', async () => {
    await prepareCore(nodeHost);
    const png = await pngFromSvg(logoSvg(256));
    const tier1 = await convert(signal(), png, { tier: 1 }, nodeHost);
    for (const tier of [2, 3] as const) {
      // 1 ms: decoding alone takes longer, so neither classification nor the tier's own plan runs.
      const result = await convert(signal(), png, { tier, deadlineMs: 1 }, nodeHost);
      expect(result).toMatchObject({ tier, class: null, search: null, fallback: { from: 'deadline' } });
      expect(result.fallback!.reason).toMatch(new RegExp(`^Tier ${tier} passed its 1 ms deadline before it had traced anything; this is tier 1's plain tracing`));
      expect(result.timings.classify).toBe(0);
      expect(result.params).toEqual(tier1.params); // tier 1's candidate
      expect(result.svg).toBe(tier1.svg);
    }
  });

  it('rejects bad options and bad bytes with stable codes', async () => {
    expect(await failureCode(convert(signal(), new Uint8Array([1]), { tier: 4 as 1 }, nodeHost))).toBe('BAD_OPTIONS');
    expect(await failureCode(convert(signal(), new Uint8Array(), {}, nodeHost))).toBe('EMPTY_IMAGE');
    expect(await failureCode(convert(signal(), new TextEncoder().encode('GIF89a-nope'), {}, nodeHost))).toBe('INVALID_IMAGE');
  });
});

describe('decodeInput + convertDecoded', () => {
  it('split across two calls gives the same SVG as convert, with the decode time carried over', async () => {
    const { decodeInput, convertDecoded } = await import('../../src/core');
    const png = await pngFromSvg(logoSvg(80));
    const decoded = await decodeInput(signal(), png, {}, nodeHost);
    expect(decoded.decodeMs).toBeGreaterThan(0);
    const split = await convertDecoded(signal(), decoded, {}, nodeHost);
    const whole = await convert(signal(), png, {}, nodeHost);
    expect(split.svg).toBe(whole.svg);
    expect(split.timings.decode).toBe(decoded.decodeMs);
    const controller = new AbortController();
    controller.abort();
    expect(await failureCode(decodeInput(controller.signal, png, {}, nodeHost))).toBe('ABORTED');
  });
});

describe('prepareCore', () => {
  it('can warm up by converting the stored warm-up logo, after which conversions still work', async () => {
    const { prepareCore } = await import('../../src/core');
    await prepareCore(nodeHost, { warmUp: true });
    const result = await convert(signal(), await pngFromSvg(logoSvg(48)), { tier: 1 }, nodeHost);
    expect(result.quality!.ssim).toBeGreaterThan(0.95);
  });
});

describe('prepareTracer', () => {
  it('loads the renderer and the classifier, and tolerates a host without models', async () => {
    const { prepareTracer } = await import('../../src/core');
    await expect(prepareTracer(nodeHost)).resolves.toBeUndefined();
    await expect(prepareTracer({ loadAsset: nodeHost.loadAsset })).resolves.toBeUndefined();
  });
});
