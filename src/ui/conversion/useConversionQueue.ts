import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Tier } from '../../core';
import { convertMany, type BatchProgress } from './convertMany';
import { jobsReducer, newJob, type Job } from './jobs';
import { getRuntime } from './runtime';

export interface ConversionQueue {
  jobs: readonly Job[];
  /** Progress of the files added since the queue was last idle; null when idle. */
  progress: BatchProgress | null;
  addFiles(files: readonly File[], tier: Tier): void;
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

  const addFiles = useCallback(
    (files: readonly File[], tier: Tier): void => {
      const added = files.map((file) => newJob(file, tier));
      const items = added.map((job) => {
        const controller = new AbortController();
        removed.current.set(job.id, controller);
        return controller;
      });
      dispatch({ type: 'add', jobs: added });
      const batch: Batch = { controller: new AbortController(), progress: emptyProgress(files.length) };
      batches.current.add(batch);
      const { converter } = getRuntime();
      void convertMany(converter, files, {
        tier,
        signal: batch.controller.signal,
        itemSignal: (index) => items[index].signal,
        onItemStart: (index) => dispatch({ type: 'start', id: added[index].id }),
        onItemEnd: (index, outcome) => {
          const { id } = added[index];
          removed.current.delete(id);
          if (items[index].signal.aborted) return; // the card is gone
          dispatch(outcome.ok ? { type: 'succeed', id, result: outcome.result } : { type: 'fail', id, error: outcome.error });
        },
        onProgress: (next) => {
          batch.progress = next;
          publish();
        },
      }).finally(() => {
        batches.current.delete(batch);
        publish();
      });
    },
    [publish],
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
