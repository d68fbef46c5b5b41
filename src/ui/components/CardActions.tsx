import { useId, useState } from 'react';
import type { Tier } from '../../core';
import type { Job } from '../conversion/jobs';
import { svgFileName } from '../format';
import { TIER_LABELS } from './TierSelect';

interface Props {
  job: Job;
  svgUrl: string | null;
  onRerun(job: Job, tier: Tier): void;
}

/** Download, copy the markup, or convert this file again at another tier. */
export function CardActions({ job, svgUrl, onRerun }: Props) {
  const name = job.file.name;
  const tierId = useId();
  const [copied, setCopied] = useState<string>('');
  const [tier, setTier] = useState<Tier>(job.tier);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(job.result?.svg ?? '');
      setCopied('SVG markup copied');
    } catch {
      setCopied('Copy failed: the browser refused clipboard access');
    }
    setTimeout(() => setCopied(''), 3000);
  };
  return (
    <div className="card-actions">
      {svgUrl && (
        <a className="button" href={svgUrl} download={svgFileName(name)} title={svgFileName(name)} data-testid="download-svg">
          Download SVG
        </a>
      )}
      {job.result && (
        <button type="button" className="button-secondary" onClick={() => void copy()} data-testid="copy-svg" aria-label={`Copy SVG markup of ${name}`}>
          Copy SVG
        </button>
      )}
      <span className="rerun">
        <label htmlFor={tierId} className="visually-hidden">
          Tier for re-running {name}
        </label>
        <select id={tierId} value={tier} onChange={(event) => setTier(Number(event.target.value) as Tier)} data-testid="rerun-tier">
          {([1, 2, 3] as const).map((t) => (
            <option key={t} value={t}>
              {TIER_LABELS[t]}
            </option>
          ))}
        </select>
        <button type="button" className="button-secondary" onClick={() => onRerun(job, tier)} data-testid="rerun" aria-label={`Re-run ${name} at the chosen tier`}>
          Re-run
        </button>
      </span>
      <span className="muted" role="status" aria-live="polite" data-testid="copy-status">
        {copied}
      </span>
    </div>
  );
}
