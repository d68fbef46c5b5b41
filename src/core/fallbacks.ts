import type { Fallback } from './types';

/**
 * One result can take more than one fallback (a damaged file decoded tolerantly, then traced
 * without its model): all of them are shown, in the order they happened, as one `fallback`.
 * `from` lists each source once ("decode+ai"); the reasons follow one another.
 */
export function combineFallbacks(fallbacks: readonly (Fallback | null | undefined)[]): Fallback | null {
  const taken = fallbacks.filter((fallback): fallback is Fallback => !!fallback);
  if (taken.length <= 1) return taken[0] ?? null;
  return {
    from: [...new Set(taken.map((fallback) => fallback.from))].join('+'),
    reason: taken.map((fallback) => fallback.reason).join(' '),
  };
}
