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

/** sha256 per model file, from the manifest this worker last loaded (memoised; a failed load
 * is not kept, so the next model load asks again). */
let manifestSha: Promise<Record<string, string>> | null = null;

function modelShas(host: Host): Promise<Record<string, string>> {
  manifestSha ??= host.loadModelAsset!('models/manifest.json').then(shaByFile, (error: unknown) => {
    manifestSha = null;
    throw error;
  });
  return manifestSha;
}

export const browserHost: Host = {
  async loadAsset(name) {
    const response = await fetch(ASSET_URLS[name]);
    if (!response.ok) throw new Error(`Could not load ${name}: HTTP ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  },
  async loadModelAsset(name) {
    if (name === 'models/manifest.json') {
      // Always asked for afresh (it names the current model versions); offline, its stored copy.
      const bytes = await loadModelFile(name, modelUrl(name), null);
      manifestSha = Promise.resolve(shaByFile(bytes));
      return bytes;
    }
    // Any model file the manifest lists (classifier.onnx, params.onnx, …), by its sha256; one it
    // does not list is fetched unverified, and the core refuses it.
    const sha = (await modelShas(browserHost))[name.replace(/^models\//, '')] ?? null;
    return loadModelFile(name, modelUrl(name), sha);
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
