import { nodeHost } from '../../../src/cli/nodeHost';
import { convert, prepareCore, type Tier } from '../../../src/core';
import type { BenchEngine } from './benchEngine';

/** Tracewise at one tier, through the same `convert` the CLI and the app call. Its own quality
 * measurement is switched off here: the harness scores every engine with one shared code path. */
export function tracewiseTier(tier: Tier): BenchEngine {
  return {
    id: `tier${tier}`,
    label: `Tracewise tier ${tier}`,
    kind: 'tracewise',
    nodeOnly: false,
    init: () => prepareCore(nodeHost),
    async convert({ png }) {
      const result = await convert(new AbortController().signal, png, { tier, measureQuality: false }, nodeHost);
      return result.svg;
    },
  };
}
