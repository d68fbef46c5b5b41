import type { Raster } from '../../../src/core';

/** What every engine in the bench is given: the PNG's bytes and, decoded once, its pixels. */
export interface BenchInput {
  png: Uint8Array;
  /** Decodes the PNG with the core's decoder; engines that take pixels call it inside their
   * timed span, so every engine is timed from PNG bytes to SVG text. */
  decode(): Raster;
}

export interface BenchEngine {
  /** Stable id used in tables, JSON and CLI flags (e.g. `tier2`, `imagetracer-default`). */
  id: string;
  label: string;
  kind: 'tracewise' | 'anchor';
  /** Runs only in Node (no browser build exists); reported as a speed reference. */
  nodeOnly: boolean;
  init(): Promise<void>;
  convert(input: BenchInput): Promise<string>;
}
