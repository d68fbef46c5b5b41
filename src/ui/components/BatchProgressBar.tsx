import type { BatchProgress } from '../conversion/convertMany';

interface Props {
  progress: BatchProgress;
  onCancel(): void;
}

/** Counts, a bar and an ETA for the files in flight, with the one button that stops them all. */
export function BatchProgressBar({ progress, onCancel }: Props) {
  const { total, queued, working, done, failed, etaMs } = progress;
  const finished = done + failed;
  return (
    <section className="batch" aria-label="Batch progress" data-testid="batch-progress">
      <progress max={total} value={finished} data-testid="batch-bar" aria-label={`${finished} of ${total} files finished`} />
      <p className="batch-counts">
        <span data-testid="count-queued">{queued}</span> queued · <span data-testid="count-working">{working}</span> working ·{' '}
        <span data-testid="count-done">{done}</span> done · <span data-testid="count-failed">{failed}</span> failed
        {' · '}
        <span data-testid="batch-eta">{etaMs === null ? 'estimating…' : `about ${formatEta(etaMs)} left`}</span>
      </p>
      <button type="button" className="button-secondary" onClick={onCancel} data-testid="cancel-batch">
        Cancel
      </button>
    </section>
  );
}

function formatEta(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
