// `npm run loadtest`: browser load (300 files per tier in flight through one pool), the soak
// (1,000 conversions), and the CLI on 300 generated files per tier with its max RSS. Writes
// load-results/<time>/report.json + report.md. Env: LOAD_FILES, LOAD_CONCURRENCY, LOAD_TIERS,
// SOAK_FILES (see the specs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPng } from '../e2e/logoPng';
import { formatReport } from './report';
import { summarize } from './stats';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILES = Number(process.env.LOAD_FILES ?? 300);
const TIERS = (process.env.LOAD_TIERS ?? '1,2,3').split(',').map(Number);

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfNeeded(): void {
  const built = join(ROOT, 'dist/index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(ROOT, p)).filter(existsSync);
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(...sources.map(newestMtime))) return console.log('dist/ is up to date');
  console.log('building dist/ …');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
}

/** Seeded flat logos like the browser's (tests/load/pageImages.ts), rendered with resvg. */
async function writeCliInputs(dir: string, count: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  let state = 4242;
  const random = (): number => ((state = (state * 1664525 + 1013904223) >>> 0), state / 2 ** 32);
  for (let i = 0; i < count; i++) {
    const side = Math.round(64 + random() * 192);
    const shapes = Array.from({ length: 2 + Math.floor(random() * 3) }, () => {
      const fill = `hsl(${Math.floor(random() * 360)},70%,${30 + Math.floor(random() * 40)}%)`;
      const [x, y, w] = [random() * side * 0.6, random() * side * 0.6, side * (0.2 + random() * 0.4)];
      return random() < 0.5
        ? `<circle cx="${x + w / 2}" cy="${y + w / 2}" r="${w / 2}" fill="${fill}"/>`
        : `<rect x="${x}" y="${y}" width="${w}" height="${w * (0.5 + random() * 0.5)}" fill="${fill}"/>`;
    });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}">${shapes.join('')}</svg>`;
    writeFileSync(join(dir, `logo-${String(i).padStart(4, '0')}.png`), await renderPng(svg));
  }
}

function runCli(tier: number, inputDir: string, outDir: string) {
  const args = ['run', '--silent', 'convert', '--', '--json', '--tier', String(tier), '--out', outDir, inputDir];
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-v', 'npm', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 })
    : spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const wallMs = performance.now() - t0;
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('{'));
  const reports = lines.map((line) => JSON.parse(line) as { ok: boolean; ms: number | null; error: { code: string } | null });
  const ok = reports.filter((r) => r.ok);
  const rssKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
  const failures: Record<string, number> = {};
  for (const r of reports) if (!r.ok) failures[r.error!.code] = (failures[r.error!.code] ?? 0) + 1;
  return {
    tier,
    files: reports.length,
    exitCode: run.status,
    succeeded: ok.length,
    successRate: reports.length ? ok.length / reports.length : 0,
    failures,
    latencyMs: summarize(ok.map((r) => r.ms!)),
    wallMs: Math.round(wallMs),
    throughputPerSec: Math.round((reports.length / wallMs) * 1000 * 100) / 100,
    maxRssMB: rssKb ? Math.round(Number(rssKb) / 1024) : null,
    rssSource: rssKb ? '/usr/bin/time -v (largest process of the npm → tsx → node tree)' : 'unavailable',
  };
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const out = join(ROOT, 'load-results', startedAt.toISOString().replace(/[:.]/g, '-'));
  mkdirSync(out, { recursive: true });
  buildIfNeeded();

  console.log(`browser load + soak → ${out}`);
  const playwright = spawnSync('npx', ['playwright', 'test', '--config', 'tests/load/playwright.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, LOAD_OUT: out },
  });

  console.log(`CLI: ${FILES} generated files per tier …`);
  const inputDir = join(out, 'cli-input');
  await writeCliInputs(inputDir, FILES);
  const cli = TIERS.map((tier) => {
    const result = runCli(tier, inputDir, join(out, `cli-out-${tier}`));
    console.log(JSON.stringify(result));
    return result;
  });

  const read = (name: string): unknown => (existsSync(join(out, name)) ? JSON.parse(readFileSync(join(out, name), 'utf8')) : null);
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? null;
  const tiers = TIERS.map((tier) => read(`browser-tier-${tier}.json`) as { concurrency: number } | null).filter((t) => t !== null);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cores: availableParallelism(), node: process.version, chromium },
    playwrightExitCode: playwright.status,
    browser: tiers.length ? { files: FILES, concurrency: tiers[0].concurrency, tiers } : null,
    soak: read('soak.json'),
    cli,
  };
  writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 2));
  writeFileSync(join(out, 'report.md'), formatReport(report as Parameters<typeof formatReport>[0]));
  console.log(`\n${readFileSync(join(out, 'report.md'), 'utf8')}\nwritten to ${out}`);
  const cliOk = cli.every((c) => c.exitCode === 0 && c.successRate === 1);
  return playwright.status === 0 && cliOk ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
