import resvgWasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import type { AssetName, Host } from '../core';

/** Each asset is emitted by Vite into the app's own origin (no CDN: the page is COEP-isolated
 * and must work offline later). */
const ASSET_URLS: Record<AssetName, string> = {
  'resvg.wasm': resvgWasmUrl,
};

export const browserHost: Host = {
  async loadAsset(name) {
    const response = await fetch(ASSET_URLS[name]);
    if (!response.ok) throw new Error(`Could not load ${name}: HTTP ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  },
};
