import { openDB, type IDBPDatabase } from 'idb';
import type { ModelAssetName } from '../core';

/** What the last model-file load did, for the benchmark panel and the performance monitor. */
export interface ModelLoadInfo {
  name: ModelAssetName;
  source: 'cache' | 'network';
  ms: number;
  /** Why the cached copy was not used (absent, stale sha256, corrupt, IndexedDB unavailable). */
  missReason: string | null;
}

const DB_NAME = 'tracewise-models';
const STORE = 'files';
let database: Promise<IDBPDatabase | null> | null = null;
export const modelLoads: ModelLoadInfo[] = [];

/** IndexedDB may be missing (private mode, a test's fault): then models come from the network. */
function db(): Promise<IDBPDatabase | null> {
  // openDB throws synchronously where storage is denied or indexedDB is missing, not only rejects.
  database ??= (async () => {
    try {
      return await openDB(DB_NAME, 1, { upgrade: (d) => d.createObjectStore(STORE) });
    } catch {
      return null;
    }
  })();
  return database;
}

/**
 * Model bytes, from IndexedDB when a copy with the manifest's sha256 is stored there, else from
 * the app's origin (then stored). The key holds the sha256, so a new model never meets an old
 * copy; a stored copy whose bytes no longer hash to its key is dropped and fetched again once.
 * The manifest itself always comes from the network, falling back to its stored copy offline.
 */
export async function loadModelFile(name: ModelAssetName, url: string, expectedSha256: string | null): Promise<Uint8Array> {
  const started = performance.now();
  const store = await db();
  const key = expectedSha256 ? `${name}@${expectedSha256}` : name;
  let missReason: string | null = store ? 'not cached' : 'IndexedDB unavailable';
  if (store && expectedSha256) {
    const cached = (await store.get(STORE, key).catch(() => undefined)) as Uint8Array | undefined;
    if (cached && (await sha256(cached)) === expectedSha256) return record(name, 'cache', started, null, cached);
    if (cached) {
      missReason = 'cached copy was corrupt';
      await store.delete(STORE, key).catch(() => {});
    }
  }
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    await store?.put(STORE, bytes, key).catch(() => {});
    return record(name, 'network', started, missReason, bytes);
  } catch (error) {
    // Offline: the manifest (not content-addressed) may still be served from its stored copy.
    const stored = !expectedSha256 && store ? ((await store.get(STORE, key).catch(() => undefined)) as Uint8Array | undefined) : undefined;
    if (stored) return record(name, 'cache', started, 'network unavailable', stored);
    throw new Error(`Could not load ${name}: ${error instanceof Error ? error.message : error}`);
  }
}

function record(name: ModelAssetName, source: 'cache' | 'network', started: number, missReason: string | null, bytes: Uint8Array): Uint8Array {
  modelLoads.push({ name, source, ms: performance.now() - started, missReason: source === 'cache' ? null : missReason });
  if (modelLoads.length > 50) modelLoads.shift();
  return bytes;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
