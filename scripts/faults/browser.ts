// Browser faults through the app's own worker pool (window.__tracewise.convertMany), in Debian's
// Chromium against a production build: the pool's test hooks (?fault=crash-once / hang-once with
// ?deadline) and network-level faults on the files the workers fetch (page.route).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { FaultInput } from './corpus';
import type { Outcome } from './outcome';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A build of our own, so a concurrent `npm run test:e2e` rebuilding dist/ cannot pull files away. */
export const BUILD_DIR = fileURLToPath(new URL('../../node_modules/.cache/tracewise-faults/dist', import.meta.url));
const PORT = 4179;
const VITE = fileURLToPath(new URL('../../node_modules/.bin/vite', import.meta.url));

export interface BrowserScenario {
  kind: 'browser';
  id: string;
  fault: string;
  expectSvg: number;
  /** Share that should still be classified by the model (when the fault leaves it reachable). */
  expectClassified?: number;
  why: string;
  query: string;
  /** Installs network faults on the page before it loads. */
  routes?(page: Page): Promise<unknown>;
}

/** Prepended to the trace worker's script: IndexedDB refuses to open, as in a context where it
 * is denied (Chromium throws this SecurityError synchronously from open()). */
const DENY_INDEXED_DB = `IDBFactory.prototype.open = function () {
  throw new DOMException("Failed to execute 'open' on 'IDBFactory': access to the Indexed Database API is denied in this context.", 'SecurityError');
};\n`;

export const BROWSER_SCENARIOS: BrowserScenario[] = [
  { kind: 'browser', id: 'browser-baseline', fault: 'none (control)', expectSvg: 1, expectClassified: 1, why: 'nothing is broken', query: '' },
  {
    kind: 'browser',
    id: 'browser-worker-crash',
    fault: 'a trace worker dies mid-job (wasm trap, ?fault=crash-once)',
    expectSvg: 1,
    why: 'the pool replaces the worker and retries the file once',
    query: '&fault=crash-once',
  },
  {
    kind: 'browser',
    id: 'browser-job-past-deadline',
    fault: 'a trace worker never answers (?fault=hang-once); the tier\'s own deadline',
    expectSvg: 0.95,
    why: 'by design that one file ends TIMEOUT; its worker is terminated and the rest convert',
    // The tier's own deadline: worker start-up has its own 60 s limit now, so a cold start no
    // longer eats into the job's hard deadline (which once needed ?deadline=15000 here).
    query: '&fault=hang-once',
  },
  {
    kind: 'browser',
    id: 'browser-model-404',
    fault: 'models/classifier.onnx answers HTTP 404',
    expectSvg: 1,
    why: 'traced without AI (fallback from "ai")',
    query: '',
    routes: (page) => page.route('**/models/classifier.onnx', (route) => route.fulfill({ status: 404, body: 'not found' })),
  },
  {
    kind: 'browser',
    id: 'browser-model-corrupt',
    fault: 'models/classifier.onnx served with flipped bytes',
    expectSvg: 1,
    why: 'MODEL_INVALID → traced without AI',
    query: '',
    routes: (page) =>
      page.route('**/models/classifier.onnx', async (route) => {
        const response = await route.fetch();
        const body = Buffer.from(await response.body());
        for (let i = 0; i < body.length; i += 97) body[i] ^= 0x5a;
        await route.fulfill({ response, body });
      }),
  },
  {
    kind: 'browser',
    id: 'browser-indexeddb-denied',
    fault: 'IndexedDB denied in the workers (open() throws SecurityError)',
    expectSvg: 1,
    expectClassified: 1,
    why: 'the model cache is optional: models should come from the network, classes still assigned',
    query: '',
    routes: (page) =>
      page.route(/\/assets\/traceWorker-[^/]*\.js$/, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: DENY_INDEXED_DB + (await response.text()) });
      }),
  },
];

export interface BrowserRun {
  outcomes: Outcome[];
  poolAliveAfter: boolean;
  log: string[];
}

export class BrowserRig {
  private constructor(
    private readonly server: ChildProcess,
    private readonly browser: Browser,
  ) {}

  /** Builds the app into BUILD_DIR (unless `reuseBuild`), serves it, starts Chromium. */
  static async start({ reuseBuild = false } = {}): Promise<BrowserRig> {
    if (!reuseBuild) await run(VITE, ['build', '--outDir', BUILD_DIR, '--emptyOutDir', '--logLevel', 'warn']);
    // Its own process group, so stop() ends the server and nothing else.
    const server = spawn(VITE, ['preview', '--port', String(PORT), '--strictPort', '--outDir', BUILD_DIR], { cwd: ROOT, stdio: 'ignore', detached: true });
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return new BrowserRig(server, browser);
  }

  async run(scenario: BrowserScenario, inputs: FaultInput[], tier: 1 | 2 | 3): Promise<BrowserRun> {
    const context: BrowserContext = await this.browser.newContext();
    try {
      const page = await context.newPage();
      await scenario.routes?.(page);
      await page.goto(`http://127.0.0.1:${PORT}/?concurrency=2${scenario.query}`);
      await page.waitForFunction(() => (globalThis as any).__tracewise, null, { timeout: 30_000 });
      const files = inputs.map((input) => ({ name: input.name, base64: Buffer.from(input.bytes).toString('base64') }));
      const result = await page.evaluate(
        async ({ files, tier }) => {
          const runtime = (globalThis as any).__tracewise;
          const blobs = files.map((f) => new Blob([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
          const outcomes = await runtime.convertMany(blobs, { tier, concurrency: files.length });
          const after = await runtime.convertMany([blobs[0]], { tier });
          return {
            outcomes: outcomes.map((o: any, i: number) => ({
              file: files[i].name,
              ok: o.ok,
              ended: true,
              code: o.ok ? null : o.error.code,
              message: o.ok ? null : o.error.message,
              fallbackFrom: o.ok ? (o.result.fallback?.from ?? null) : null,
              classified: o.ok && o.result.class !== null,
              ms: o.ms,
              breach: null,
            })),
            poolAliveAfter: after[0].ok,
            log: runtime.log.slice(-40),
          };
        },
        { files, tier },
      );
      return result as BrowserRun;
    } finally {
      await context.close();
    }
  }

  async stop(): Promise<void> {
    await this.browser.close();
    if (this.server.pid) process.kill(-this.server.pid, 'SIGTERM');
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up.`);
}
