import { useEffect, useState } from 'react';
import type { MemorySample } from '../monitor/memoryMonitor';
import type { MemoryMonitor } from '../monitor/memoryMonitor';

const MB = 2 ** 20;
const POINTS = 120;

interface Props {
  monitor: MemoryMonitor;
}

/** The monitor's timeline as a sparkline (last two minutes), with peak and the browser's own
 * measurement. Collapsed by default: it is for the curious and for bug reports. */
export function MemoryPanel({ monitor }: Props) {
  const [latest, setLatest] = useState<MemorySample | null>(null);
  useEffect(() => monitor.subscribe(setLatest), [monitor]);
  if (!latest) return null;
  const recent = monitor.samples().slice(-POINTS);
  const top = Math.max(...recent.map((s) => s.estimateBytes), 1);
  const points = recent.map((s, i) => `${i},${40 - (s.estimateBytes / top) * 38}`).join(' ');
  return (
    <details className="memory" data-testid="memory-panel">
      <summary>
        Memory: <span data-testid="memory-estimate">{(latest.estimateBytes / MB).toFixed(0)}</span> MB
        {latest.underPressure && ' (under pressure: load reduced)'}
      </summary>
      <svg viewBox={`0 0 ${POINTS} 40`} className="sparkline" aria-hidden="true" preserveAspectRatio="none">
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1" />
      </svg>
      <p className="muted">
        Peak {(monitor.peakBytes() / MB).toFixed(0)} MB · {latest.workers.length} worker(s), {latest.busy} busy, {latest.queued} queued
        {latest.ua && ` · browser-measured ${(latest.ua.bytes / MB).toFixed(0)} MB (took ${(latest.ua.tookMs / 1000).toFixed(1)} s)`}
      </p>
    </details>
  );
}
