import { readFile } from 'node:fs/promises';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { WorkerModelLoad as Load } from '../../src/ui/conversion/tracewiseConverter';
import { renderPng } from './logoPng';

// The browser side of the models: IndexedDB cache keyed name@sha256, re-verified on every load,
// one refetch on a bad copy, no-AI fallback (with an SVG) when the model cannot be had, and the
// loads reported to the benchmark panel. Real Chromium, real IndexedDB, the real built app.
//
// The service worker is blocked (the config's default) except in the offline test: with it, the
// SW's precache would answer model requests and hide both the network and the routes below.
// `?concurrency=1`: one trace worker, so each load below is that worker's, counted exactly.

const MODEL_FILE = 'classifier.onnx';
const MODEL_NAME = `models/${MODEL_FILE}`;
const manifest = JSON.parse(await readFile(new URL('../../public/models/manifest.json', import.meta.url), 'utf8')) as {
  models: { file: string; sha256: string; bytes: number }[];
};
const entry = manifest.models.find((m) => m.file === MODEL_FILE)!;
const MODEL_KEY = `${MODEL_NAME}@${entry.sha256}`;
const modelBytes = await readFile(new URL(`../../public/models/${MODEL_FILE}`, import.meta.url));

/** Requests the page and its workers send for a model file (not the ones the SW answers itself). */
function trackModelRequests(context: BrowserContext, file = MODEL_FILE): string[] {
  const seen: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith(`/models/${file}`)) seen.push(request.url());
  });
  return seen;
}

const loads = (page: Page): Promise<Load[]> => page.evaluate(() => (globalThis as any).__tracewise.converter.modelLoads());

/** Waits until the trace worker's model-file load has ended (the preload starts it after first paint). */
async function modelLoad(page: Page, index = 0): Promise<Load> {
  await expect.poll(async () => (await loads(page)).filter((l) => l.name === MODEL_NAME).length, { timeout: 30_000 }).toBeGreaterThan(index);
  return (await loads(page)).filter((l) => l.name === MODEL_NAME)[index]!;
}

/** The page's performance monitor counted exactly the workers' loads (whatever models the
 * manifest lists): content-addressed loads from IndexedDB are hits, the others misses. */
async function monitorCache(page: Page): Promise<{ hits: number; misses: number; failures: number }> {
  await expect
    .poll(async () => {
      const all = await loads(page);
      const counted = await page.evaluate(() => (globalThis as any).__tracewise.perf.modelCacheStats());
      const expected = {
        hits: all.filter((l) => l.cacheable && l.source === 'cache').length,
        misses: all.filter((l) => l.cacheable && l.source !== 'cache').length,
        failures: all.filter((l) => l.source === null).length,
      };
      return JSON.stringify(counted) === JSON.stringify(expected);
    })
    .toBe(true);
  return page.evaluate(() => (globalThis as any).__tracewise.perf.modelCacheStats());
}

/** The model database as the page sees it: each key with its bytes' length and sha256. */
function readModelDb(page: Page): Promise<Record<string, { bytes: number; sha256: string }>> {
  return page.evaluate(async () => {
    // Opening a database that does not exist yet would create it empty (version 1, no store) and
    // the app's upgrade would never run: look first.
    if (!(await indexedDB.databases()).some((d) => d.name === 'tracewise-models')) return {};
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tracewise-models');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const store = db.transaction('files').objectStore('files');
    const keys = (await request(store.getAllKeys())) as string[];
    const values = (await request(store.getAll())) as Uint8Array[];
    db.close();
    const out: Record<string, { bytes: number; sha256: string }> = {};
    for (const [i, key] of keys.entries()) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', values[i] as Uint8Array<ArrayBuffer>));
      out[key] = { bytes: values[i]!.length, sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
    }
    return out;
  });
}

/** Flips one byte of the stored model (same key, same length: only its sha256 can tell). */
function corruptCachedModel(page: Page, key: string): Promise<void> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tracewise-models');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = () => db.transaction('files', 'readwrite').objectStore('files');
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      const r = store().get(key);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const corrupt = bytes.slice();
    corrupt[corrupt.length >> 1] ^= 0xff;
    await new Promise<void>((resolve, reject) => {
      const r = store().put(corrupt, key);
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error);
    });
    db.close();
  }, key);
}

