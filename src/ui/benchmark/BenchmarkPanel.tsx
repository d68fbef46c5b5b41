import { useEffect, useRef, useState } from 'react';
import type { Tier } from '../../core';
import { getRuntime } from '../conversion/runtime';
import { saveBlob } from '../download';
import { modelLoadFeed } from '../models/startModels';
import { BenchmarkResults } from './BenchmarkResults';
import { ModelLoadsTable } from './ModelLoadsTable';
import { runBenchmark, type BenchProgress, type BenchReport } from './runBenchmark';

const TIERS: readonly Tier[] = [1, 2, 3];

/** Test hook: `?benchSamples=N` runs only the first N samples (the e2e suite keeps it short). */
function sampleLimit(): number | undefined {
  const raw = Number(new URLSearchParams(location.search).get('benchSamples'));
  return Number.isInteger(raw) && raw > 0 ? raw : undefined;
}

/** The trace workers' model loads as they happen (the background preload's first). */
function useModelLoads() {
  const feed = modelLoadFeed(getRuntime());
  const [loads, setLoads] = useState(() => [...feed.loads()]);
  useEffect(() => {
    setLoads([...feed.loads()]);
    return feed.subscribe((all) => setLoads([...all]));
  }, [feed]);
  return loads;
}

/** Runs the built-in samples through every tier in this browser and shows what it measured. */
export function BenchmarkPanel() {
  const [progress, setProgress] = useState<BenchProgress | null>(null);
  const [report, setReport] = useState<BenchReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const modelLoads = useModelLoads();

  const start = async (): Promise<void> => {
    controller.current = new AbortController();
    setError(null);
    setReport(null);
    try {
      setReport(await runBenchmark(controller.current.signal, getRuntime(), { tiers: TIERS, limit: sampleLimit(), onProgress: setProgress }));
    } catch (caught) {
      if (!controller.current.signal.aborted) setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };
  const exportJson = (): void => {
    if (report) saveBlob(new Blob([JSON.stringify(report, null, 1)], { type: 'application/json' }), `tracewise-benchmark-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  };

  return (
    <section className="benchmark" aria-labelledby="bench-title" data-testid="benchmark-panel">
      <h2 id="bench-title">Benchmark in this browser</h2>
      <p className="muted">
        Converts the built-in sample logos (see About) at each tier, one at a time, on this device, and reports time, similarity
        (SSIM), size, model loading and memory. Nothing is sent anywhere; export the report to share it.
      </p>
      <div className="bench-controls">
        <button type="button" className="button" onClick={() => void start()} disabled={progress !== null} data-testid="bench-run">
          {report ? 'Run again' : 'Run benchmark'}
        </button>
        {progress && (
          <button type="button" className="button-secondary" onClick={() => controller.current?.abort()}>
            Stop
          </button>
        )}
        {report && (
          <button type="button" className="button-secondary" onClick={exportJson} data-testid="bench-export">
            Export JSON
          </button>
        )}
      </div>
      {progress && (
        <p role="status" data-testid="bench-progress">
          <progress max={progress.total} value={progress.done} aria-label="Benchmark progress" /> {progress.done} / {progress.total} {progress.current}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          Benchmark failed: {error}
        </p>
      )}
      {report && <BenchmarkResults report={report} />}
      {!report && (
        <>
          <h3>Model loads so far</h3>
          <ModelLoadsTable loads={modelLoads} cache={getRuntime().perf.modelCacheStats()} testId="model-loads" />
        </>
      )}
    </section>
  );
}
