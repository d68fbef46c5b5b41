// imagetracerjs ships no types; only what we call is declared.
declare module 'imagetracerjs' {
  export interface ImageTracerOptions {
    ltres?: number;
    qtres?: number;
    pathomit?: number;
    rightangleenhance?: boolean;
    colorsampling?: 0 | 1 | 2;
    numberofcolors?: number;
    mincolorratio?: number;
    colorquantcycles?: number;
    layering?: 0 | 1;
    strokewidth?: number;
    linefilter?: boolean;
    scale?: number;
    roundcoords?: number;
    viewbox?: boolean;
    desc?: boolean;
    blurradius?: number;
    blurdelta?: number;
  }
  export interface TraceData {
    layers: unknown[][];
    palette: { r: number; g: number; b: number; a: number }[];
    width: number;
    height: number;
  }
  interface ImageData {
    width: number;
    height: number;
    data: Uint8ClampedArray;
  }
  const ImageTracer: {
    imagedataToSVG(imgd: ImageData, options?: ImageTracerOptions | string): string;
    imagedataToTracedata(imgd: ImageData, options?: ImageTracerOptions | string): TraceData;
    getsvgstring(tracedata: TraceData, options: ImageTracerOptions): string;
    checkoptions(options?: ImageTracerOptions | string): Required<ImageTracerOptions>;
    optionpresets: Record<string, ImageTracerOptions>;
  };
  export default ImageTracer;
}
