import { openDB, type IDBPDatabase } from 'idb';
import type { ModelAssetName } from '../core';
import { sha256Hex } from '../core/classify/sha256';
import { HttpError, loadVerifiedModel, ModelLoadError, type ModelStore } from './verifiedModelLoad';

/** One model-file load, for the benchmark panel and the page's performance monitor. */
export interface ModelLoadInfo {
  /** Per worker, increasing: the page uses (worker, seq) to record each load once. */
  seq: number;
  name: ModelAssetName;
  /** Where the verified bytes came from; null when the load failed. */
  source: 'cache' | 'network' | null;
  /** False for a file that is not content-addressed (the manifest): hit/miss does not apply. */
  cacheable: boolean;
  ms: number;
  /** Why the cached copy was not used (absent, corrupt, IndexedDB unavailable, offline). */
  missReason: string | null;
  /** Network downloads this load made (2 = a bad copy was fetched again). */
  downloads: number;
  error: string | null;
}

/** The IndexedDB database and store the model bytes live in (keys `models/<file>@<sha256>`). */
export const MODEL_DB = { name: 'tracewise-models', store: 'files', version: 1 } as const;
/** Rung after every load so a page can ask its workers for news (BroadcastChannel carries no
 * data here: another tab of the app hears the bell too, and only asks its own workers). */
export const MODEL_LOAD_BELL = 'tracewise-model-loads';

/** After a failed load, the same file is not asked for again in this worker for this long: the
 * core retries a failed model at every conversion, and each try would download it (twice) again.
 * A new worker (or a reload) tries afresh. */
export const RETRY_FAILED_AFTER_MS = 60_000;
const failures = new Map<ModelAssetName, { at: number; error: Error }>();

let database: Promise<IDBPDatabase | null> | null = null;
let nextSeq = 1;
export const modelLoads: ModelLoadInfo[] = [];
const bell = typeof BroadcastChannel === 'function' ? new BroadcastChannel(MODEL_LOAD_BELL) : null;

/** IndexedDB may be missing (private mode, a test's fault): then models come from the network. */
function db(): Promise<IDBPDatabase | null> {
  // openDB throws synchronously where storage is denied or indexedDB is missing, not only rejects.
  database ??= (async () => {
    try {
      return await openDB(MODEL_DB.name, MODEL_DB.version, { upgrade: (d) => d.createObjectStore(MODEL_DB.store) });
    } catch {
      return null;
    }
  })();
  return database;
}

function idbStore(handle: IDBPDatabase): ModelStore {
  return {
    get: async (key) => (await handle.get(MODEL_DB.store, key)) as Uint8Array | undefined,
    put: async (key, bytes) => void (await handle.put(MODEL_DB.store, bytes, key)),
    delete: (key) => handle.delete(MODEL_DB.store, key),
  };
}

async function download(url: string, reload: boolean): Promise<Uint8Array> {
  const response = await fetch(url, reload ? { cache: 'reload' } : undefined);
  if (!response.ok) throw new HttpError(response.status, response.statusText);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Model bytes, verified against the manifest's sha256 (SubtleCrypto) on every load: from
 * IndexedDB when a good copy is stored, else from the app's origin (then stored). The rules —
 * corrupt copies dropped, one refetch, the manifest offline — are in verifiedModelLoad.ts.
 * Throws an Error whose message is the cause; the core makes it MODEL_UNAVAILABLE (no AI).
 */
export async function loadModelFile(name: ModelAssetName, url: string, expectedSha256: string | null): Promise<Uint8Array> {
  const recent = failures.get(name);
  if (recent && performance.now() - recent.at < RETRY_FAILED_AFTER_MS) throw recent.error;
  const started = performance.now();
  const handle = await db();
  const cacheable = expectedSha256 !== null;
  try {
    const load = await loadVerifiedModel(name, url, expectedSha256, { store: handle ? idbStore(handle) : null, download, sha256: sha256Hex });
    record({ name, source: load.source, cacheable, ms: performance.now() - started, missReason: load.missReason, downloads: load.downloads, error: null });
    failures.delete(name);
    return load.bytes;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed = error instanceof ModelLoadError ? error : null;
    record({ name, source: null, cacheable, ms: performance.now() - started, missReason: failed?.missReason ?? null, downloads: failed?.downloads ?? 0, error: reason });
    const failure = new Error(reason, { cause: error });
    failures.set(name, { at: performance.now(), error: failure });
    throw failure;
  }
}

function record(load: Omit<ModelLoadInfo, 'seq'>): void {
  modelLoads.push({ seq: nextSeq++, ...load });
  if (modelLoads.length > 50) modelLoads.shift();
  bell?.postMessage(null);
}
