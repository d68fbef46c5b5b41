/**
 * How the core gets bytes it does not compute: wasm binaries and (later) models. The browser
 * fetches them from the app's origin, Node reads them from node_modules and public/. Injecting
 * this is the only difference between the two runtimes.
 */
export type AssetName = 'resvg.wasm';

/** Model files, as paths under the app's public/ folder (public/models/manifest.json …). */
export type ModelAssetName = 'models/manifest.json' | 'models/classifier.onnx' | 'models/params.onnx';

export interface Host {
  loadAsset(name: AssetName): Promise<Uint8Array>;
  /**
   * Model bytes. Optional and separate from loadAsset so a host without models still satisfies
   * the interface: the classifier then reports MODEL_UNAVAILABLE and the pipeline falls back.
   */
  loadModelAsset?(name: ModelAssetName): Promise<Uint8Array>;
  /**
   * Where onnxruntime-web finds ort-wasm-simd-threaded.{mjs,wasm} (set as ort.env.wasm.wasmPaths
   * before the first session). A bundled browser build serves one copy of them; Node needs none.
   */
  ortWasmPaths?: string | { mjs?: string; wasm?: string };
  /** Extra options for the wasm-vips factory (e.g. locateFile in a bundled browser build). */
  vipsOptions?: Record<string, unknown>;
}
