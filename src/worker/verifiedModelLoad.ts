/**
 * The model cache's rules, apart from IndexedDB and fetch (both injected, so a unit test can run
 * them in Node with a Map and canned responses; tests/e2e/models.spec.ts runs the real ones):
 *
 * - A content-addressed file (its sha256 is in the manifest) is read from the store under
 *   `name@sha256` and re-hashed on every load: a copy that no longer hashes to its key is dropped.
 * - Downloaded bytes are stored only once they hash to the manifest's sha256.
 * - Bytes are verified at most twice per load: a corrupt stored copy gets one download; a
 *   download that does not match gets one more (bypassing the HTTP cache). A second bad copy
 *   ends the load with an error, which the core turns into a "no AI" fallback.
 * - A file without a sha256 (the manifest itself) is always downloaded; its stored copy is used
 *   only when the network cannot be reached at all (offline), never on an HTTP error.
 */
export interface ModelStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface ModelLoadDeps {
  /** null where IndexedDB is unavailable (private mode, storage denied). */
  store: ModelStore | null;
  /** Resolves with the body of a 2xx answer; rejects with HttpError for others, with anything
   * else when the network could not be reached. `reload` asks to bypass the HTTP cache. */
  download(url: string, reload: boolean): Promise<Uint8Array>;
  sha256(bytes: Uint8Array): Promise<string>;
}

export class HttpError extends Error {
  constructor(readonly status: number, statusText: string) {
    super(`HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
  }
}

export interface VerifiedLoad {
  bytes: Uint8Array;
  source: 'cache' | 'network';
  /** Why the stored copy was not used; null on a cache hit or for a file that is not cached. */
  missReason: string | null;
  downloads: number;
}

/** Thrown when no verified bytes could be had; `downloads` says how many were tried. */
export class ModelLoadError extends Error {
  constructor(message: string, readonly downloads: number, readonly missReason: string | null) {
    super(message);
  }
}

export const cacheKey = (name: string, sha256: string | null): string => (sha256 ? `${name}@${sha256}` : name);

export async function loadVerifiedModel(name: string, url: string, expectedSha256: string | null, deps: ModelLoadDeps): Promise<VerifiedLoad> {
  const { store } = deps;
  const key = cacheKey(name, expectedSha256);
  let missReason: string | null = store ? 'not cached' : 'IndexedDB unavailable';
  let verifications = 0;

  if (store && expectedSha256) {
    let cached: Uint8Array | undefined;
    try {
      cached = await store.get(key);
    } catch (error) {
      missReason = `IndexedDB read failed (${message(error)})`;
    }
    if (cached) {
      verifications++;
      const actual = await deps.sha256(cached);
      if (actual === expectedSha256) return { bytes: cached, source: 'cache', missReason: null, downloads: 0 };
      missReason = `cached copy was corrupt (sha256 ${actual.slice(0, 12)}…, expected ${expectedSha256.slice(0, 12)}…)`;
      await store.delete(key).catch(() => {});
    }
  }

  let downloads = 0;
  let lastMismatch = '';
  while (verifications < 2) {
    let bytes: Uint8Array;
    try {
      bytes = await deps.download(url, downloads > 0);
      downloads++;
    } catch (error) {
      if (!expectedSha256 && store && !(error instanceof HttpError)) {
        const stored = await store.get(key).catch(() => undefined);
        if (stored) return { bytes: stored, source: 'cache', missReason: `network unavailable (${message(error)})`, downloads };
      }
      throw new ModelLoadError(message(error), downloads, missReason);
    }
    if (!expectedSha256) {
      await store?.put(key, bytes).catch(() => {});
      return { bytes, source: 'network', missReason: null, downloads };
    }
    verifications++;
    const actual = await deps.sha256(bytes);
    if (actual === expectedSha256) {
      await store?.put(key, bytes).catch(() => {});
      return { bytes, source: 'network', missReason, downloads };
    }
    lastMismatch = `sha256 ${actual.slice(0, 12)}… (${bytes.length} bytes), expected ${expectedSha256.slice(0, 12)}…`;
  }
  throw new ModelLoadError(
    downloads > 1
      ? `both downloads had the wrong content (${lastMismatch})`
      : `the cached copy was corrupt and the download that replaced it had the wrong content too (${lastMismatch})`,
    downloads,
    missReason,
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
