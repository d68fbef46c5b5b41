import type { TraceEngine } from './engine';
import { imagetracerEngine } from './imagetracer/imagetracerEngine';
import { tracewiseEngine } from './tracewise/tracewiseEngine';

/** Every engine the pipeline can pick, by id. A new engine is a new folder plus one line here. */
export const ENGINES: Readonly<Record<string, TraceEngine<object>>> = {
  [imagetracerEngine.id]: imagetracerEngine as TraceEngine<object>,
  [tracewiseEngine.id]: tracewiseEngine as TraceEngine<object>,
};

export const DEFAULT_ENGINE_ID = imagetracerEngine.id;
