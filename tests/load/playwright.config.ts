import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumProject } from '../chromium';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PORT = 4174; // not the e2e port: both may run on one machine

/**
 * Load and soak specs (`npm run loadtest`, via tests/load/run.ts): minutes long, so never part
 * of `npm test`. One Playwright worker: the specs measure throughput and memory of one page.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.load.ts',
  workers: 1,
  retries: 0,
  timeout: 30 * 60_000,
  expect: { timeout: 60_000 },
  reporter: 'list',
  use: { baseURL: `http://127.0.0.1:${PORT}` },
  projects: [
    chromiumProject([
      // measureUserAgentSpecificMemory answers after ~20 ms instead of the next GC (~15 s);
      // still ~60 s while wasm-vips' thread workers exist (see STACK.md).
      '--enable-blink-features=ForceEagerMeasureMemory',
      // performance.memory in exact bytes instead of bucketed values.
      '--enable-precise-memory-info',
    ]),
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    cwd: REPO_ROOT,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
