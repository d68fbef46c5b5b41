interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

interface Report {
  startedAt: string;
  machine: { cores: number; node: string; chromium: string | null };
  playwrightExitCode: number | null;
  browser: {
    files: number;
    concurrency: number;
    tiers: {
      tier: number;
      files: number;
      successRate: number;
      failures: Record<string, number>;
      serviceMs: Latency;
      latencyMs: Latency;
      throughputPerSec: number;
      wallMs: number;
      maxQueued: number;
      mainThreadMaxLagMs: number;
      peakEstimateMB: number;
      renderer: { rssPeakMB: number; pssPeakMB: number; privatePeakMB: number } | null;
      uaMeasurementsMB: { MB: number; tookMs: number }[];
      uaMidBatch: { MB: number; startedAtMs: number; tookMs: number } | null;
    }[];
  } | null;
  soak: { total: number; checkpoints: { done: number; wasmMB: Record<string, number>; pageHeapMB: number | null; ms: number }[] } | null;
  cli: { tier: number; files: number; successRate: number; latencyMs: Latency; throughputPerSec: number; wallMs: number; maxRssMB: number | null }[];
}

const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
const lat = (l: Latency): string => `${l.p50} / ${l.p95} / ${l.max}`;

export function formatReport(report: Report): string {
  const lines = [
    `# Tracewise load test — ${report.startedAt}`,
    '',
    `${report.machine.cores} cores, Node ${report.machine.node}, ${report.machine.chromium ?? 'chromium ?'}; Playwright exit ${report.playwrightExitCode}.`,
    '',
  ];
  if (report.browser) {
    const { files, concurrency, tiers } = report.browser;
    lines.push(
      `## Browser: ${files} files per tier submitted at once, ${concurrency} trace workers + 1 decode worker`,
      '',
      'Service = from getting a trace worker to the result; latency = from submission (queue wait included). ms: p50 / p95 / max.',
      'Peak estimate = the monitor\'s instant figure (page heap + workers\' wasm memory + a 16 MB JS allowance per worker); renderer = the OS\'s view of Chromium\'s renderer process(es) for this page (page + workers + wasm threads; private = USS, PSS splits shared pages, RSS counts the whole Chromium binary), peak of /proc/<pid>/smaps_rollup sampled every 500 ms during the batch; browser-measured = performance.measureUserAgentSpecificMemory() started 5 s into the batch — it answers ~60 s later and reflects the page at that moment (after a short batch, the idle decode worker may already have retired).',
      '',
      '| tier | success | service ms | latency ms | throughput /s | wall s | max queued | main-thread max lag ms | peak estimate MB | renderer private / PSS / RSS peak MB | browser-measured MB |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...tiers.map(
        (t) =>
          `| ${t.tier} | ${pct(t.successRate)}${Object.keys(t.failures).length ? ` ${JSON.stringify(t.failures)}` : ''} | ${lat(t.serviceMs)} | ${lat(t.latencyMs)} | ${t.throughputPerSec} | ${(t.wallMs / 1000).toFixed(1)} | ${t.maxQueued} | ${t.mainThreadMaxLagMs} | ${t.peakEstimateMB} | ${t.renderer ? `${t.renderer.privatePeakMB} / ${t.renderer.pssPeakMB} / ${t.renderer.rssPeakMB}` : '—'} | ${t.uaMidBatch ? `${t.uaMidBatch.MB} (started at ${(t.uaMidBatch.startedAtMs / 1000).toFixed(0)} s, took ${(t.uaMidBatch.tookMs / 1000).toFixed(0)} s)` : '—'} |`,
      ),
      '',
    );
  }
  if (report.soak) {
    lines.push(
      `## Soak: ${report.soak.total} conversions through one pool`,
      '',
      '| done | decode wasm MB | trace wasm MB | page heap MB | ms per 100 |',
      '|---|---|---|---|---|',
      ...report.soak.checkpoints.map((c) => `| ${c.done} | ${c.wasmMB.decode} | ${c.wasmMB.trace} | ${c.pageHeapMB ?? '—'} | ${c.ms} |`),
      '',
    );
  }
  lines.push(
    '## CLI (`npm run --silent convert -- --json`)',
    '',
    '| tier | files | success | latency ms p50 / p95 / max | throughput /s | wall s | max RSS MB |',
    '|---|---|---|---|---|---|---|',
    ...report.cli.map(
      (c) => `| ${c.tier} | ${c.files} | ${pct(c.successRate)} | ${lat(c.latencyMs)} | ${c.throughputPerSec} | ${(c.wallMs / 1000).toFixed(1)} | ${c.maxRssMB ?? '—'} |`,
    ),
    '',
  );
  return lines.join('\n');
}
