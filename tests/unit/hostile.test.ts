// Hostile and odd inputs through the core API and through the CLI: each ends with a correct SVG
// or a ConvertError with a stable code and a human message, in bounded time.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { convert, ConvertError, decodeInput, ERROR_CODES, prepareCore, type ConvertResult } from '../../src/core';
import { loadRenderer, renderSvg } from '../../src/core/quality/renderSvg';
import { scoreRaster } from '../../src/core/quality/scoreRaster';
import { fixtureVips, signal } from './fixtures';
import { pngWithClaimedSize } from './pngBytes';
import { hostileCases, humanMessageProblem, pngChunks, renderStraight, type HostileCase } from './hostileInputs';
import { assertSafeSvg } from './svgSafety';

const cases = await hostileCases();

function expectHumanMessage(message: string): void {
  expect(humanMessageProblem(message), JSON.stringify(message)).toBeNull();
}

async function outcome(c: HostileCase): Promise<{ result: ConvertResult | null; error: unknown; ms: number }> {
  const started = performance.now();
  try {
    return { result: await convert(signal(), c.bytes, {}, nodeHost), error: null, ms: performance.now() - started };
  } catch (error) {
    return { result: null, error, ms: performance.now() - started };
  }
}

/** The SVG drawn at the source size must look like the upright source image. */
function expectMatches(c: HostileCase, result: ConvertResult): void {
  if (!c.expect.ok) throw new Error('not an ok case');
  const { truth, minSsim, maxMae } = c.expect;
  expect([result.width, result.height]).toEqual([truth.width, truth.height]);
  assertSafeSvg(result.svg, c.name);
  const quality = scoreRaster(truth, renderStraight(result.svg, truth.width, truth.height));
  expect(quality.ssim, `${c.name} SSIM vs the upright source`).toBeGreaterThanOrEqual(minSsim);
  expect(quality.mae, `${c.name} colour error`).toBeLessThanOrEqual(maxMae);
}

