import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AssetName, Host } from '../core';

const require = createRequire(import.meta.url);

/** Where each asset lives in a Node install: the same bytes the browser build serves. */
const ASSET_PATHS: Record<AssetName, () => string> = {
  'resvg.wasm': () => require.resolve('@resvg/resvg-wasm/index_bg.wasm'),
};

export const nodeHost: Host = {
  async loadAsset(name) {
    return new Uint8Array(await readFile(ASSET_PATHS[name]()));
  },
};
