import { describe, expect, it, vi, afterEach } from 'vitest';
import { convert } from '../../src/core';
import { ENGINES } from '../../src/core/trace/engines';
import { withTimeout } from '../../src/core/withTimeout';
import { nodeHost } from '../../src/cli/nodeHost';
import { logoSvg, pngFromSvg, signal } from './fixtures';

describe('robustness of the pipeline seams', () => {
  afterEach(() => vi.restoreAllMocks());

  it('treats an engine that returns something other than an SVG as a failed engine (fallback)', async () => {
    vi.spyOn(ENGINES.tracewise, 'trace').mockResolvedValue({ svg: 'not an svg at all' });
    const result = await convert(signal(), await pngFromSvg(logoSvg(48)), { tier: 1 }, nodeHost);
    expect(result.engine).toBe('imagetracer');
    expect(result.fallback).toMatchObject({ from: 'tracewise' });
    expect(result.fallback!.reason).toMatch(/no <svg> root/);
  });

  it('withTimeout rejects a promise that never settles, and passes through one that does', async () => {
    await expect(withTimeout(new Promise(() => {}), 20, 'The thing did not load')).rejects.toThrow(/did not load within 0.02 s/);
    await expect(withTimeout(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
  });
});
