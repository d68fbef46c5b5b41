import type { BenchEngine } from './benchEngine';
import { imagetracerDefault } from './imagetracerDefault';
import { potraceAnchor } from './potrace';
import { tracewiseTier } from './tracewiseTiers';
import { VARIANTS } from './tracewiseVariants';
import { vtracerNative, vtracerWasmPolygon } from './vtracer';

export const ANCHORS: readonly BenchEngine[] = [imagetracerDefault, potraceAnchor, vtracerNative, vtracerWasmPolygon];

/** Everything --anchors may name: the anchors (run by default) and engine variants (on request). */
export const NAMEABLE: readonly BenchEngine[] = [...ANCHORS, ...VARIANTS];

export function tierEngines(tiers: number[]): BenchEngine[] {
  return tiers.map((tier) => tracewiseTier(tier as 1 | 2 | 3));
}
