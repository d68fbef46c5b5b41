import type { Outcome } from './outcome';

export interface ScenarioSummary {
  id: string;
  layer: 'core' | 'cli' | 'browser';
  fault: string;
  /** Corpus files (fillers excluded). */
  n: number;
  svgShare: number;
  /** Every input, fillers included: ended with a result or a coded error. */
  endedShare: number;
  total: number;
  expectSvg: number;
  expectClassified?: number;
  why: string;
  fallbacks: Record<string, number>;
  classifiedShare: number;
  codes: Record<string, number>;
  /** The first message seen per code, on corpus files (fillers when no corpus file had it). */
  messages: Record<string, string>;
  p50Ms: number;
  maxMs: number;
  breaches: string[];
  notes: string[];
  verdict: 'PASS' | 'FINDING';
  problems: string[];
}

export function summarise(
  meta: { id: string; layer: ScenarioSummary['layer']; fault: string; expectSvg: number; expectClassified?: number; why: string },
  outcomes: Outcome[],
  notes: string[] = [],
): ScenarioSummary {
  const corpus = outcomes.filter((o) => !o.extra);
  const count = (values: (string | null)[]) =>
    values.reduce<Record<string, number>>((acc, v) => (v === null ? acc : ((acc[v] = (acc[v] ?? 0) + 1), acc)), {});
  const ms = corpus.filter((o) => o.ended).map((o) => o.ms).sort((a, b) => a - b);
  const svgShare = corpus.filter((o) => o.ok).length / Math.max(1, corpus.length);
  const endedShare = outcomes.filter((o) => o.ended).length / Math.max(1, outcomes.length);
  const breaches = outcomes.flatMap((o) => (o.breach ? [`${o.file}: ${o.breach}`] : []));
  const problems: string[] = [];
  if (endedShare < 1) problems.push(`${outcomes.filter((o) => !o.ended).length} of ${outcomes.length} never ended`);
  if (breaches.length) problems.push(`${breaches.length} failures without a known code`);
  if (svgShare + 1e-9 < meta.expectSvg) problems.push(`SVG share ${pct(svgShare)} < expected ${pct(meta.expectSvg)}`);
  const classifiedShare = corpus.filter((o) => o.classified).length / Math.max(1, corpus.length);
  if (meta.expectClassified !== undefined && classifiedShare + 1e-9 < meta.expectClassified) {
    problems.push(`classified by the model ${pct(classifiedShare)} < expected ${pct(meta.expectClassified)}`);
  }
  return {
    ...meta,
    n: corpus.length,
    total: outcomes.length,
    svgShare,
    endedShare,
    fallbacks: count(corpus.map((o) => o.fallbackFrom)),
    classifiedShare,
    codes: count(outcomes.map((o) => o.code)),
    messages: Object.fromEntries(
      [...corpus, ...outcomes.filter((o) => o.extra)]
        .filter((o) => o.code && o.message)
        .reverse()
        .map((o) => [o.code!, o.message!]),
    ),
    p50Ms: ms[Math.floor(ms.length / 2)] ?? 0,
    maxMs: ms[ms.length - 1] ?? 0,
    breaches,
    notes,
    verdict: problems.length ? 'FINDING' : 'PASS',
    problems,
  };
}

export function pct(share: number): string {
  return `${(share * 100).toFixed(share === 1 || share === 0 ? 0 : 1)}%`;
}

const entries = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ') || '–';

/** The recovery table as plain text columns for the terminal. */
export function consoleTable(summaries: ScenarioSummary[]): string {
  const rows = [
    ['scenario', 'N', 'SVG', 'expected', 'ended', 'fallback', 'AI', 'codes', 'p50 ms', 'verdict'],
    ...summaries.map((s) => [
      s.id,
      s.total === s.n ? String(s.n) : `${s.n}+${s.total - s.n}`,
      pct(s.svgShare),
      pct(s.expectSvg),
      pct(s.endedShare),
      entries(s.fallbacks),
      pct(s.classifiedShare),
      entries(s.codes),
      s.p50Ms.toFixed(0),
      s.verdict,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n');
}

export function markdownReport(summaries: ScenarioSummary[], context: { date: string; n: number; tier: number; durationS: number }): string {
  const lines = [
    '# Fault-injection report',
    '',
    `${context.date} · ${context.n} corpus-like inputs per scenario (synthetic shapes, gradients, wordmarks; 96–192 px) · ` +
      `tier ${context.tier} unless the scenario says otherwise · ${context.durationS.toFixed(0)} s in all.`,
    '',
    'SVG = share of the inputs that still produced an SVG; ended = share that ended with a result or a coded error ' +
      '(must be 100%); expected = the SVG share if every fallback that ought to exist works; AI = share with a class ' +
      'from the model. A FINDING is a scenario under its expectation, with a hang, or with an uncoded error.',
    '',
    '| scenario | layer | fault | N | SVG | expected | ended | fallbacks | AI | codes | p50 / max ms | verdict |',
    '|---|---|---|--:|--:|--:|--:|---|--:|---|--:|---|',
    ...summaries.map(
      (s) =>
        `| ${s.id} | ${s.layer} | ${s.fault} | ${s.total === s.n ? s.n : `${s.n} + ${s.total - s.n} fillers`} | ${pct(s.svgShare)} | ${pct(s.expectSvg)} | ` +
        `${pct(s.endedShare)} | ${entries(s.fallbacks)} | ${pct(s.classifiedShare)} | ${entries(s.codes)} | ` +
        `${s.p50Ms.toFixed(0)} / ${s.maxMs.toFixed(0)} | ${s.verdict === 'PASS' ? 'pass' : '**FINDING**'} |`,
    ),
    '',
    '## Expectations and findings',
    '',
    ...summaries.flatMap((s) => [
      `- **${s.id}** — expected ${pct(s.expectSvg)} SVG: ${s.why}.` +
        (s.problems.length ? ` **${s.problems.join('; ')}.**` : ' Met.') +
        (Object.keys(s.messages).length ? ` Messages: ${Object.entries(s.messages).map(([code, m]) => `${code} "${m}"`).join('; ')}.` : '') +
        (s.notes.length ? ` ${s.notes.join(' ')}` : ''),
    ]),
    '',
  ];
  return lines.join('\n');
}
