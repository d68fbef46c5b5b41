import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AssetName, Host } from '../core';

const require = createRequire(import.meta.url);

/** Where each asset lives in a Node install: the same bytes the browser build serves. */
const ASSET_PATHS: Record<AssetName, () => string> = {
  'resvg.wasm': () => require.resolve('@resvg/resvg-wasm/index_bg.wasm'),
};

/** The browser build serves public/ at its root; Node reads the same files from the repo. */
const PUBLIC_DIR = new URL('../../public/', import.meta.url);

export const nodeHost: Host = {
  async loadAsset(name) {
    return new Uint8Array(await readFile(ASSET_PATHS[name]()));
  },
  async loadModelAsset(name) {
    return new Uint8Array(await readFile(fileURLToPath(new URL(name, PUBLIC_DIR))));
  },
};
