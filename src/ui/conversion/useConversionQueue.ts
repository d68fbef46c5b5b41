import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Tier } from '../../core';
import { toConvertOptions, type AdvancedOptions } from './advancedOptions';
import { convertMany, type BatchProgress } from './convertMany';
import { jobsReducer, newJob, rejectBeforeDecoding, type Job } from './jobs';
import { getRuntime } from './runtime';

export interface ConversionQueue {
  jobs: readonly Job[];
  /** Progress of the files added since the queue was last idle; null when idle. */
  progress: BatchProgress | null;
  addFiles(files: readonly File[], tier: Tier, advanced: AdvancedOptions): void;
  /** Converts a card's file again (another tier or options), in place. */
  rerun(job: Job, tier: Tier, advanced: AdvancedOptions): void;
  /** Cancels every unfinished file: their cards end in ABORTED errors. */
  cancel(): void;
  remove(id: string): void;
  clear(): void;
}

interface Batch {
  controller: AbortController;
  progress: BatchProgress;
}

/**
 * Each `addFiles` is one `convertMany` batch on the shared pool; batches added while others run
 * queue behind them (FIFO). Cards keep input order: the reducer never reorders jobs. Removing a
 * card aborts just its file, silently; Cancel aborts the batches, and their cards show ABORTED.
 * Every outcome also goes to the page's PerformanceMonitor (the benchmark panel shows it).
 */
export function useConversionQueue(): ConversionQueue {
  const [jobs, dispatch] = useReducer(jobsReducer, []);
  const batches = useRef(new Set<Batch>());
  const removed = useRef(new Map<string, AbortController>());
  const [progress, setProgress] = useState<BatchProgress | null>(null);

  const publish = useCallback((): void => {
    const all = [...batches.current].map((batch) => batch.progress);
    setProgress(all.length === 0 ? null : combine(all));
  }, []);

  /** Converts already-dispatched jobs as one batch. */
  const run = useCallback(
    (batchJobs: readonly Job[], tier: Tier, advanced: AdvancedOptions): void => {
      if (batchJobs.length === 0) return;
      const items = batchJobs.map((job) => {
        const controller = new AbortController();
        removed.current.set(job.id, controller);
        return controller;
      });
      const batch: Batch = { controller: new AbortController(), progress: emptyProgress(batchJobs.length) };
      batches.current.add(batch);
      const { converter, perf } = getRuntime();
      void convertMany(
        converter,
        batchJobs.map((job) => job.file),
        {
          tier,
          convertOptions: toConvertOptions(advanced),
          signal: batch.controller.signal,
          itemSignal: (index) => items[index].signal,
          onItemStart: (index) => dispatch({ type: 'start', id: batchJobs[index].id }),
          onItemEnd: (index, outcome) => {
            const { id } = batchJobs[index];
            if (outcome.ok) perf.recordResult(outcome.result);
            else if (outcome.error.code !== 'ABORTED') perf.recordFailure(tier, outcome.ms);
            if (removed.current.get(id) === items[index]) removed.current.delete(id);
            if (items[index].signal.aborted) return; // the card is gone (or re-run)
            dispatch(outcome.ok ? { type: 'succeed', id, result: outcome.result } : { type: 'fail', id, error: outcome.error });
          },
          onProgress: (next) => {
            batch.progress = next;
            publish();
          },
        },
      ).finally(() => {
        batches.current.delete(batch);
        publish();
      });
    },
    [publish],
  );

  const addFiles = useCallback(
    (files: readonly File[], tier: Tier, advanced: AdvancedOptions): void => {
      const added = files.map((file) => newJob(file, tier));
      dispatch({ type: 'add', jobs: added });
      const accepted: Job[] = [];
      for (const job of added) {
        const refusal = rejectBeforeDecoding(job.file);
        if (refusal) dispatch({ type: 'fail', id: job.id, error: refusal });
        else accepted.push(job);
      }
      run(accepted, tier, advanced);
    },
    [run],
  );

  const rerun = useCallback(
    (job: Job, tier: Tier, advanced: AdvancedOptions): void => {
      removed.current.get(job.id)?.abort();
      dispatch({ type: 'requeue', id: job.id, tier });
      run([{ ...job, tier }], tier, advanced);
    },
    [run],
  );

  const cancel = useCallback((): void => {
    for (const batch of batches.current) batch.controller.abort();
  }, []);

  // Leaving the page with work in flight: stop it (the runtime terminates the workers on pagehide).
  useEffect(() => cancel, [cancel]);

  return {
    jobs,
    progress,
    addFiles,
    rerun,
    cancel,
    remove: useCallback((id) => {
      removed.current.get(id)?.abort();
      dispatch({ type: 'remove', id });
    }, []),
    clear: useCallback(() => {
      for (const controller of removed.current.values()) controller.abort();
      dispatch({ type: 'clear' });
    }, []),
  };
}

function emptyProgress(total: number): BatchProgress {
  return { total, queued: total, working: 0, done: 0, failed: 0, elapsedMs: 0, etaMs: null };
}

/** Several batches as one bar: counts add up; the ETA is remaining files ÷ the overall rate. */
function combine(all: BatchProgress[]): BatchProgress {
  const sum = (key: 'total' | 'queued' | 'working' | 'done' | 'failed'): number => all.reduce((n, p) => n + p[key], 0);
  const total = sum('total');
  const finished = sum('done') + sum('failed');
  const elapsedMs = Math.max(...all.map((p) => p.elapsedMs));
  const etaMs = finished > 0 ? ((total - finished) * elapsedMs) / finished : null;
  return { total, queued: sum('queued'), working: sum('working'), done: sum('done'), failed: sum('failed'), elapsedMs, etaMs };
}
