import type { Host, ModelAssetName } from '../../src/core';
import { nodeHost } from '../../src/cli/nodeHost';

/** The Node host with model files swapped (bytes) or failing (an Error), the others as shipped. */
export function hostWith(overrides: Partial<Record<ModelAssetName, Uint8Array | Error>>): Host {
  return {
    ...nodeHost,
    async loadModelAsset(name) {
      const override = overrides[name];
      if (override instanceof Error) throw override;
      return override ?? nodeHost.loadModelAsset!(name);
    },
  };
}
