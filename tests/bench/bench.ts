// `npm run bench -- [--tiers 1,2,3] [--anchors …] [--categories …] [--subset N] [--reps N] [--split test]`
// Runs Tracewise's tiers and the anchor tracers on the same corpus images, scores them all with
// the same code, and writes report.md, results.json and index.html (with every SVG) to --out.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../../src/cli/nodeHost';
import { prepareCore } from '../../src/core';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { summarise } from './aggregate';
import { parseBenchArgs } from './args';
import { loadCorpus, pickSubset, pngPath } from './corpus';
import { ANCHORS, NAMEABLE, tierEngines } from './engines/registry';
import { beforeAfterSection, loadEarlierRuns, type EarlierRun } from './report/beforeAfter';
import { htmlReport } from './report/html';
import { markdownReport } from './report/markdown';
import { runEngineOnImage, type ImageRun } from './runEngine';

const WARM_UP_IMAGES = 3;

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const corpus = loadCorpus(args.corpusDir, args.size);
  const eligible = corpus.items.filter(
    (item) => (args.split === 'all' || item.split === args.split) && args.categories.includes(item.category),
  );
  const items = pickSubset(eligible, args.subset);
  const unknown = (args.anchors ?? []).filter((id) => !NAMEABLE.some((e) => e.id === id));
  if (unknown.length > 0) throw new Error(`Unknown --anchors: ${unknown.join(', ')} (known: ${NAMEABLE.map((e) => e.id).join(', ')})`);
  const anchors = args.anchors === null ? ANCHORS : NAMEABLE.filter((a) => args.anchors!.includes(a.id));
  const engines = [...tierEngines(args.tiers), ...anchors];
  const before = args.beforeDir ? loadEarlierRuns(args.beforeDir, engines.map((e) => e.id)) : [];
  if (items.length === 0 || engines.length === 0) throw new Error('Nothing to run: no images or no engines selected.');
  const labels = new Map(engines.map((engine) => [engine.id, engine.label + (engine.nodeOnly ? ' (Node only)' : '')]));

  await prepareCore(nodeHost);
  const vips = await loadVips(nodeHost);
  const inputs = items.map((item) => {
    const png = new Uint8Array(readFileSync(pngPath(corpus, item)));
    return { item, png, original: decodeImage(vips, png, { maxSide: 4096, maxPixels: 40_000_000 }).raster };
  });

  const runs: ImageRun[] = [];
  for (const engine of engines) {
    await engine.init();
    // Warm-up: JIT, wasm compilation and caches, on a few images, untimed.
    for (const input of inputs.slice(0, WARM_UP_IMAGES)) await runEngineOnImage(engine, vips, input.png, input.original, input.item, 1);
    const started = performance.now();
    for (const [index, input] of inputs.entries()) {
      runs.push(await runEngineOnImage(engine, vips, input.png, input.original, input.item, args.reps));
      if (process.stderr.isTTY) process.stderr.write(`\r${engine.id}: ${index + 1}/${inputs.length}`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}${engine.id}: ${inputs.length} images in ${seconds} s\n`);
  }

  const rows = summarise(runs, items, engines.map((e) => e.id));
  const info = {
    date: new Date().toISOString(),
    machine: `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    images: items.length,
    split: args.split,
    size: args.size,
    reps: args.reps,
  };
  writeOutputs(args.outDir, info, rows, runs, items, engines.map((e) => e.id), labels, corpus, inputs.map((i) => i.item), before, args.beforeDir);
  console.log(markdownReport(info, rows, labels));
  console.log(`\nReport: ${join(args.outDir, 'index.html')}`);
}

function writeOutputs(
  outDir: string,
  info: Parameters<typeof markdownReport>[0],
  rows: ReturnType<typeof summarise>,
  runs: ImageRun[],
  items: Parameters<typeof htmlReport>[3],
  engineIds: string[],
  labels: Map<string, string>,
  corpus: ReturnType<typeof loadCorpus>,
  picked: typeof items,
  before: EarlierRun[] = [],
  beforeDir: string | null = null,
): void {
  mkdirSync(join(outDir, 'png'), { recursive: true });
  for (const id of engineIds) mkdirSync(join(outDir, 'svg', id), { recursive: true });
  for (const item of picked) copyFileSync(pngPath(corpus, item), join(outDir, 'png', `${item.id}.png`));
  for (const run of runs) if (run.ok) writeFileSync(join(outDir, 'svg', run.engine, `${run.id}.svg`), run.svg);
  writeFileSync(join(outDir, 'report.md'), markdownReport(info, rows, labels) + '\n');
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ info, summary: rows, runs: runs.map(({ svg, ...rest }) => rest) }, null, 1));
  for (const run of before) {
    mkdirSync(join(outDir, 'svg-before', run.engine), { recursive: true });
    writeFileSync(join(outDir, 'svg-before', run.engine, `${run.id}.svg`), run.svg);
  }
  const comparison = beforeDir ? beforeAfterSection(before, runs, items, beforeDir) : '';
  writeFileSync(join(outDir, 'index.html'), htmlReport(info, rows, runs, items, engineIds, labels, comparison));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