/** Converts one PNG at the default tier (2) and returns its finished card. */
async function convert(page: Page, name: string): Promise<Locator> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'image/png', buffer: await renderPng() });
  const card = page.locator(`[data-testid="result-card"][data-file="${name}"]`);
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(card.getByTestId('tier')).toHaveText('2');
  // An SVG in every case, AI or not.
  const svg = card.getByTestId('svg-output');
  await expect(svg).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => svg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  return card;
}

async function expectClassified(card: Locator): Promise<void> {
  await expect(card.getByTestId('logo-class')).toHaveAttribute('data-value', /^(simple|text|gradient|complex)$/);
  await expect(card.getByTestId('logo-class')).toHaveText(/^(simple|text|gradient|complex) \(\d+%\)$/);
  await expect(card.getByTestId('fallback')).toHaveCount(0);
}

async function expectNoAi(card: Locator, reason: RegExp): Promise<void> {
  await expect(card.getByTestId('logo-class')).toHaveAttribute('data-value', '');
  const fallback = card.getByTestId('fallback');
  await expect(fallback).toBeVisible();
  await expect(fallback).toContainText('Fallback from ai:');
  await expect(fallback).toContainText(reason);
}

test('first visit downloads the model into IndexedDB; the second loads it from there, shown in the benchmark panel', async ({ page, context }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const requests = trackModelRequests(context);
  const requestedAt: number[] = [];
  context.on('requestfinished', (request) => request.url().endsWith(`/models/${MODEL_FILE}`) && requestedAt.push(request.timing().startTime));
  await page.goto('/?concurrency=1');

  const first = await modelLoad(page);
  expect(first).toMatchObject({ source: 'network', cacheable: true, missReason: 'not cached', downloads: 1, error: null });
  expect(requests).toHaveLength(1);
  // The preload started before any file was given, and only after the page had painted.
  const paintedAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0]!.startTime);
  await expect.poll(() => requestedAt.length).toBe(1);
  expect(requestedAt[0]).toBeGreaterThan(paintedAt);
  // Stored under name@sha256, with exactly the manifest's bytes.
  const db = await readModelDb(page);
  expect(db[MODEL_KEY]).toEqual({ bytes: entry.bytes, sha256: entry.sha256 });
  await expectClassified(await convert(page, 'first.png'));
  // The conversion used the preloaded session: no second load.
  expect((await loads(page)).filter((l) => l.name === MODEL_NAME)).toHaveLength(1);

  requests.length = 0;
  await page.reload();
  const second = await modelLoad(page);
  expect(second).toMatchObject({ source: 'cache', cacheable: true, missReason: null, downloads: 0, error: null });
  await expectClassified(await convert(page, 'second.png'));
  // The IndexedDB path, not an HTTP cache: the model was not requested at all this visit.
  expect(requests).toEqual([]);

  // Reported to the performance monitor as `model-load` operations, hits and misses counted…
  const cache = await monitorCache(page);
  expect(cache).toMatchObject({ misses: 0, failures: 0 });
  expect(cache.hits).toBeGreaterThanOrEqual(1);
  const perf = { cache, ops: await page.evaluate(() => (globalThis as any).__tracewise.perf.stats()['model-load']) };
  expect(perf.ops.count).toBe((await loads(page)).length); // the manifest and each model file
  // …and shown in the benchmark panel.
  await page.getByTestId('tab-benchmark').click();
  const row = page.getByTestId('model-loads').locator(`tbody tr[data-file="${MODEL_NAME}"]`);
  await expect(row).toHaveAttribute('data-source', 'cache');
  await expect(row).toContainText('cache hit (IndexedDB)');
  await expect(page.getByTestId('model-loads-cache')).toHaveAttribute('data-hits', String(cache.hits));
  expect(errors).toEqual([]);
  await page.getByTestId('model-loads').screenshot({ path: testInfo.outputPath('model-loads.png') });
  await testInfo.attach('model-loads.png', { path: testInfo.outputPath('model-loads.png'), contentType: 'image/png' });
  await testInfo.attach('model-loads.json', { body: JSON.stringify({ first, second, perf }, null, 1), contentType: 'application/json' });
});