describe('hostile inputs through convert()', () => {
  beforeAll(async () => {
    await prepareCore(nodeHost); // wasm start-up is not part of any case's time bound
    await loadRenderer(nodeHost);
  });

  it('the generated fixtures are what their names claim', async () => {
    const vips: any = await fixtureVips();
    const bytes = (name: string) => cases.find((c) => c.name === name)!.bytes;
    const header = (name: string, options: Record<string, unknown> = {}) => vips.Image.newFromBuffer(bytes(name), '', options);
    const cmyk = header('cmyk.jpg');
    expect([cmyk.interpretation, cmyk.bands]).toEqual(['cmyk', 4]);
    const rotated = header('exif-rotated.jpg');
    expect([rotated.width, rotated.height, rotated.getInt('orientation')]).toEqual([80, 120, 6]);
    const gif = header('animated.gif', { n: -1 });
    expect(gif.getInt('n-pages')).toBe(2);
    const sixteen = header('rgba16.png');
    expect([sixteen.format, sixteen.bands]).toEqual(['ushort', 4]);
    const grey = header('grey.png');
    expect(grey.bands).toBe(2);
    [cmyk, rotated, gif, sixteen, grey].forEach((image) => image.delete());
    const interlaced = bytes('interlaced.png');
    expect(interlaced[8 + 8 + 12]).toBe(1); // IHDR interlace method: Adam7
    expect(pngChunks(bytes('palette-trns.png')).map((chunk) => chunk.type)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
  });

  for (const c of cases) {
    const check = c.knownBug ? it.fails : it;
    const title = c.expect.ok ? `${c.name}: a matching SVG` : `${c.name}: ${c.expect.code}`;
    check(`${title}${c.knownBug ? ` — known bug: ${c.knownBug}` : ''}`, async () => {
      const { result, error, ms } = await outcome(c);
      expect(ms, `${c.name} took ${ms.toFixed(0)} ms`).toBeLessThan(c.maxMs);
      if (error !== null) {
        expect(error).toBeInstanceOf(ConvertError);
        expect(ERROR_CODES).toContain((error as ConvertError).code);
        expectHumanMessage((error as ConvertError).message);
      }
      if (c.expect.ok) {
        expect(error).toBeNull();
        expectMatches(c, result!);
        if (c.fallbackFrom) expect(result!.fallback?.from, `${c.name} fallback`).toBe(c.fallbackFrom);
      } else {
        expect((error as ConvertError | null)?.code).toBe(c.expect.code);
      }
    });
  }

  it('refuses the 60000×60000 header from decodeInput alone, without allocating it', async () => {
    const bomb = cases.find((c) => c.name.startsWith('claims-'))!;
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const error = await decodeInput(signal(), bomb.bytes, {}, nodeHost).catch((e: unknown) => e);
    expect((error as ConvertError).code).toBe('TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 2 ** 20); // 14 GB if it had been
  });

  it('a header within maxPixels that vips cannot allocate is TOO_LARGE, not a "damaged" file', async () => {
    // 20,000,000×2 is exactly the default 40 MP limit; its line buffers exceed the wasm heap.
    const error = await decodeInput(signal(), pngWithClaimedSize(20_000_000, 2), {}, nodeHost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvertError);
    expect((error as ConvertError).code).toBe('TOO_LARGE');
    expect((error as ConvertError).message).toMatch(/^The image is too large to decode in the memory available/);
  });

  it('the EXIF-rotated JPEG comes out upright (red block top left, blue disc bottom right)', async () => {
    const c = cases.find((x) => x.name === 'exif-rotated.jpg')!;
    const result = await convert(signal(), c.bytes, {}, nodeHost);
    const drawn = renderStraight(result.svg, result.width, result.height);
    const at = (x: number, y: number) => Array.from(drawn.data.subarray((y * drawn.width + x) * 4, (y * drawn.width + x) * 4 + 3));
    const [r1, , b1] = at(20, 15);
    const [r2, , b2] = at(95, 55);
    expect(r1).toBeGreaterThan(180);
    expect(b1).toBeLessThan(90);
    expect(b2).toBeGreaterThan(180);
    expect(r2).toBeLessThan(90);
  });

  // Found by palette-trns.png (its 50%-alpha stripe): resvg's `pixels` are premultiplied; renderSvg
  // now un-premultiplies them, as a straight-alpha Raster must be.
  it('renderSvg returns straight (not premultiplied) alpha', () => {
    const half = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#1d4ed8" fill-opacity=".5"/></svg>';
    const [r, g, b, a] = Array.from(renderSvg(half, 4, 4).data.subarray(0, 4)); // premultiplied: [15, 39, 108, 128]
    expect(a).toBe(128);
    // Un-premultiplying 8-bit values is exact to ±1 (15·255/128 = 29.9).
    [r - 29, g - 78, b - 216].forEach((d) => expect(Math.abs(d)).toBeLessThanOrEqual(1));
  });

  // The root keeps width/height of the source but a viewBox of the working raster, whose aspect
  // is rounded (8000×50 → 1024×6 is 170.7:1, not 160:1): preserveAspectRatio="none" on the root
  // keeps the drawing from being letterboxed.
  it('a very wide image fills its height (no letterboxing)', async () => {
    const c = cases.find((x) => x.name === 'wide-8000x50.png')!;
    const result = await convert(signal(), c.bytes, {}, nodeHost);
    const drawn = renderStraight(result.svg, result.width, result.height);
    const alphaAt = (x: number, y: number) => drawn.data[(y * drawn.width + x) * 4 + 3];
    expect([alphaAt(4000, 0), alphaAt(4000, 49)]).toEqual([255, 255]); // the orange bar spans the full height
  });
});

describe('hostile inputs through the CLI, in one batch', () => {
  const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
  const MAIN = join(process.cwd(), 'src/cli/main.ts');

  it('prints one JSON line per file in order, writes every good file, exits 1, no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tracewise-hostile-'));
    for (const c of cases) await writeFile(join(dir, c.name), c.bytes);
    const names = cases.map((c) => c.name);
    const started = performance.now();
    const { code, stdout, stderr } = await promisify(execFile)(TSX, [MAIN, '--json', '--concurrency', '2', '--out', 'out', ...names], {
      cwd: dir,
      timeout: 120_000,
    }).then(
      (done) => ({ code: 0, ...done }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );
    expect(performance.now() - started).toBeLessThan(90_000);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/\n\s+at |Error:|VIPS-WARNING|\[object /);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.file)).toEqual(names);
    for (const [index, c] of cases.entries()) {
      const line = lines[index];
      if (c.expect.ok) {
        expect(line, c.name).toMatchObject({ ok: true, error: null, svg: join('out', c.name.replace(/\.\w+$/, '.svg')) });
        const svg = await readFile(join(dir, line.svg), 'utf8');
        expect(Buffer.byteLength(svg)).toBe(line.bytes);
        expect(svg).toContain(`width="${c.expect.truth.width}" height="${c.expect.truth.height}"`);
        assertSafeSvg(svg, line.svg);
      } else {
        expect(line, c.name).toMatchObject({ ok: false, svg: null, error: { code: c.expect.code } });
        expectHumanMessage(line.error.message);
      }
    }
  });
});
