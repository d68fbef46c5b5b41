import ImageTracer, { type ImageTracerOptions } from 'imagetracerjs';
import type { Raster } from '../../types';
import type { TraceEngine } from '../engine';

export type ImagetracerParams = Required<
  Pick<ImageTracerOptions, 'numberofcolors' | 'ltres' | 'qtres' | 'pathomit' | 'colorquantcycles' | 'strokewidth' | 'blurradius'>
>;

/**
 * imagetracerjs's presets assume one image size: its thresholds are in pixels. We scale the
 * speckle filter (pathomit, in path points) and the line/curve tolerances with the image's
 * longest side, relative to the 256 px icons the presets behave well on.
 */
export function imagetracerDefaults(raster: Raster): ImagetracerParams {
  const relative = Math.max(raster.width, raster.height) / 256;
  return {
    numberofcolors: 16,
    ltres: round2(Math.max(0.5, relative)),
    qtres: round2(Math.max(0.5, relative)),
    pathomit: Math.round(Math.min(32, Math.max(1, 8 * relative))),
    colorquantcycles: 3,
    strokewidth: 1,
    blurradius: 0,
  };
}

export const imagetracerEngine: TraceEngine<ImagetracerParams> = {
  id: 'imagetracer',
  defaultParams: imagetracerDefaults,
  async trace(raster, params) {
    // colorsampling 2 (deterministic grid sampling): the other samplers use Math.random.
    const options = ImageTracer.checkoptions({ ...params, colorsampling: 2, viewbox: true, desc: false, roundcoords: 2 });
    const tracedata = ImageTracer.imagedataToTracedata(raster, options);
    // Fully transparent palette entries would be written as opacity="0" paths: pure bytes.
    tracedata.palette.forEach((colour, index) => {
      if (colour.a === 0) tracedata.layers[index] = [];
    });
    return { svg: ImageTracer.getsvgstring(tracedata, options) };
  },
};

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
