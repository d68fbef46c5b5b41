// `npm run --silent convert -- [--tier 1|2|3] [--deadline S] [--out DIR] [--json] [--concurrency N] FILE...`
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCliArgs, UsageError, USAGE, type CliArgs } from './args';
import { expandInputs, outputNames } from './inputs';
import { failureReport, humanLine, successReport, type FileReport } from './report';
import { CliWorkerPool } from './workerPool';
import { PerformanceMonitor } from '../core';
import { statsTable } from './statsTable';

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const files = await expandInputs(args.inputs);
  if (files.length === 0) {
    process.stderr.write('No image files found in the given folders.\n');
    return 2;
  }
  await mkdir(args.outDir, { recursive: true });
  const monitor = new PerformanceMonitor();
  const reports = await convertAll(files, args, monitor);
  if (args.stats) process.stderr.write(statsTable(monitor.stats()));
  return reports.every((report) => report.ok) ? 0 : 1;
}

/** Converts in parallel, prints in input order as soon as each file's turn comes. */
async function convertAll(files: string[], args: CliArgs, monitor: PerformanceMonitor): Promise<FileReport[]> {
  const names = outputNames(files);
  // The core's deadline is soft (checked between stages); this hard limit ends a stuck worker.
  // Looser than the page's hardDeadlineMs: no one is watching a spinner, and on a loaded 2-core
  // machine a healthy conversion can overrun its budget by seconds — a kill would lose its SVG.
  const hardTimeoutMs = args.deadlineMs * 2 + 30_000;
  const pool = new CliWorkerPool(Math.min(args.concurrency, files.length), { hardTimeoutMs });
  const progress = new Progress(files.length, !args.json && files.length > 1);
  const reports: (FileReport | undefined)[] = new Array(files.length);
  let printed = 0;
  const flush = (): void => {
    while (printed < files.length && reports[printed]) {
      const report = reports[printed++]!;
      progress.clear();
      process.stdout.write(`${args.json ? JSON.stringify(report) : humanLine(report)}\n`);
    }
    progress.draw();
  };
  try {
    await Promise.all(
      files.map(async (file, index) => {
        reports[index] = await convertOne(pool, file, join(args.outDir, names[index]), index, args, monitor);
        progress.done(reports[index]!.ok);
        flush();
      }),
    );
  } finally {
    progress.clear();
    await pool.close();
  }
  return reports as FileReport[];
}

async function convertOne(pool: CliWorkerPool, file: string, svgPath: string, id: number, args: CliArgs, monitor: PerformanceMonitor): Promise<FileReport> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file.' : (error as Error).message;
    return failureReport(file, args.tier, { code: 'FILE_UNREADABLE', message: `Cannot read the file: ${reason}` });
  }
  const reply = await pool.run({ id, bytes, options: { tier: args.tier, deadlineMs: args.deadlineMs } });
  if (!reply.ok) {
    monitor.recordFailure(args.tier, reply.ms);
    return failureReport(file, args.tier, reply.error);
  }
  monitor.recordResult(reply.result);
  try {
    await writeFile(svgPath, reply.result.svg);
  } catch (error) {
    return failureReport(file, args.tier, { code: 'INTERNAL', message: `Cannot write ${svgPath}: ${(error as Error).message}` });
  }
  return successReport(file, svgPath, reply.result, reply.ms);
}

/** "[12/300] 11 ok, 1 failed" on stderr, redrawn in place when stderr is a terminal. */
class Progress {
  private finished = 0;
  private failed = 0;
  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}
  done(ok: boolean): void {
    this.finished++;
    if (!ok) this.failed++;
  }
  draw(): void {
    if (!this.enabled) return;
    const line = `[${this.finished}/${this.total}] ${this.finished - this.failed} ok, ${this.failed} failed`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
  }
  clear(): void {
    if (this.enabled && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tracewise: unexpected failure: ${(error as Error)?.message ?? error}\n`);
    process.exitCode = 1;
  },
);
