import resvgWasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { AssetName, Host, ModelAssetName } from '../core';
import { loadModelFile } from './modelCache';

/** Each asset is emitted by Vite into the app's own origin (no CDN: the page is COEP-isolated
 * and must work offline later). */
const ASSET_URLS: Record<AssetName, string> = {
  'resvg.wasm': resvgWasmUrl,
};

/** public/ is served at the app's base URL. */
const modelUrl = (name: ModelAssetName): string => `${import.meta.env.BASE_URL}${name}`;

let manifestSha: Promise<Record<string, string>> | null = null;

export const browserHost: Host = {
  async loadAsset(name) {
    const response = await fetch(ASSET_URLS[name]);
    if (!response.ok) throw new Error(`Could not load ${name}: HTTP ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  },
  async loadModelAsset(name) {
    if (name === 'models/manifest.json') {
      const bytes = await loadModelFile(name, modelUrl(name), null);
      manifestSha = Promise.resolve(shaByFile(bytes));
      return bytes;
    }
    const shas = await (manifestSha ??= this.loadModelAsset!('models/manifest.json').then(shaByFile));
    return loadModelFile(name, modelUrl(name), shas[name.replace(/^models\//, '')] ?? null);
  },
  // One served copy of onnxruntime's wasm; numThreads is 1, so no thread workers start.
  ortWasmPaths: { wasm: ortWasmUrl },
};

/** sha256 per model file name, from the manifest (which the core validates in full). */
function shaByFile(bytes: Uint8Array): Record<string, string> {
  try {
    const manifest = JSON.parse(new TextDecoder().decode(bytes)) as { models?: { file?: string; sha256?: string }[] };
    return Object.fromEntries((manifest.models ?? []).flatMap((m) => (m.file && m.sha256 ? [[m.file, m.sha256]] : [])));
  } catch {
    return {};
  }
}
