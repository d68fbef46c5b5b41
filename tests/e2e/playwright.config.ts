import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumProject } from '../chromium';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** E2E_PORT: another checkout's preview server on 4173 would otherwise be silently reused
 * (reuseExistingServer) and the tests would run against its build. */
const PORT = Number(process.env.E2E_PORT ?? 4173);

/**
 * End-to-end tests in real Chromium against the production build (`npm run test:e2e` builds
 * first). Playwright cannot download browsers here, so it drives Debian's /usr/bin/chromium.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // Each page starts wasm-vips (6 pthreads, ~270 MB): more than two at once starves 2 cores.
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    // The app registers a service worker that precaches ~23 MB (wasm, models). Specs that are
    // not about offline use run without it, as before it existed; pwa/session specs opt in.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
  },
  projects: [chromiumProject()],
  webServer: {
    // Serves the already-built dist/ with the COOP/COEP headers from vite.config.ts.
    command: `npx vite preview --port ${PORT} --strictPort`,
    cwd: REPO_ROOT,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
