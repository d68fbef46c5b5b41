/**
 * Deterministic spread-out picking: with n items and a quota q, visit indices 0, k, 2k, … (k =
 * ⌊n/q⌋) first, then 1, k+1, …, so the first q visits are every k-th item and later visits are
 * back-ups for items that fail to render. Input must already be sorted (by name) for stability.
 */
export function* strideOrder<T>(items: readonly T[], quota: number): Generator<T> {
  if (items.length === 0 || quota <= 0) return;
  const k = Math.max(1, Math.floor(items.length / quota));
  for (let offset = 0; offset < k; offset++) {
    for (let i = offset; i < items.length; i += k) yield items[i] as T;
  }
}
