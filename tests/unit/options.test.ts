import { describe, expect, it } from 'vitest';
import { ConvertError, DEFAULT_OPTIONS, resolveOptions, toConvertError } from '../../src/core';
import { combineFallbacks } from '../../src/core/fallbacks';
import { hardDeadlineMs, tier1RescueMs } from '../../src/core/options';

describe('resolveOptions', () => {
  it('fills defaults and ignores undefined fields', () => {
    expect(resolveOptions({ tier: undefined, maxSide: 512 })).toEqual({ ...DEFAULT_OPTIONS, maxSide: 512, deadlineMs: 5000 });
  });

  it('gives each tier its ceiling as the default deadline, unless one is set (null = none)', () => {
    expect(resolveOptions({ tier: 1 }).deadlineMs).toBe(2000);
    expect(resolveOptions({ tier: 3 }).deadlineMs).toBe(15000);
    expect(resolveOptions({ tier: 3, deadlineMs: 700 }).deadlineMs).toBe(700);
    expect(resolveOptions({ tier: 3, deadlineMs: null }).deadlineMs).toBeNull();
  });

  it.each([
    [{ tier: 0 }, 'tier'],
    [{ maxSide: 8 }, 'maxSide'],
    [{ maxSide: 100.5 }, 'maxSide'],
    [{ maxPixels: -1 }, 'maxPixels'],
    [{ measureQuality: 'yes' }, 'measureQuality'],
    [{ deadlineMs: 0 }, 'deadlineMs'],
  ])('names the bad field in %j', (input, field) => {
    expect(() => resolveOptions(input as never)).toThrow(new RegExp(`"${field}"`));
    try {
      resolveOptions(input as never);
    } catch (error) {
      expect((error as ConvertError).code).toBe('BAD_OPTIONS');
    }
  });
});

describe('toConvertError', () => {
  it('keeps ConvertErrors, maps AbortError and coded objects, wraps the rest as INTERNAL', () => {
    const original = new ConvertError('TOO_LARGE', 'big');
    expect(toConvertError(original)).toBe(original);
    expect(toConvertError(new DOMException('stop', 'AbortError')).code).toBe('ABORTED');
    expect(toConvertError({ code: 'TIMEOUT', message: 'slow' })).toMatchObject({ code: 'TIMEOUT', message: 'slow' });
    expect(toConvertError(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'Unexpected failure: boom' });
    expect(toConvertError('text')).toMatchObject({ code: 'INTERNAL' });
    expect(JSON.parse(JSON.stringify(original))).toEqual({ code: 'TOO_LARGE', message: 'big' });
  });
});

describe('hard deadlines for callers that kill workers', () => {
  it('adds the tier-1 rescue (tiers 2–3) and a margin as long as the deadline, at least 5 s', () => {
    expect(tier1RescueMs({ tier: 1, deadlineMs: 2000 })).toBe(0);
    expect(tier1RescueMs({ tier: 2, deadlineMs: 5000 })).toBe(2000);
    expect(tier1RescueMs({ tier: 3, deadlineMs: 300 })).toBe(300);
    expect(hardDeadlineMs({ tier: 1, deadlineMs: 2000 })).toBe(2000 + 5000);
    expect(hardDeadlineMs({ tier: 2, deadlineMs: 5000 })).toBe(5000 + 2000 + 5000);
    expect(hardDeadlineMs({ tier: 3, deadlineMs: 15000 })).toBe(15000 + 2000 + 15000);
    expect(hardDeadlineMs({ tier: 2, deadlineMs: 300 })).toBe(300 + 300 + 5000);
    expect(hardDeadlineMs({ tier: 3, deadlineMs: null })).toBeNull();
  });
});

describe('combineFallbacks', () => {
  it('keeps a single fallback as it is and joins several in order', () => {
    const decode = { from: 'decode', reason: 'Damaged.' };
    const ai = { from: 'ai', reason: 'No model.' };
    expect(combineFallbacks([null, undefined])).toBeNull();
    expect(combineFallbacks([null, ai])).toBe(ai);
    expect(combineFallbacks([decode, null, ai, { from: 'ai', reason: 'Again.' }])).toEqual({ from: 'decode+ai', reason: 'Damaged. No model. Again.' });
  });
});
