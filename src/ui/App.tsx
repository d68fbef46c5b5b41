import { useCallback, useState } from 'react';
import type { Tier } from '../core';
import { FilePicker } from './components/FilePicker';
import { PageDropTarget } from './components/PageDropTarget';
import { ResultCard } from './components/ResultCard';
import { TierSelect } from './components/TierSelect';
import { BatchProgressBar } from './components/BatchProgressBar';
import { MemoryPanel } from './components/MemoryPanel';
import { getRuntime } from './conversion/runtime';
import { useConversionQueue } from './conversion/useConversionQueue';

export function App() {
  const [tier, setTier] = useState<Tier>(2);
  const { jobs, progress, addFiles, cancel, remove, clear } = useConversionQueue();
  const onFiles = useCallback((files: File[]) => addFiles(files, tier), [addFiles, tier]);
  const pending = jobs.filter((job) => job.state === 'queued' || job.state === 'working').length;

  return (
    <>
      <PageDropTarget onFiles={onFiles} />
      <header className="app-header">
        <h1>Tracewise</h1>
        <p className="tagline">Logos from PNG to SVG, in your browser. Your images never leave this device.</p>
      </header>
      <main>
        <section className="controls" aria-label="Convert images">
          <FilePicker onFiles={onFiles} />
          <TierSelect value={tier} onChange={setTier} />
          {jobs.length > 0 && (
            <button type="button" className="button-secondary" onClick={clear}>
              Clear all
            </button>
          )}
        </section>
        {progress && <BatchProgressBar progress={progress} onCancel={cancel} />}
        <MemoryPanel monitor={getRuntime().monitor} />
        <p className="visually-hidden" role="status" aria-live="polite">
          {pending > 0 ? `Converting: ${pending} file${pending === 1 ? '' : 's'} left` : jobs.length > 0 ? 'All conversions finished' : ''}
        </p>
        {jobs.length === 0 ? (
          <p className="empty">Add an image to see it traced to SVG, with its size, time and similarity score.</p>
        ) : (
          <ul className="results" aria-label="Results">
            {jobs.map((job) => (
              <ResultCard key={job.id} job={job} onRemove={remove} />
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
