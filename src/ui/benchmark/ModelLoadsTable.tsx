import type { ModelCacheStats } from '../../core/monitor/performanceMonitor';
import type { WorkerModelLoad } from '../conversion/tracewiseConverter';
import { formatMs } from '../format';

function from(load: WorkerModelLoad): string {
  if (load.source === null) return 'failed';
  if (load.source === 'cache') return load.cacheable ? 'cache hit (IndexedDB)' : 'stored copy (offline)';
  return load.cacheable ? 'network (cache miss)' : 'network';
}

/** Each model-file load of the trace workers: where the verified bytes came from and how long it took. */
export function ModelLoadsTable({ loads, cache, testId }: { loads: readonly WorkerModelLoad[]; cache: ModelCacheStats | null; testId: string }) {
  if (loads.length === 0) return <p className="muted">No model loads yet (a trace worker loads the model when it starts).</p>;
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        {cache && (
          <caption data-testid={`${testId}-cache`} data-hits={cache.hits} data-misses={cache.misses} data-failures={cache.failures}>
            Model cache: {cache.hits} hit(s), {cache.misses} miss(es){cache.failures > 0 ? `, ${cache.failures} failed load(s): conversions ran without AI` : ''}
          </caption>
        )}
        <thead>
          <tr><th scope="col">Worker</th><th scope="col">File</th><th scope="col">From</th><th scope="col">Time</th><th scope="col">Why not cached / error</th></tr>
        </thead>
        <tbody>
          {loads.map((load) => (
            <tr key={`${load.worker}:${load.seq}`} data-file={load.name} data-source={load.source ?? 'failed'} data-ms={load.ms.toFixed(1)}>
              <td>{load.worker}</td><td>{load.name}</td>
              <td>{from(load)}{load.downloads > 1 ? ` (${load.downloads} downloads)` : ''}</td>
              <td>{formatMs(load.ms)}</td><td>{load.error ?? load.missReason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
