import type { ConvertResult } from '../../core';
import { formatBytes, formatMs } from '../format';

interface Props {
  result: ConvertResult;
  originalBytes: number;
}

/** The numbers that say whether a conversion is any good: size, time and measured fidelity. */
export function ResultStats({ result, originalBytes }: Props) {
  const ratio = originalBytes > 0 ? result.bytes / originalBytes : null;
  return (
    <dl className="stats">
      <div>
        <dt>SVG size</dt>
        <dd data-testid="svg-bytes" data-value={result.bytes}>
          {formatBytes(result.bytes)}
          {ratio !== null && <span className="muted"> ({Math.round(ratio * 100)}% of original)</span>}
        </dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd data-testid="time-ms" data-value={Math.round(result.timings.total)}>
          {formatMs(result.timings.total)}
        </dd>
      </div>
      <div>
        <dt>
          <abbr title="Structural similarity of the rendered SVG to the original (1 = identical)">SSIM</abbr>
        </dt>
        <dd data-testid="ssim">{result.quality ? result.quality.ssim.toFixed(3) : 'not measured'}</dd>
      </div>
      <div>
        <dt>Engine</dt>
        <dd data-testid="engine">{result.engine}</dd>
      </div>
      <div>
        <dt>Tier</dt>
        <dd data-testid="tier">{result.tier}</dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd data-testid="logo-class" data-value={result.class ?? ''}>
          {result.class ? `${result.class} (${Math.round((result.confidence ?? 0) * 100)}%)` : result.tier === 1 ? 'not classified at tier 1' : 'unknown'}
        </dd>
      </div>
      <div>
        <dt>Shapes</dt>
        <dd>{result.pathCount}</dd>
      </div>
      {result.search && (
        <div>
          <dt>Candidates</dt>
          <dd data-testid="candidates">
            {result.search.tried} of {result.search.planned}
            {result.search.stoppedByDeadline ? ' (deadline)' : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}
