import { memo, useState } from 'react';
import type { Tier } from '../../core';
import type { Job } from '../conversion/jobs';
import { errorHint } from '../errorHints';
import { useObjectUrl } from '../useObjectUrl';
import { CardActions } from './CardActions';
import { CompareView } from './CompareView';
import { Preview } from './Preview';
import { ResultStats } from './ResultStats';

interface Props {
  job: Job;
  onRemove(id: string): void;
  onRerun(job: Job, tier: Tier): void;
}

const STATUS_TEXT: Record<Job['state'], string> = {
  queued: 'Waiting…',
  working: 'Converting…',
  done: 'Done',
  error: 'Failed',
};

/** Memoised: a 300-file batch updates progress ~600 times, and only the changed card (a new
 * `job` object) needs to render again. The overlay compare view mounts only when asked for. */
export const ResultCard = memo(function ResultCard({ job, onRemove, onRerun }: Props) {
  const name = job.file.name;
  const originalUrl = useObjectUrl(job.file);
  const svgUrl = useObjectUrl(job.svgBlob);
  const [compare, setCompare] = useState(false);
  const titleId = `${job.id}-title`;
  const comparing = compare && job.state === 'done' && job.result && originalUrl && svgUrl;

  return (
    <li
      className={`card card-${job.state}`}
      data-testid="result-card"
      data-file={name}
      data-state={job.state}
      aria-labelledby={titleId}
      aria-busy={job.state === 'queued' || job.state === 'working'}
    >
      <header className="card-header">
        <h2 id={titleId} className="card-title" title={name}>
          {name}
        </h2>
        <span className={`badge badge-${job.state}`} data-testid="card-status">
          {STATUS_TEXT[job.state]}
        </span>
        <button type="button" className="icon-button" onClick={() => onRemove(job.id)} aria-label={`Remove ${name}`}>
          ×
        </button>
      </header>

      {job.state === 'done' && (
        <div className="view-toggle" role="group" aria-label={`View of ${name}`}>
          <button type="button" className="button-secondary" aria-pressed={!compare} onClick={() => setCompare(false)} data-testid="view-side">
            Side by side
          </button>
          <button type="button" className="button-secondary" aria-pressed={compare} onClick={() => setCompare(true)} data-testid="view-compare">
            Compare &amp; zoom
          </button>
        </div>
      )}

      {comparing ? (
        <CompareView originalUrl={originalUrl} svgUrl={svgUrl} width={job.result!.width} height={job.result!.height} name={name} />
      ) : (
        <div className="previews">
          <Preview src={originalUrl} alt={`Original ${name}`} caption="Original" testId="original-image" fallback="No preview" />
          <Preview
            src={svgUrl}
            alt={`SVG traced from ${name}`}
            caption="SVG"
            testId="svg-output"
            fallback={job.state === 'error' ? '—' : <span className="spinner" aria-hidden="true" />}
          />
        </div>
      )}

      {job.state === 'done' && job.result && (
        <>
          <ResultStats result={job.result} originalBytes={job.file.size} />
          {job.result.fallback && (
            <p className="notice" data-testid="fallback">
              Fallback from {job.result.fallback.from}: {job.result.fallback.reason}
            </p>
          )}
        </>
      )}

      {job.state === 'error' && job.error && (
        <div className="error" role="alert">
          <p>
            <code data-testid="error-code">{job.error.code}</code>{' '}
            <span data-testid="error-message">{job.error.message}</span>
          </p>
          {errorHint(job.error.code) && <p className="muted">{errorHint(job.error.code)}</p>}
        </div>
      )}

      {(job.state === 'done' || job.state === 'error') && <CardActions job={job} svgUrl={svgUrl} onRerun={onRerun} />}
    </li>
  );
});
