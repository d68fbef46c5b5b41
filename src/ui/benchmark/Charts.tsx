/** Horizontal CSS bars: one row per item, widths relative to the largest value. */
export function Bars({ title, rows, testId }: { title: string; rows: { label: string; value: number; text: string }[]; testId: string }) {
  const top = Math.max(...rows.map((row) => row.value), Number.EPSILON);
  return (
    <figure className="bars" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {rows.map((row) => (
        <div className="bar-row" key={row.label}>
          <span className="bar-label">{row.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(row.value / top) * 100}%` }} />
          </span>
          <span className="bar-value">{row.text}</span>
        </div>
      ))}
    </figure>
  );
}

const MB = 2 ** 20;

/** The memory monitor's estimate during the run (and the browser's measurement where it has one). */
export function MemoryChart({ memory }: { memory: { atMs: number; estimateBytes: number; uaBytes: number | null }[] }) {
  if (memory.length < 2) return <p className="muted">Too short a run for a memory timeline.</p>;
  const end = memory[memory.length - 1].atMs || 1;
  const top = Math.max(...memory.map((m) => Math.max(m.estimateBytes, m.uaBytes ?? 0)), 1);
  const point = (at: number, bytes: number): string => `${((at / end) * 300).toFixed(1)},${(78 - (bytes / top) * 74).toFixed(1)}`;
  const estimate = memory.map((m) => point(m.atMs, m.estimateBytes)).join(' ');
  const ua = memory.filter((m) => m.uaBytes !== null).map((m) => point(m.atMs, m.uaBytes!));
  return (
    <figure className="memory-chart" data-testid="bench-memory">
      <figcaption>
        Memory during the run: estimate (line), peak {(top / MB).toFixed(0)} MB over {(end / 1000).toFixed(1)} s
        {ua.length > 0 && ' · dots: browser-measured'}
      </figcaption>
      <svg viewBox="0 0 300 80" role="img" aria-label={`Memory estimate over the run, peak ${(top / MB).toFixed(0)} MB`} preserveAspectRatio="none">
        <polyline points={estimate} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
        {ua.map((p) => {
          const [x, y] = p.split(',');
          return <circle key={p} cx={x} cy={y} r="2" className="ua-dot" />;
        })}
      </svg>
    </figure>
  );
}
