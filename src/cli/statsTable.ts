import type { OperationName, OperationStats } from '../core';

/** The --stats table: one row per operation, breaches flagged. */
export function statsTable(stats: Partial<Record<OperationName, OperationStats>>): string {
  const rows = Object.entries(stats).map(([name, s]) => {
    const cells = [name, s.count, s.failures, s.p50.toFixed(1), s.p95.toFixed(1), s.max.toFixed(1), s.threshold, s.breaches];
    return cells.map((cell, i) => String(cell).padStart(i === 0 ? 9 : 8)).join(' ') + (s.breaches > 0 ? '  ← over threshold' : '');
  });
  const header = ['operation', 'count', 'failed', 'p50 ms', 'p95 ms', 'max ms', 'limit ms', 'over'].map((h, i) => h.padStart(i === 0 ? 9 : 8)).join(' ');
  return `${header}\n${rows.join('\n')}\n`;
}
