// npm run faults [-- --n 20] [--only id,id] [--skip-browser] [--reuse-build]
// Injects each fault of scenarios.ts (core, through the Host and the engine registry; CLI pool,
// through its worker entry) and browser.ts (the app's pool in Chromium), converts N generated
// corpus-like images under it, and prints/writes the recovery table (fault-results/report.md).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BROWSER_SCENARIOS, BrowserRig } from './browser';
import { corpusLikeInputs, type FaultInput } from './corpus';
import { hung, type Outcome } from './outcome';
import { consoleTable, markdownReport, summarise, type ScenarioSummary } from './report';
import { runCliScenario } from './runCli';
import { SCENARIOS, type CoreScenario } from './scenarios';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = join(ROOT, 'fault-results');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CHILD = fileURLToPath(new URL('./coreChild.ts', import.meta.url));

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20' },
    only: { type: 'string' },
    'skip-browser': { type: 'boolean', default: false },
    'reuse-build': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const only = values.only ? new Set(values.only.split(',')) : null;
const wanted = (id: string) => !only || only.has(id);

const started = performance.now();
const inputs = await corpusLikeInputs(n);
const dir = await mkdtemp(join(tmpdir(), 'tracewise-faults-'));
await Promise.all(inputs.map((input) => writeFile(join(dir, input.name), input.bytes)));
const summaries: ScenarioSummary[] = [];
const report = (summary: ScenarioSummary) => {
  summaries.push(summary);
  const mark = summary.verdict === 'PASS' ? 'ok ' : '!! ';
  process.stderr.write(`${mark}${summary.id}: SVG ${(summary.svgShare * 100).toFixed(0)}%, ended ${(summary.endedShare * 100).toFixed(0)}%${summary.problems.length ? ` — ${summary.problems.join('; ')}` : ''}\n`);
};

try {
  for (const scenario of SCENARIOS.filter((s) => wanted(s.id))) {
    const meta = { id: scenario.id, fault: scenario.fault, expectSvg: scenario.expectSvg, why: scenario.why, expectClassified: scenario.kind === 'core' ? scenario.expectClassified : undefined };
    if (scenario.kind === 'core') {
      report(summarise({ ...meta, layer: 'core' }, await coreInChild(scenario, inputs)));
    } else {
      const outcomes = await runCliScenario(scenario, inputs, 240_000);
      const fillers = outcomes.filter((o) => o.extra);
      const notes = fillers.length ? [`Fillers: ${fillers.filter((o) => o.ended).length} of ${fillers.length} ended (${[...new Set(fillers.map((o) => o.code))].join(', ')}).`] : [];
      report(summarise({ ...meta, layer: 'cli' }, outcomes, notes));
    }
  }
  const browserScenarios = BROWSER_SCENARIOS.filter((s) => wanted(s.id));
  if (!values['skip-browser'] && browserScenarios.length > 0) {
    const rig = await BrowserRig.start({ reuseBuild: values['reuse-build'] });
    try {
      for (const scenario of browserScenarios) {
        const run = await rig.run(scenario, inputs, 2).catch((error: unknown) => ({
          outcomes: inputs.map((input) => hung(input.name, 0)),
          poolAliveAfter: false,
          log: [`scenario failed: ${String(error)}`],
        }));
        const notes = [run.poolAliveAfter ? 'A file converted after the batch (pool alive).' : '**No file converted after the batch: the pool did not survive.**'];
        const summary = summarise({ ...scenario, layer: 'browser' }, run.outcomes, notes);
        if (!run.poolAliveAfter) (summary.problems.push('pool dead after the batch'), (summary.verdict = 'FINDING'));
        report(summary);
      }
    } finally {
      await rig.stop();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const durationS = (performance.now() - started) / 1000;
const table = consoleTable(summaries);
process.stdout.write(`\n${table}\n`);
await mkdir(OUT_DIR, { recursive: true });
const markdown = markdownReport(summaries, { date: new Date().toISOString().slice(0, 16).replace('T', ' '), n, tier: 2, durationS });
await writeFile(join(OUT_DIR, 'report.md'), markdown);
await writeFile(join(OUT_DIR, 'results.json'), `${JSON.stringify(summaries, null, 2)}\n`);
process.stdout.write(`\nWrote ${join('fault-results', 'report.md')} and results.json (${durationS.toFixed(0)} s).\n`);

/** One scenario in a fresh Node process: each realm memoises resvg, vips and the model once. */
function coreInChild(scenario: CoreScenario, corpus: FaultInput[]): Promise<Outcome[]> {
  const limitMs = (scenario.watchdogMs ?? 60_000) * (scenario.concurrent ? 1 : corpus.length) + 60_000;
  return new Promise((resolve) => {
    execFile(TSX, [CHILD, scenario.id, dir], { cwd: ROOT, timeout: limitMs, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Outcome[]);
      } catch {
        const reason = error ? `child failed: ${error.message.split('\n')[0]} ${stderr.slice(-300)}` : 'no output';
        resolve(corpus.map((input) => ({ ...hung(input.name, limitMs), message: reason })));
      }
    });
  });
}
