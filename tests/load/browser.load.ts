import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makePageImages } from './pageImages';
import { sampleRendererRss } from './rendererRss';
import { MB, summarize } from './stats';

const FILES = Number(process.env.LOAD_FILES ?? 300);
/** Trace workers; unset = the app's own default, min(max(1, cores − 1), 4). */
const CONCURRENCY = process.env.LOAD_CONCURRENCY ? Number(process.env.LOAD_CONCURRENCY) : null;
const TIERS = (process.env.LOAD_TIERS ?? '1,2,3').split(',').map(Number);
const OUT = process.env.LOAD_OUT;

for (const tier of TIERS) {
  test(`tier ${tier}: ${FILES} conversions in flight at once through one pool`, async ({ page }) => {
    page.on('console', (message) => {
      if (/\[monitor\]|crashed|timed out/.test(message.text())) console.log(`  page: ${message.text()}`);
    });
    await page.goto(`/?${CONCURRENCY ? `concurrency=${CONCURRENCY}` : ''}${process.env.LOAD_QUERY ?? ''}`);
    await page.waitForFunction(() => (globalThis as any).__tracewise);
    const concurrency: number = await page.evaluate(() => (globalThis as any).__tracewise.settings.concurrency);
    const inputBytes = await page.evaluate(makePageImages, { count: FILES, minSide: 64, maxSide: 256, seed: 1000 + tier });

    interface Outcome {
      ok: boolean;
      ms: number;
      waitMs: number;
      code: string | null;
    }
    // Playwright's worker process launched this test's Chromium: its process tree is ours.
    const rss = sampleRendererRss(process.pid);
    const run = await page.evaluate(
      async ({ tier, files }) => {
        const runtime = (globalThis as any).__tracewise;
        const images: Blob[] = (globalThis as any).__loadImages;
        // Main-thread responsiveness: how late a 50 ms timer fires while the batch runs.
        let maxLagMs = 0;
        let last = performance.now();
        const lagTimer = setInterval(() => {
          const now = performance.now();
          maxLagMs = Math.max(maxLagMs, now - last - 50);
          last = now;
        }, 50);
        let maxQueued = 0;
        let maxBusy = 0;
        const samplesBefore = runtime.monitor.samples().length;
        const t0 = performance.now();
        // The browser's own figure, started mid-batch (it answers ~60 s later while wasm-vips'
        // threads exist, so it is awaited after the batch, bounded).
        let uaMidBatch: Promise<{ bytes: number; startedAtMs: number; tookMs: number } | null> = Promise.resolve(null);
        const uaTimer = setTimeout(() => {
          const perf = performance as any;
          if (!crossOriginIsolated || !perf.measureUserAgentSpecificMemory) return;
          const startedAtMs = performance.now() - t0;
          uaMidBatch = Promise.race([
            perf.measureUserAgentSpecificMemory().then((r: { bytes: number }) => ({ bytes: r.bytes, startedAtMs, tookMs: performance.now() - t0 - startedAtMs })),
            new Promise<null>((resolve) => setTimeout(() => resolve(null), 100_000)),
          ]).catch(() => null);
        }, 5000);
        // concurrency = files: every file is submitted to the pool at once (its FIFO queue holds
        // Blobs only; pixels are decoded when a trace worker is free).
        const outcomes = await runtime.convertMany(images, {
          tier,
          concurrency: files,
          onProgress: () => {
            const stats = runtime.converter.tracePool.stats();
            maxQueued = Math.max(maxQueued, stats.queued);
            maxBusy = Math.max(maxBusy, stats.busy);
          },
        });
        const wallMs = performance.now() - t0;
        clearInterval(lagTimer);
        clearTimeout(uaTimer);
        const ua = await uaMidBatch;
        // Let the monitor take one more sample and a UA measurement land if one is due.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const samples = runtime.monitor.samples().slice(samplesBefore);
        const uaSeen = samples.map((s: any) => s.ua).filter(Boolean);
        return {
          wallMs,
          maxLagMs,
          maxQueued,
          maxBusy,
          outcomes: outcomes.map((o: any): Outcome => ({ ok: o.ok, ms: o.ms, waitMs: o.waitMs, code: o.ok ? null : o.error.code })) as Outcome[],
          peakEstimateBytes: Math.max(...samples.map((s: any) => s.estimateBytes)),
          monitorPeakBytes: runtime.monitor.peakBytes(),
          uaBytes: [...new Map(uaSeen.map((u: any) => [u.at, u])).values()],
          uaMidBatch: ua,
          lastSample: samples.at(-1),
          pools: { trace: runtime.converter.tracePool.stats(), decode: runtime.converter.decodePool.stats() },
          log: runtime.log.filter((line: string) => line.includes('[monitor]') || line.includes('crash') || line.includes('timed out')),
        };
      },
      { tier, files: FILES },
    );
    const renderer = rss.stop();

    const ok = run.outcomes.filter((o) => o.ok);
    const codes: Record<string, number> = {};
    for (const o of run.outcomes) if (!o.ok) codes[o.code!] = (codes[o.code!] ?? 0) + 1;
    const summary = {
      tier,
      files: FILES,
      inputBytes,
      succeeded: ok.length,
      successRate: ok.length / FILES,
      failures: codes,
      serviceMs: summarize(ok.map((o) => o.ms)),
      latencyMs: summarize(ok.map((o) => o.ms + o.waitMs)),
      wallMs: Math.round(run.wallMs),
      throughputPerSec: Math.round((FILES / run.wallMs) * 1000 * 100) / 100,
      maxQueued: run.maxQueued,
      maxBusy: run.maxBusy,
      mainThreadMaxLagMs: Math.round(run.maxLagMs),
      peakEstimateMB: Math.round(run.peakEstimateBytes / MB),
      renderer,
      monitorPeakMB: Math.round(run.monitorPeakBytes / MB),
      uaMeasurementsMB: run.uaBytes.map((u: any) => ({ MB: Math.round(u.bytes / MB), tookMs: Math.round(u.tookMs) })),
      uaMidBatch: run.uaMidBatch
        ? { MB: Math.round(run.uaMidBatch.bytes / MB), startedAtMs: Math.round(run.uaMidBatch.startedAtMs), tookMs: Math.round(run.uaMidBatch.tookMs) }
        : null,
      lastSample: run.lastSample,
      pools: run.pools,
      log: run.log,
    };
    console.log(JSON.stringify({ ...summary, lastSample: undefined, log: undefined }));
    // One file per tier: a failed test restarts Playwright's worker, so nothing is kept in memory.
    if (OUT) writeFileSync(join(OUT, `browser-tier-${tier}.json`), JSON.stringify({ concurrency, ...summary }, null, 2));
    expect(run.maxQueued).toBeGreaterThanOrEqual(Math.min(FILES, 10 * concurrency) - concurrency - 1); // really in flight
    expect(summary.successRate).toBe(1);
    expect(run.peakEstimateBytes).toBeLessThan(500 * MB);
    if (run.uaMidBatch) expect(run.uaMidBatch.bytes).toBeLessThan(500 * MB);
    if (renderer) expect(renderer.privatePeakMB).toBeLessThan(500);
  });
}
