// The two seams faults are injected through — nothing inside a library is patched:
//
// - Engines: the pipeline picks tracers from the ENGINES registry (src/core/trace/engines.ts),
//   the same object the unit tests spy on (`vi.spyOn(ENGINES.tracewise, 'trace')`). Outside
//   Vitest there is no spy, so `injectEngineFault` swaps one entry's `trace` for a wrapper and
//   returns the function that puts it back. A registry entry is the narrowest seam that reaches
//   "the tracer throws / hangs / returns junk" without a test-only parameter on convert().
// - Host: everything the core loads (resvg.wasm, model files) comes through the injected Host,
//   so `faultyHost` wraps a real host and fails chosen asset names (reject, corrupt, stall,
//   delay, fail the first N loads). Model files are faulted the same way as wasm assets.
import type { Host } from '../../src/core';
import type { TraceOutput } from '../../src/core/trace/engine';
import { ENGINES } from '../../src/core/trace/engines';
import type { Raster } from '../../src/core/types';

/** Replaces or wraps one trace call; `original` runs the real engine. */
export type EngineFault = (original: () => Promise<TraceOutput>, raster: Raster, call: number) => Promise<TraceOutput>;

export function injectEngineFault(engineId: string, fault: EngineFault): () => void {
  const engine = ENGINES[engineId];
  if (!engine) throw new Error(`No engine "${engineId}" in the registry.`);
  const original = engine.trace;
  let calls = 0;
  engine.trace = (raster, params, hints) => fault(() => original.call(engine, raster, params, hints), raster, ++calls);
  return () => {
    engine.trace = original;
  };
}

/** Spins the thread: wasm and our tracers are synchronous, so a slow stage blocks like this. */
export function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

export const engineFaults = {
  rejects: (message = 'injected tracer failure'): EngineFault => async () => {
    throw new Error(message);
  },
  /** Throws before returning a promise (a synchronous bug in an engine). */
  throwsSync: (message = 'injected synchronous tracer failure'): EngineFault => () => {
    throw new TypeError(message);
  },
  /** Resolves with output that is not an SVG document. */
  returns: (svg: string): EngineFault => async () => ({ svg }),
  slow: (ms: number): EngineFault => (original) => {
    busyWait(ms);
    return original();
  },
  /** Never settles (an engine awaiting something that never comes). */
  neverSettles: (): EngineFault => () => new Promise<TraceOutput>(() => {}),
  /** Spins forever for rasters of this width (a marker size the corpus uses on purpose). */
  spinsForWidth: (width: number): EngineFault => (original, raster) => {
    if (raster.width === width) for (;;) busyWait(1000);
    return original();
  },
};

export type AssetFault =
  | { kind: 'reject'; message: string }
  | { kind: 'corrupt' }
  | { kind: 'replace'; bytes: Uint8Array }
  | { kind: 'stall' }
  | { kind: 'delay'; ms: number }
  | { kind: 'failFirst'; count: number; message: string };

/**
 * A host whose loads of the named assets fail as described; other loads pass through. Covers
 * `loadAsset` (resvg.wasm) and `loadModelAsset` (models/…) alike, so a new asset's fault is one
 * entry: `faultyHost(nodeHost, { 'models/classifier.onnx': { kind: 'reject', … } })`.
 */
export function faultyHost(base: Host, faults: Record<string, AssetFault>): Host & { loads: Record<string, number> } {
  const loads: Record<string, number> = {};
  const wrap = <N extends string>(load: ((name: N) => Promise<Uint8Array>) | undefined) =>
    load &&
    (async (name: N): Promise<Uint8Array> => {
      loads[name] = (loads[name] ?? 0) + 1;
      const fault = faults[name];
      if (!fault) return load.call(base, name);
      switch (fault.kind) {
        case 'reject':
          throw new Error(fault.message);
        case 'corrupt': {
          const bytes = (await load.call(base, name)).slice();
          for (let i = 0; i < bytes.length; i += 97) bytes[i] ^= 0x5a;
          return bytes;
        }
        case 'replace':
          return fault.bytes;
        case 'stall':
          return new Promise<Uint8Array>(() => {});
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          return load.call(base, name);
        case 'failFirst':
          if (loads[name] <= fault.count) throw new Error(fault.message);
          return load.call(base, name);
      }
    });
  return { ...base, loadAsset: wrap(base.loadAsset)!, loadModelAsset: wrap(base.loadModelAsset), loads };
}
