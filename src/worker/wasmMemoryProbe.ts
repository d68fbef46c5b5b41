import type { WorkerMemory } from './protocol';

/**
 * Remembers every WebAssembly.Memory this worker creates (Emscripten's shared heap in wasm-vips
 * is made with `new WebAssembly.Memory`) or gets from an instantiated module (wasm-bindgen's
 * resvg exports its own). Import this module before any wasm library so the wrappers are in place.
 * Weak references: a memory the library drops is not kept alive by the probe.
 */
const memories = new Set<WeakRef<WebAssembly.Memory>>();
const seen = new WeakSet<WebAssembly.Memory>();
let jobs = 0;

function track(memory: unknown): void {
  if (memory instanceof WebAssembly.Memory && !seen.has(memory)) {
    seen.add(memory);
    memories.add(new WeakRef(memory));
  }
}

function trackExports(instance: WebAssembly.Instance): void {
  for (const value of Object.values(instance.exports)) track(value);
}

const OriginalMemory = WebAssembly.Memory;
WebAssembly.Memory = new Proxy(OriginalMemory, {
  construct(target, args: [WebAssembly.MemoryDescriptor]) {
    const memory = new target(...args);
    track(memory);
    return memory;
  },
});

const originalInstantiate = WebAssembly.instantiate.bind(WebAssembly) as (...args: unknown[]) => Promise<unknown>;
WebAssembly.instantiate = (async (...args: unknown[]) => {
  const result = await originalInstantiate(...args);
  trackExports(result instanceof WebAssembly.Instance ? result : (result as WebAssembly.WebAssemblyInstantiatedSource).instance);
  return result;
}) as typeof WebAssembly.instantiate;

if (WebAssembly.instantiateStreaming) {
  const originalStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (...args) => {
    const result = await originalStreaming(...args);
    trackExports(result.instance);
    return result;
  };
}

export function countJob(): void {
  jobs++;
}

export function workerMemory(): WorkerMemory {
  let wasmBytes = 0;
  for (const ref of memories) {
    const memory = ref.deref();
    if (memory) wasmBytes += memory.buffer.byteLength;
    else memories.delete(ref);
  }
  const heap = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return { wasmBytes, jsHeapBytes: heap ? heap.usedJSHeapSize : null, jobs };
}
