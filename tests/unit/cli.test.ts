import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { logoSvg, pngFromSvg } from './fixtures';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const MAIN = join(process.cwd(), 'src/cli/main.ts');

/** Runs the CLI as a user would; resolves with the exit code instead of throwing on non-zero. */
async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [MAIN, ...args], { cwd, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const CONTRACT_KEYS = ['bytes', 'class', 'confidence', 'engine', 'error', 'fallback', 'file', 'ms', 'ok', 'paramSource', 'quality', 'search', 'svg', 'tier'];

describe('convert CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tracewise-cli-'));
    const png = await pngFromSvg(logoSvg(96));
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'a')));
    await writeFile(join(dir, 'logo.png'), png);
    await writeFile(join(dir, 'a', 'logo.png'), png);
    await writeFile(join(dir, 'broken.png'), 'this is text, not a PNG');
  });

  it('prints one JSON line per input in input order, writes every SVG, exits 1 when one failed', async () => {
    const { code, stdout } = await cli(['--json', '--tier', '1', '--out', 'out', 'logo.png', 'a/logo.png', 'broken.png'], dir);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.file)).toEqual(['logo.png', 'a/logo.png', 'broken.png']);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(CONTRACT_KEYS);
    const [first, second, broken] = lines;
    expect(first).toMatchObject({ ok: true, svg: join('out', 'logo.svg'), tier: 1, engine: 'tracewise', paramSource: 'plain', search: null, error: null, fallback: null });
    expect(second).toMatchObject({ ok: true, svg: join('out', 'logo-2.svg') }); // no silent overwrite
    expect(first.quality.ssim).toBeGreaterThan(0.8);
    expect(first.ms).toBeGreaterThan(0);
    expect(broken).toMatchObject({ ok: false, svg: null, error: { code: 'INVALID_IMAGE' } });
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['logo-2.svg', 'logo.svg']);
    const written = await readFile(join(dir, 'out', 'logo.svg'), 'utf8');
    expect(Buffer.byteLength(written)).toBe(first.bytes);
    expect(written).toMatch(/^<svg [^>]*viewBox="0 0 96 96"/);
  });

  it('at tier 3 the JSON line shows the search (candidates tried of planned) and who chose the parameters', async () => {
    const { code, stdout } = await cli(['--json', '--tier', '3', '--out', 'tier3', 'logo.png'], dir);
    expect(code).toBe(0);
    const line = JSON.parse(stdout);
    expect(line).toMatchObject({ ok: true, tier: 3, fallback: null });
    expect(['model', 'preset']).toContain(line.paramSource);
    expect(line.search.planned).toBeGreaterThan(1);
    expect(line.search.tried).toBeGreaterThanOrEqual(1);
    expect(line.search.tried).toBeLessThanOrEqual(line.search.planned);
    expect(line.search.target).toBeGreaterThan(0.9);
    expect(typeof line.search.stoppedByDeadline).toBe('boolean');
  });

  it('--deadline sets the time budget: at 0.1 s tier 3 stops early instead of running its whole search', async () => {
    const { code, stdout } = await cli(['--json', '--tier', '3', '--deadline', '0.1', '--out', 'budget', 'logo.png'], dir);
    expect(code).toBe(0);
    const line = JSON.parse(stdout);
    expect(line.ok).toBe(true);
    // Which of the two depends on how far the worker got in 100 ms; the default 15 s budget
    // gives neither on this 96 px logo (test above: fallback null, search run to its plan).
    const stoppedEarly = line.fallback?.from === 'deadline' || line.search?.stoppedByDeadline === true;
    expect(stoppedEarly).toBe(true);
  });

  it('exits 0 with readable lines when every file converts', async () => {
    const { code, stdout } = await cli(['--out', 'plain', 'logo.png'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ logo\.png → plain\/logo\.svg \(\d+ B, [\d.]+ ms, SSIM 0\.\d{3}, tier 2, tracewise\)\n$/);
  });

  it('prints per-operation timing stats on stderr with --stats, keeping stdout one line per file', async () => {
    const { code, stdout, stderr } = await cli(['--json', '--stats', '--out', 'stats', 'logo.png', 'broken.png'], dir);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/operation +count +failed +p50 ms/);
    expect(stderr).toMatch(/\n +tier2 +2 +1 /); // one success, one failure
    expect(stderr).toMatch(/\n +decode +1 +0 /);
  });

  it('exits 2 on usage errors and documents itself with --help', async () => {
    const bad = await cli(['--tier', '5', 'logo.png'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tier must be 1, 2 or 3');
    const badBudget = await cli(['--deadline', '0', 'logo.png'], dir);
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toContain('--deadline must be a number of seconds');
    expect((await cli([], dir)).code).toBe(2);
    const help = await cli(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--concurrency N');
  });
});
