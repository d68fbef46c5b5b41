/** Accuracy, per-class recall and the confusion matrix (rows = true class, columns = predicted). */
export interface Metrics {
  count: number;
  accuracy: number;
  perClass: Record<string, number | null>;
  confusion: number[][];
}

export function evaluate(classes: readonly string[], truth: ArrayLike<number>, predicted: ArrayLike<number>): Metrics {
  const confusion = classes.map(() => classes.map(() => 0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    confusion[truth[i]!]![predicted[i]!]!++;
    if (truth[i] === predicted[i]) correct++;
  }
  const perClass = Object.fromEntries(classes.map((c, k) => {
    const n = confusion[k]!.reduce((s, v) => s + v, 0);
    return [c, n ? round(confusion[k]![k]! / n) : null];
  }));
  return { count: truth.length, accuracy: truth.length ? round(correct / truth.length) : 0, perClass, confusion };
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}

const pct = (v: number | null): string => (v === null ? '   –  ' : `${(v * 100).toFixed(1).padStart(5)}%`);

/** A fixed-width table of several metric sets side by side, for the console. */
export function formatComparison(classes: readonly string[], rows: Array<[string, Metrics]>): string {
  const head = ['', 'n', 'accuracy', ...classes].map((h, i) => (i === 0 ? h.padEnd(22) : h.padStart(9))).join('');
  const lines = rows.map(([label, m]) => [label.padEnd(22), String(m.count).padStart(9), pct(m.accuracy).padStart(9),
    ...classes.map((c) => pct(m.perClass[c] ?? null).padStart(9))].join(''));
  return [head, ...lines].join('\n');
}

export function formatConfusion(classes: readonly string[], m: Metrics): string {
  const w = 10;
  const head = 'true \\ predicted'.padEnd(18) + classes.map((c) => c.padStart(w)).join('');
  return [head, ...classes.map((c, k) => c.padEnd(18) + m.confusion[k]!.map((v) => String(v).padStart(w)).join(''))].join('\n');
}

/** Accuracy from the confusion counts, unrounded (Metrics.accuracy keeps 4 decimals, which prints
 * 301/338 as 89.0 where 89.1 is right). */
export function exactAccuracy(m: Metrics): number {
  return m.confusion.reduce((s, row, k) => s + row[k]!, 0) / m.count;
}

/** "256: 92.9 / 512: 93.8 / 128: 91.1 / 64: 89.1  mean 91.7": accuracy per input size and the
 * mean over the sizes, as the classifier studies print them. */
export function formatBySize(sizes: readonly string[], metrics: readonly Metrics[]): string {
  const accuracies = metrics.map(exactAccuracy);
  const percent = (v: number) => (v * 100).toFixed(1);
  return `${sizes.map((size, i) => `${size}: ${percent(accuracies[i]!)}`).join(' / ')}  mean ${percent(accuracies.reduce((s, a) => s + a, 0) / accuracies.length)}`;
}

/** Wilson score interval of a proportion, k successes in n trials, at 95 %. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
