// `npm run bench:browser -- [--subset N] [--tiers 1,2,3] [--split test] [--no-build] [--cold N] [--cold-only] [--dist DIR]`
// The tiers timed inside headless Chromium through the app's real worker pool (the page's
// `window.__tracewise.convertMany`), one image at a time so each time is one file's latency,
// plus the cold start: a fresh browser profile, page load to the first SVG (`--cold N` runs,
// default 3), with where it went (the page's and the workers' start-up marks). `--cold-only`
// skips the per-tier runs (for A/B runs of the start-up); `--dist DIR` (implies --no-build) serves
// another build, e.g. one made with `npx vite build --outDir DIR` from an earlier commit.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../chromium';
import { loadCorpus, pickSubset, pngPath } from '../corpus';
import { median, quantile, mean } from '../stats';
import { STARTUP_MARK_PREFIX } from '../../../src/core/monitor/startupMark';
import { convertInPage, coldStartInPage, type ColdStart, type PageRun } from './pageScripts';

const PORT = 4175;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      subset: { type: 'string' },
      tiers: { type: 'string', default: '1,2,3' },
      split: { type: 'string', default: 'test' },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string' },
      cold: { type: 'string', default: '3' },
      'cold-only': { type: 'boolean', default: false },
      dist: { type: 'string' },
    },
  });
  const tiers = values.tiers.split(',').map(Number);
  const corpus = loadCorpus('corpus', 256);
  const items = pickSubset(corpus.items.filter((i) => values.split === 'all' || i.split === values.split), values.subset ? Number(values.subset) : null);
  const images = items.map((item) => readFileSync(pngPath(corpus, item)).toString('base64'));
  if (!values['no-build'] && !values.dist && spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('vite build failed');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', ...(values.dist ? ['--outDir', values.dist] : [])], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const coldStarts: ColdStart[] = [];
    for (let i = 0; i < Number(values.cold); i++) coldStarts.push(await coldStart(browser, images[i % images.length]));
    const perTier: Record<string, PageRun[]> = {};
    if (values['cold-only']) tiers.length = 0;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => '__tracewise' in globalThis);
    for (const tier of tiers) {
      await page.evaluate(convertInPage, { images: images.slice(0, 3), tier }); // warm-up, untimed
      perTier[tier] = await page.evaluate(convertInPage, { images, tier });
      process.stderr.write(`tier ${tier}: ${images.length} images\n`);
    }
    report(values.out ?? `bench-results/browser-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`, items.length, values.split, perTier, coldStarts);
  } finally {
    await browser.close();
    process.kill(-server.pid!);
  }
}

async function coldStart(browser: Browser, image: string): Promise<ColdStart> {
  const context = await browser.newContext(); // a fresh profile: nothing cached
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const run = await page.evaluate(coldStartInPage, { image, tier: 2, markPrefix: STARTUP_MARK_PREFIX });
  await context.close();
  process.stderr.write(`cold start: ${run.ms.toFixed(0)} ms\n`);
  return run;
}

/** The cold start's moments (median ms since navigation over the runs), in time order, and the
 * first file's core stages. */
function coldBreakdown(runs: ColdStart[]): string[] {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run.marks)))];
  const at = names
    .map((name) => ({ name, ms: median(runs.flatMap((run) => (name in run.marks ? [run.marks[name]] : []))) }))
    .sort((a, b) => a.ms - b.ms);
  const stages = ['decode', 'classify', 'trace', 'optimize', 'measure'].map((stage) => `${stage} ${median(runs.map((run) => run.timings[stage] ?? 0)).toFixed(0)}`);
  return [
    '| moment (median of the runs) | ms since navigation |',
    '|---|---:|',
    ...at.map(({ name, ms }) => `| ${name} | ${ms.toFixed(0)} |`),
    '',
    `First file's core stages (median ms): ${stages.join(', ')}`,
  ];
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

/** Median / p95 of each core stage and of the page-side overhead over the successful runs. */
function stageCells(runs: PageRun[]): string[] {
  const timed = runs.filter((r) => r.ok && r.timings);
  const cell = (values: number[]): string => `${median(values).toFixed(1)} / ${quantile(values, 0.95).toFixed(1)}`;
  const stages = ['decode', 'classify', 'trace', 'optimize', 'measure', 'total'].map((stage) => cell(timed.map((r) => r.timings![stage])));
  return [...stages, cell(timed.map((r) => r.ms - r.timings!.total))];
}

function report(outDir: string, images: number, split: string, perTier: Record<string, PageRun[]>, cold: ColdStart[]): void {
  const coldStarts = cold.map((run) => run.ms);
  const rows = Object.entries(perTier).map(([tier, runs]) => {
    const ok = runs.filter((r) => r.ok);
    return {
      tier: Number(tier),
      images: runs.length,
      successRate: ok.length / runs.length,
      medianMs: median(ok.map((r) => r.ms)),
      p95Ms: quantile(ok.map((r) => r.ms), 0.95),
      maxMs: Math.max(...ok.map((r) => r.ms)),
      meanSsim: mean(ok.map((r) => r.ssim)),
    };
  });
  const machine = `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, Chromium (Debian), headless`;
  const lines = [
    `Browser benchmark ${new Date().toISOString()} — ${images} images (${split} split, 256 px), one at a time through the app's worker pool`,
    `Machine: ${machine}`,
    '',
    '| tier | n | ok | median ms | p95 ms | max ms | mean SSIM |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.tier} | ${r.images} | ${(r.successRate * 100).toFixed(1)}% | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${r.meanSsim.toFixed(4)} |`),
    '',
    'Where the time goes (median / p95 ms per file; the core\'s stage timings inside the workers, and the',
    'page ↔ worker overhead = page time − the core\'s total: reading the Blob, transfers, worker hand-offs):',
    '',
    '| tier | decode | classify | trace | optimize | measure | core total | overhead |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(perTier).map(([tier, runs]) => `| ${tier} | ${stageCells(runs).join(' | ')} |`),
    '',
    `Cold start (fresh profile, navigation start → first SVG, tier 2): ${coldStarts.map((ms) => ms.toFixed(0)).join(', ')} ms (median ${median(coldStarts).toFixed(0)} ms)`,
    '',
    ...coldBreakdown(cold),
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.md'), lines + '\n');
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ rows, coldStarts, cold, perTier }, null, 1));
  console.log(lines);
  console.log(`\nReport: ${join(outDir, 'report.md')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:browser: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
