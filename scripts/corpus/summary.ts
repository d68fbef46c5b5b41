import type { Category } from './categorize';
import type { Split } from './split';

interface Row { category: Category; split: Split; source: string }
interface Skip { id: string; source: string; reason: string; detail?: string }

const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

function tally<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}

/** Console report: category × split table, per-source counts, skips and elapsed time. */
export function printSummary(items: readonly Row[], skipped: readonly Skip[], categories: readonly Category[], seconds: number, dir: string): void {
  const cell = tally(items, (e) => `${e.category}/${e.split}`);
  const pad = (s: string | number, n = 11) => String(s).padStart(n);
  console.log(`\nCorpus written to ${dir}: ${items.length} images\n`);
  console.log(pad('category', 10) + SPLITS.map((s) => pad(s)).join('') + pad('total'));
  for (const c of categories) {
    const row = SPLITS.map((s) => cell.get(`${c}/${s}`) ?? 0);
    console.log(pad(c, 10) + row.map((n) => pad(n)).join('') + pad(row.reduce((a, b) => a + b, 0)));
  }
  const totals = SPLITS.map((s) => items.filter((e) => e.split === s).length);
  console.log(pad('total', 10) + totals.map((n) => pad(n)).join('') + pad(items.length));
  console.log('\nper source:');
  for (const [src, n] of [...tally(items, (e) => e.source)].sort()) console.log(`  ${src.padEnd(28)} ${n}`);
  console.log(`\nskipped: ${skipped.length}`);
  for (const [k, n] of [...tally(skipped, (s) => `${s.reason} (${s.source})`)].sort()) console.log(`  ${k.padEnd(40)} ${n}`);
  for (const s of skipped.slice(0, 10)) console.log(`    e.g. ${s.id}: ${s.reason}${s.detail ? ` ${s.detail.slice(0, 100)}` : ''}`);
  console.log(`\nelapsed: ${seconds.toFixed(1)} s`);
}
