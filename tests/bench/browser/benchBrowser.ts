// `npm run bench:browser -- [--subset N] [--tiers 1,2,3] [--split test] [--no-build]`
// The tiers timed inside headless Chromium through the app's real worker pool (the page's
// `window.__tracewise.convertMany`), one image at a time so each time is one file's latency,
// plus the cold start: a fresh browser profile, page load to the first SVG.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../chromium';
import { loadCorpus, pickSubset, pngPath } from '../corpus';
import { median, quantile, mean } from '../stats';
import { convertInPage, coldStartInPage, type PageRun } from './pageScripts';

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
    },
  });
  const tiers = values.tiers.split(',').map(Number);
  const corpus = loadCorpus('corpus', 256);
  const items = pickSubset(corpus.items.filter((i) => values.split === 'all' || i.split === values.split), values.subset ? Number(values.subset) : null);
  const images = items.map((item) => readFileSync(pngPath(corpus, item)).toString('base64'));
  if (!values['no-build'] && spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('vite build failed');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const coldStarts = [];
    for (let i = 0; i < 3; i++) coldStarts.push(await coldStart(browser, images[i % images.length]));
    const page = await (await browser.newContext()).newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => '__tracewise' in globalThis);
    const perTier: Record<string, PageRun[]> = {};
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

async function coldStart(browser: Browser, image: string): Promise<number> {
  const context = await browser.newContext(); // a fresh profile: nothing cached
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const ms = await page.evaluate(coldStartInPage, { image, tier: 2 });
  await context.close();
  return ms;
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

function report(outDir: string, images: number, split: string, perTier: Record<string, PageRun[]>, coldStarts: number[]): void {
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
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.md'), lines + '\n');
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ rows, coldStarts, perTier }, null, 1));
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
