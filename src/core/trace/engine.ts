import type { Raster } from '../types';

/** What every tracing engine returns: an SVG whose viewBox is the raster's pixel grid. */
export interface TraceOutput {
  svg: string;
}

/** What the pipeline knows that an engine may use: decimals that keep rounding under ~0.1
 * source pixel (the working raster may be a scaled-down copy). */
export interface TraceHints {
  precision: number;
}

/**
 * One folder per engine under trace/, each exporting one of these. Parameters are plain data so
 * they can be shown, logged, and chosen by a model.
 */
export interface TraceEngine<Params extends object = Record<string, unknown>> {
  readonly id: string;
  /** Parameters suited to this raster's size when nothing better is known. */
  defaultParams(raster: Raster): Params;
  trace(raster: Raster, params: Params, hints: TraceHints): Promise<TraceOutput>;
}
