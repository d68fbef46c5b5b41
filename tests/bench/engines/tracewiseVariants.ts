import { optimizeSvg } from '../../../src/core/optimize/optimizeSvg';
import { TRACEWISE_DEFAULTS, type TracewiseParams } from '../../../src/core/trace/tracewise/params';
import { traceToSvg } from '../../../src/core/trace/tracewise/tracewiseEngine';
import type { BenchEngine } from './benchEngine';

/** The Tracewise engine with some parameters changed, traced and polished like tier 2: for
 * before/after comparisons of one engine feature (e.g. gradients off) in the same run. */
function tracewiseVariant(id: string, label: string, overrides: Partial<TracewiseParams>): BenchEngine {
  return {
    id,
    label,
    kind: 'anchor',
    nodeOnly: false,
    init: async () => {},
    async convert({ decode }) {
      return optimizeSvg(traceToSvg(decode(), { ...TRACEWISE_DEFAULTS, ...overrides }, 1), 1);
    },
  };
}

/** Not run unless named with --anchors. */
export const VARIANTS: readonly BenchEngine[] = [
  tracewiseVariant('tracewise-no-gradients', 'Tracewise, gradients off (flat bands)', { gradients: false }),
];
