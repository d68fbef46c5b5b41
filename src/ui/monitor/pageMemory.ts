/** Chromium's non-standard `performance.memory` (page JS heap), when present. */
export function pageHeapBytes(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

interface UaMemoryResult {
  bytes: number;
}

type MeasureUaMemory = () => Promise<UaMemoryResult>;

/** `performance.measureUserAgentSpecificMemory` exists only on a cross-origin-isolated page. */
export function uaMemoryAvailable(): boolean {
  return globalThis.crossOriginIsolated === true && typeof measureFunction() === 'function';
}

function measureFunction(): MeasureUaMemory | undefined {
  const perf = performance as Performance & { measureUserAgentSpecificMemory?: MeasureUaMemory };
  return perf.measureUserAgentSpecificMemory?.bind(performance);
}

/**
 * The page's and its own workers' memory, as the browser counts it. Slow by design: Chromium
 * waits for a GC (~15 s headless) and takes ~60 s while wasm thread workers (wasm-vips') exist,
 * so callers start it in the background and never await it on a hot path. Null on timeout.
 */
export async function measureUaMemory(timeoutMs: number): Promise<number | null> {
  const measure = measureFunction();
  if (!measure) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const result = await Promise.race([measure().then((r) => r.bytes), timeout]);
    return result;
  } catch {
    return null; // e.g. SecurityError when isolation is lost: the instant estimate still works
  } finally {
    clearTimeout(timer);
  }
}
