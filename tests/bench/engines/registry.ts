import type { BenchEngine } from './benchEngine';
import { imagetracerDefault } from './imagetracerDefault';
import { potraceAnchor } from './potrace';
import { tracewiseTier } from './tracewiseTiers';
import { vtracerNative, vtracerWasmPolygon } from './vtracer';

export const ANCHORS: readonly BenchEngine[] = [imagetracerDefault, potraceAnchor, vtracerNative, vtracerWasmPolygon];

export function tierEngines(tiers: number[]): BenchEngine[] {
  return tiers.map((tier) => tracewiseTier(tier as 1 | 2 | 3));
}
