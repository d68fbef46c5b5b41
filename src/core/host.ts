/**
 * How the core gets bytes it does not compute: wasm binaries and (later) models. The browser
 * fetches them from the app's origin, Node reads them from node_modules and public/. Injecting
 * this is the only difference between the two runtimes.
 */
export type AssetName = 'resvg.wasm';

export interface Host {
  loadAsset(name: AssetName): Promise<Uint8Array>;
  /** Extra options for the wasm-vips factory (e.g. locateFile in a bundled browser build). */
  vipsOptions?: Record<string, unknown>;
}
