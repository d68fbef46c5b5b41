// The model cache's rules with a Map for IndexedDB and canned downloads (the network is outside
// the machine); the real IndexedDB, fetch and SubtleCrypto run in tests/e2e/models.spec.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/classify/sha256';
import { PerformanceMonitor } from '../../src/core/monitor/performanceMonitor';
import { MODEL_LOAD_BELL as PAGE_BELL } from '../../src/ui/models/modelLoadFeed';
import { cacheKey, HttpError, loadVerifiedModel, ModelLoadError, type ModelStore } from '../../src/worker/verifiedModelLoad';

const GOOD = new TextEncoder().encode('the real model bytes');
const BAD = new TextEncoder().encode('the real model bytez');
const SHA = await sha256Hex(GOOD);
const NAME = 'models/classifier.onnx';
const KEY = cacheKey(NAME, SHA);

function mapStore(initial: Record<string, Uint8Array> = {}): ModelStore & { map: Map<string, Uint8Array> } {
  const map = new Map(Object.entries(initial));
  return { map, get: async (k) => map.get(k), put: async (k, v) => void map.set(k, v), delete: async (k) => void map.delete(k) };
}

/** Answers each download with the next canned response (bytes, or an error to throw). */
function downloads(...answers: (Uint8Array | Error)[]) {
  const calls: boolean[] = [];
  return {
    calls,
    download: async (_url: string, reload: boolean) => {
      calls.push(reload);
      const answer = answers[calls.length - 1];
      if (!answer) throw new Error('unexpected extra download');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('loadVerifiedModel', () => {
  it('keys by name@sha256 and serves a good stored copy without downloading', async () => {
    expect(KEY).toBe(`${NAME}@${SHA}`);
    const store = mapStore({ [KEY]: GOOD });
    const net = downloads();
    const load = await loadVerifiedModel(NAME, '/x', SHA, { store, download: net.download, sha256: sha256Hex });
    expect(load).toEqual({ bytes: GOOD, source: 'cache', missReason: null, downloads: 0 });
    expect(net.calls).toEqual([]);
  });

  it('downloads on a miss and stores the verified bytes', async () => {
    const store = mapStore();
    const net = downloads(GOOD);
    const load = await loadVerifiedModel(NAME, '/x', SHA, { store, download: net.download, sha256: sha256Hex });
    expect(load).toMatchObject({ source: 'network', missReason: 'not cached', downloads: 1 });
    expect(store.map.get(KEY)).toEqual(GOOD);
  });

  it('drops a corrupt stored copy, downloads once, and repairs the cache', async () => {
    const store = mapStore({ [KEY]: BAD });
    const net = downloads(GOOD);
    const load = await loadVerifiedModel(NAME, '/x', SHA, { store, download: net.download, sha256: sha256Hex });
    expect(load.source).toBe('network');
    expect(load.missReason).toMatch(/^cached copy was corrupt/);
    expect(net.calls).toEqual([false]);
    expect(store.map.get(KEY)).toEqual(GOOD);
  });

  it('a corrupt stored copy and a bad download: one refetch only, then an error, nothing stored', async () => {
    const store = mapStore({ [KEY]: BAD });
    const net = downloads(BAD, GOOD);
    const error = await loadVerifiedModel(NAME, '/x', SHA, { store, download: net.download, sha256: sha256Hex }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as ModelLoadError).message).toMatch(/^the cached copy was corrupt and the download that replaced it had the wrong content too/);
    expect((error as ModelLoadError).downloads).toBe(1);
    expect(store.map.has(KEY)).toBe(false);
  });

  it('a bad download is fetched again once, bypassing the HTTP cache; a good second copy is kept', async () => {
    const store = mapStore();
    const net = downloads(BAD, GOOD);
    const load = await loadVerifiedModel(NAME, '/x', SHA, { store, download: net.download, sha256: sha256Hex });
    expect(load).toMatchObject({ source: 'network', downloads: 2 });
    expect(net.calls).toEqual([false, true]);
    expect(store.map.get(KEY)).toEqual(GOOD);
  });

  it('two bad downloads end the load, and nothing is stored', async () => {
    const store = mapStore();
    const net = downloads(BAD, BAD, GOOD);
    const error = (await loadVerifiedModel(NAME, '/x', SHA, { store, download: net.download, sha256: sha256Hex }).catch((e: unknown) => e)) as ModelLoadError;
    expect(error.message).toMatch(/^both downloads had the wrong content \(sha256 [0-9a-f]{12}… \(20 bytes\), expected [0-9a-f]{12}…\)$/);
    expect(error.downloads).toBe(2);
    expect(store.map.size).toBe(0);
  });

  it('an HTTP error is not retried (a 404 does not fix itself)', async () => {
    const net = downloads(new HttpError(404, 'Not Found'));
    const error = (await loadVerifiedModel(NAME, '/x', SHA, { store: mapStore(), download: net.download, sha256: sha256Hex }).catch((e: unknown) => e)) as ModelLoadError;
    expect(error.message).toBe('HTTP 404 Not Found');
    expect(net.calls).toHaveLength(1);
  });

  it('works without IndexedDB, from the network', async () => {
    const load = await loadVerifiedModel(NAME, '/x', SHA, { store: null, download: downloads(GOOD).download, sha256: sha256Hex });
    expect(load).toMatchObject({ source: 'network', missReason: 'IndexedDB unavailable' });
  });

  it('an unreadable store is a miss, not a failure', async () => {
    const store = { ...mapStore(), get: async () => Promise.reject(new Error('quota')) };
    const load = await loadVerifiedModel(NAME, '/x', SHA, { store, download: downloads(GOOD).download, sha256: sha256Hex });
    expect(load).toMatchObject({ source: 'network', missReason: 'IndexedDB read failed (quota)' });
  });

  it('the manifest (no sha256) is always downloaded; its stored copy only when offline, not on an HTTP error', async () => {
    const manifest = new TextEncoder().encode('{"schema":1}');
    const store = mapStore();
    const online = await loadVerifiedModel('models/manifest.json', '/m', null, { store, download: downloads(manifest).download, sha256: sha256Hex });
    expect(online).toMatchObject({ source: 'network', missReason: null });
    const offline = await loadVerifiedModel('models/manifest.json', '/m', null, { store, download: downloads(new TypeError('Failed to fetch')).download, sha256: sha256Hex });
    expect(offline).toMatchObject({ bytes: manifest, source: 'cache', missReason: 'network unavailable (Failed to fetch)' });
    const gone = loadVerifiedModel('models/manifest.json', '/m', null, { store, download: downloads(new HttpError(404, '')).download, sha256: sha256Hex });
    await expect(gone).rejects.toThrow('HTTP 404');
  });
});

describe('model loads in the performance monitor', () => {
  it('times them as model-load and counts cache hits, misses and failures', () => {
    const monitor = new PerformanceMonitor();
    monitor.recordModelLoad({ ms: 3, ok: true, cache: 'hit' });
    monitor.recordModelLoad({ ms: 40, ok: true, cache: 'miss' });
    monitor.recordModelLoad({ ms: 12, ok: true, cache: null });
    monitor.recordModelLoad({ ms: 1500, ok: false, cache: 'miss' });
    expect(monitor.modelCacheStats()).toEqual({ hits: 1, misses: 2, failures: 1 });
    expect(monitor.stats()['model-load']).toMatchObject({ count: 4, failures: 1, max: 1500, threshold: 1000, breaches: 1 });
  });

  it('the page listens on the bell the workers ring', () => {
    // The UI may not import worker code as values, so the name is written twice.
    const worker = readFileSync(new URL('../../src/worker/modelCache.ts', import.meta.url), 'utf8');
    expect(worker).toContain(`export const MODEL_LOAD_BELL = '${PAGE_BELL}';`);
  });
});
