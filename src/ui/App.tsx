import { useCallback, useEffect, useRef, useState } from 'react';
import type { Tier } from '../core';
import { BenchmarkPanel } from './benchmark/BenchmarkPanel';
import { About } from './components/About';
import { AdvancedOptionsPanel } from './components/AdvancedOptionsPanel';
import { BatchProgressBar } from './components/BatchProgressBar';
import { FilePicker } from './components/FilePicker';
import { MemoryPanel } from './components/MemoryPanel';
import { PageDropTarget } from './components/PageDropTarget';
import { ResultCard } from './components/ResultCard';
import { TierSelect } from './components/TierSelect';
import { UpdatePrompt } from './components/UpdatePrompt';
import { ZipButton } from './components/ZipButton';
import { DEFAULT_ADVANCED, type AdvancedOptions } from './conversion/advancedOptions';
import type { Job } from './conversion/jobs';
import { getRuntime } from './conversion/runtime';
import { useConversionQueue } from './conversion/useConversionQueue';
import { startModels } from './models/startModels';
import { afterStartUp } from './pwa/afterStartUp';
import { useServiceWorker } from './pwa/useServiceWorker';
import { usePasteFiles } from './usePasteFiles';

const VIEWS = [
  { id: 'convert', label: 'Convert' },
  { id: 'benchmark', label: 'Benchmark' },
  { id: 'about', label: 'About' },
] as const;
type View = (typeof VIEWS)[number]['id'];

export function App() {
  const [view, setView] = useState<View>('convert');
  const [tier, setTier] = useState<Tier>(2);
  const [advanced, setAdvanced] = useState<AdvancedOptions>({ ...DEFAULT_ADVANCED });
  const { jobs, progress, addFiles, rerun, cancel, remove, clear } = useConversionQueue();
  const onFiles = useCallback(
    (files: File[]) => {
      setView('convert');
      addFiles(files, tier, advanced);
    },
    [addFiles, tier, advanced],
  );
  const advancedRef = useRef(advanced);
  advancedRef.current = advanced;
  const onRerun = useCallback((job: Job, rerunTier: Tier) => rerun(job, rerunTier, advancedRef.current), [rerun]);
  usePasteFiles(onFiles);
  const pending = jobs.filter((job) => job.state === 'queued' || job.state === 'working').length;
  const busy = useRef(false);
  busy.current = pending > 0 || progress !== null;
  const sw = useServiceWorker(() => busy.current, () => afterStartUp(getRuntime()));
  // After the first paint: a trace worker loads the model in the background (src/ui/models).
  useEffect(() => startModels(getRuntime()), []);

  return (
    <>
      <PageDropTarget onFiles={onFiles} />
      <header className="app-header">
        <h1>Tracewise</h1>
        <p className="tagline">Logos from PNG to SVG, in your browser. Your images never leave this device.</p>
        <nav className="tabs" role="tablist" aria-label="Views">
          {VIEWS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={view === id}
              aria-controls={`panel-${id}`}
              className="tab"
              data-testid={`tab-${id}`}
              onClick={() => setView(id)}
            >
              {label}
            </button>
          ))}
        </nav>
      </header>
      <UpdatePrompt updateReady={sw.updateReady} busy={busy.current} onUpdate={sw.applyUpdate} />
      <main>
        <div role="tabpanel" id="panel-convert" aria-labelledby="tab-convert" hidden={view !== 'convert'}>
          <section className="controls" aria-label="Convert images">
            <FilePicker onFiles={onFiles} />
            <TierSelect value={tier} onChange={setTier} />
            <ZipButton jobs={jobs} />
            {jobs.length > 0 && (
              <button type="button" className="button-secondary" onClick={clear}>
                Clear all
              </button>
            )}
            <AdvancedOptionsPanel value={advanced} onChange={setAdvanced} />
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
                <ResultCard key={job.id} job={job} onRemove={remove} onRerun={onRerun} />
              ))}
            </ul>
          )}
        </div>
        <div role="tabpanel" id="panel-benchmark" aria-labelledby="tab-benchmark" hidden={view !== 'benchmark'}>
          <BenchmarkPanel />
        </div>
        <div role="tabpanel" id="panel-about" aria-labelledby="tab-about" hidden={view !== 'about'}>
          {view === 'about' && <About />}
        </div>
      </main>
      {sw.offlineReady && <p className="offline-note muted" data-testid="offline-ready">Ready to work offline.</p>}
    </>
  );
}
