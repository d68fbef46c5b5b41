import { formatBytes, formatMs } from '../format';
import { Bars, MemoryChart } from './Charts';
import { ModelLoadsTable } from './ModelLoadsTable';
import type { BenchReport } from './runBenchmark';

/** The report as tables and bars: per tier, model loads, per-operation thresholds. */
export function BenchmarkResults({ report }: { report: BenchReport }) {
  const ops = Object.entries(report.operations);
  return (
    <div className="bench-results" data-testid="bench-results">
      <div className="table-scroll">
        <table data-testid="bench-tiers">
          <caption>
            {report.samples} samples per tier, one at a time, {report.traceWorkers} trace worker(s), after a {formatMs(report.warmUpMs)} warm-up{report.crossOriginIsolated ? '' : ' (not cross-origin isolated!)'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Median time</th>
              <th scope="col">p95 time</th>
              <th scope="col">Mean SSIM</th>
              <th scope="col">Median size</th>
              <th scope="col">Size ÷ PNG</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {report.tiers.map((t) => (
              <tr key={t.tier} data-testid="bench-tier-row" data-tier={t.tier}>
                <th scope="row">{t.tier}</th>
                <td data-testid="bench-median-ms" data-value={t.medianMs.toFixed(1)}>{formatMs(t.medianMs)}</td>
                <td data-value={t.p95Ms.toFixed(1)}>{formatMs(t.p95Ms)}</td>
                <td data-testid="bench-ssim" data-value={t.meanSsim ?? ''}>{t.meanSsim?.toFixed(4) ?? '—'}</td>
                <td data-value={t.medianBytes ?? ''}>{t.medianBytes === null ? '—' : formatBytes(t.medianBytes)}</td>
                <td>{t.medianRatio === null ? '—' : `${t.medianRatio.toFixed(2)}×`}</td>
                <td>{t.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="charts">
        <Bars title="Median time (ms) per tier" testId="chart-time" rows={report.tiers.map((t) => ({ label: `Tier ${t.tier}`, value: t.medianMs, text: formatMs(t.medianMs) }))} />
        <Bars title="Mean SSIM per tier" testId="chart-ssim" rows={report.tiers.map((t) => ({ label: `Tier ${t.tier}`, value: t.meanSsim ?? 0, text: t.meanSsim?.toFixed(3) ?? '—' }))} />
        <Bars title="Median SVG size per tier" testId="chart-size" rows={report.tiers.map((t) => ({ label: `Tier ${t.tier}`, value: t.medianBytes ?? 0, text: t.medianBytes === null ? '—' : formatBytes(t.medianBytes) }))} />
      </div>
      <MemoryChart memory={report.memory} />

      <h3>Model loads (trace workers)</h3>
      <ModelLoadsTable loads={report.modelLoads} cache={report.modelCache} testId="bench-models" />

      <h3>Per-operation timings (performance monitor, whole session)</h3>
      <div className="table-scroll">
        <table data-testid="bench-operations">
          <thead>
            <tr><th scope="col">Operation</th><th scope="col">Count</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">Max</th><th scope="col">Threshold</th><th scope="col">Over threshold</th></tr>
          </thead>
          <tbody>
            {ops.map(([name, s]) => (
              <tr key={name} className={s!.breaches > 0 ? 'breach' : undefined} data-breaches={s!.breaches}>
                <th scope="row">{name}</th><td>{s!.count}{s!.failures > 0 ? ` (${s!.failures} failed)` : ''}</td>
                <td>{formatMs(s!.p50)}</td><td>{formatMs(s!.p95)}</td><td>{formatMs(s!.max)}</td><td>{formatMs(s!.threshold)}</td>
                <td>{s!.breaches > 0 ? <strong>⚠ {s!.breaches}</strong> : '0'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