test('a corrupted cached copy is caught by its sha256, fetched again once, and the cache repaired', async ({ page, context }) => {
  const requests = trackModelRequests(context);
  await page.goto('/?concurrency=1');
  await modelLoad(page);
  await corruptCachedModel(page, MODEL_KEY);
  expect((await readModelDb(page))[MODEL_KEY]!.sha256).not.toBe(entry.sha256);

  requests.length = 0;
  await page.reload();
  const load = await modelLoad(page);
  expect(load).toMatchObject({ source: 'network', downloads: 1, error: null });
  expect(load.missReason).toMatch(/^cached copy was corrupt \(sha256 [0-9a-f]{12}…, expected [0-9a-f]{12}…\)$/);
  expect(requests).toHaveLength(1);
  expect((await readModelDb(page))[MODEL_KEY]).toEqual({ bytes: entry.bytes, sha256: entry.sha256 });
  await expectClassified(await convert(page, 'repaired.png'));
  expect((await monitorCache(page)).misses).toBeGreaterThanOrEqual(1);
});

test('a model that answers 404: the conversion still produces an SVG, traced without AI, and says why', async ({ page }) => {
  await page.route(`**/models/${MODEL_FILE}`, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }));
  await page.goto('/?concurrency=1');
  const load = await modelLoad(page);
  expect(load).toMatchObject({ source: null, downloads: 0, error: 'HTTP 404 Not Found' });
  const card = await convert(page, 'no-model.png');
  await expectNoAi(card, /MODEL_UNAVAILABLE: Could not load models\/classifier\.onnx: HTTP 404/);
  expect(await readModelDb(page)).not.toHaveProperty(MODEL_KEY);
  expect(await monitorCache(page)).toMatchObject({ hits: 0, failures: 1 });
});

test('a manifest that answers 404: no AI, still an SVG', async ({ page }) => {
  await page.route('**/models/manifest.json', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'gone' }));
  await page.goto('/?concurrency=1');
  const card = await convert(page, 'no-manifest.png');
  await expectNoAi(card, /MODEL_UNAVAILABLE: Could not load models\/manifest\.json: HTTP 404/);
});

test('a download with the wrong bytes is fetched once more, then the conversion runs without AI', async ({ page }) => {
  let served = 0;
  const wrong = Buffer.from(modelBytes);
  wrong[100] ^= 0xff;
  await page.route(`**/models/${MODEL_FILE}`, (route) => {
    served++;
    return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: wrong });
  });
  await page.goto('/?concurrency=1');
  const first = await modelLoad(page);
  expect(first).toMatchObject({ source: null, downloads: 2 });
  expect(first.error).toMatch(new RegExp(`^both downloads had the wrong content \\(sha256 [0-9a-f]{12}… \\(${modelBytes.length} bytes\\), expected`));

  await expectNoAi(await convert(page, 'bad-download.png'), /both downloads had the wrong content/);
  await expectNoAi(await convert(page, 'bad-download-2.png'), /both downloads had the wrong content/);
  // One load, two downloads (a refetch, never a loop); later conversions in this worker do not
  // download again (RETRY_FAILED_AFTER_MS), and the bad bytes were never kept.
  expect((await loads(page)).filter((l) => l.name === MODEL_NAME)).toHaveLength(1);
  expect(served).toBe(2);
  expect(await readModelDb(page)).not.toHaveProperty(MODEL_KEY);
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('an offline second visit loads the model from IndexedDB, even with the service worker holding no copy', async ({ page, context }) => {
    test.setTimeout(90_000);
    await page.goto('/?concurrency=1');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload(); // the first visit is not controlled (no clients.claim)
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(async () => Object.keys(await readModelDb(page)), { timeout: 30_000 }).toContain(MODEL_KEY);
    // Take the model out of the service worker's caches: offline, only IndexedDB can have it.
    const removed = await page.evaluate(async (file) => {
      let count = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) if (new URL(request.url).pathname.endsWith(`/models/${file}`)) count += Number(await cache.delete(request));
      }
      return count;
    }, MODEL_FILE);
    expect(removed).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const load = await modelLoad(page);
    expect(load).toMatchObject({ source: 'cache', downloads: 0, error: null });
    await expectClassified(await convert(page, 'offline.png'));
  });
});
