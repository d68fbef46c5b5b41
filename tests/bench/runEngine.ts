import { decodeImage } from '../../src/core/decode/decodeImage';
import type { VipsModule } from '../../src/core/decode/loadVips';
import { utf8Bytes } from '../../src/core/svg/svgRoot';
import type { Raster } from '../../src/core';
import type { BenchEngine } from './engines/benchEngine';
import { scoreSvg } from './score';
import { median } from './stats';

export interface ImageRun {
  id: string;
  engine: string;
  ok: boolean;
  error: string | null;
  ssim: number;
  mae: number;
  alphaMae: number;
  bytes: number;
  sizeRatio: number;
  pathCount: number;
  /** Median wall and CPU time of the timed repetitions, PNG bytes → SVG text. */
  ms: number;
  cpuMs: number;
  svg: string;
}

/** Runs one engine on one image `reps` times, keeps the median time, scores the last output. */
export async function runEngineOnImage(
  engine: BenchEngine,
  vips: VipsModule,
  png: Uint8Array,
  original: Raster,
  item: { id: string; groundTruthBytes: number },
  reps: number,
): Promise<ImageRun> {
  const input = { png, decode: () => decodeImage(vips, png, { maxSide: 4096, maxPixels: 40_000_000 }).raster };
  const wall: number[] = [];
  const cpu: number[] = [];
  let svg = '';
  try {
    for (let i = 0; i < reps; i++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      svg = await engine.convert(input);
      wall.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    const score = scoreSvg(svg, original);
    const bytes = utf8Bytes(svg);
    return {
      id: item.id,
      engine: engine.id,
      ok: true,
      error: null,
      ...score,
      bytes,
      sizeRatio: bytes / item.groundTruthBytes,
      ms: median(wall),
      cpuMs: median(cpu),
      svg,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: item.id, engine: engine.id, ok: false, error: message, ssim: 0, mae: 255, alphaMae: 255, bytes: 0, sizeRatio: 0, pathCount: 0, ms: 0, cpuMs: 0, svg: '' };
  }
}
