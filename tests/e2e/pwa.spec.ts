import { expect, test } from '@playwright/test';
import { renderPng } from './logoPng';

// This spec is about the service worker: let the page register it (the config blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('after one visit the app is installable, reloads offline still cross-origin isolated, and converts offline', async ({ page, context }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/');
  // Installed = every precached file (wasm, models, samples) is in the cache.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload(); // the first visit is not controlled (no clients.claim: updates wait for consent)
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByTestId('offline-ready')).toBeVisible();

  // Chromium's own installability verdict (manifest, icons, service worker).
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  // Playwright's contexts are incognito profiles, where Chromium never offers installation.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const { errors: manifestErrors } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
  expect(manifestErrors).toEqual([]);
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
  expect(manifest).toMatchObject({ display: 'standalone', theme_color: '#0f766e', short_name: 'Tracewise' });

  await context.setOffline(true);
  // A URL the service worker does not hold: only the network could answer it.
  const probe = () => page.evaluate(() => fetch(`/not-precached-${Date.now()}.txt`, { cache: 'no-store' }).then(() => 'online', () => 'offline'));
  expect(await probe()).toBe('offline');
  await page.reload();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  expect(await probe()).toBe('offline');
  await page.getByTestId('file-input').setInputFiles({ name: 'offline.png', mimeType: 'image/png', buffer: await renderPng() });
  const card = page.locator('[data-testid="result-card"][data-file="offline.png"]');
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 45_000 });
  await expect(card.getByTestId('tier')).toHaveText('2');
  // Tier 2 classified with the model, loaded offline (IndexedDB or the service worker's cache).
  await expect(card.getByTestId('logo-class')).not.toHaveAttribute('data-value', '');
  await expect(card.getByTestId('fallback')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('offline.png') });
  await testInfo.attach('offline-convert', { path: testInfo.outputPath('offline.png'), contentType: 'image/png' });
});
