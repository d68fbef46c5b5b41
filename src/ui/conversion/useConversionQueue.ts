import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ConvertResult, Tier } from '../../core';
import { ConversionFailed, createConverterClient, type ConverterClient } from './converterClient';
import { jobsReducer, newJob, type Job, type JobError } from './jobs';

export interface ConversionQueue {
  jobs: readonly Job[];
  addFiles(files: readonly File[], tier: Tier): void;
  remove(id: string): void;
  clear(): void;
}

/**
 * Converts added files one after another in a single worker. Removing the job that is being
 * converted aborts it (the client terminates the worker); the next job starts a fresh one.
 */
export function useConversionQueue(): ConversionQueue {
  const [jobs, dispatch] = useReducer(jobsReducer, []);
  const client = useRef<ConverterClient | null>(null);
  const running = useRef<{ id: string; controller: AbortController } | null>(null);

  // The state is the schedule: whenever no job is working, start the first queued one.
  useEffect(() => {
    if (jobs.some((job) => job.state === 'working')) return;
    const next = jobs.find((job) => job.state === 'queued');
    if (!next) return;
    const controller = new AbortController();
    running.current = { id: next.id, controller };
    dispatch({ type: 'start', id: next.id });
    client.current ??= createConverterClient();
    convertFile(client.current, controller.signal, next).then(
      (result) => dispatch({ type: 'succeed', id: next.id, result }),
      (error: unknown) => {
        // An aborted job was removed by the user: nothing left to report.
        if (!controller.signal.aborted) dispatch({ type: 'fail', id: next.id, error: toJobError(error) });
      },
    );
  }, [jobs]);

  useEffect(
    () => () => {
      running.current?.controller.abort();
      client.current?.dispose();
      client.current = null;
    },
    [],
  );

  const abortRunning = useCallback((id?: string): void => {
    if (running.current && (id === undefined || running.current.id === id)) running.current.controller.abort();
  }, []);

  return {
    jobs,
    addFiles: useCallback((files, tier) => dispatch({ type: 'add', jobs: files.map((file) => newJob(file, tier)) }), []),
    remove: useCallback(
      (id) => {
        abortRunning(id);
        dispatch({ type: 'remove', id });
      },
      [abortRunning],
    ),
    clear: useCallback(() => {
      abortRunning();
      dispatch({ type: 'clear' });
    }, [abortRunning]),
  };
}

async function convertFile(client: ConverterClient, signal: AbortSignal, job: Job): Promise<ConvertResult> {
  const bytes = new Uint8Array(await job.file.arrayBuffer());
  return client.convert(signal, bytes, { tier: job.tier });
}

function toJobError(error: unknown): JobError {
  if (error instanceof ConversionFailed) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected failure: ${message}` };
}
