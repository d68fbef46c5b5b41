// From its own module, not the core's index: that would pull the whole core into the page bundle.
import { PerformanceMonitor } from '../../core/monitor/performanceMonitor';
import { startupMark } from '../../core/monitor/startupMark';
import { createMemoryMonitor, type MemoryMonitor } from '../monitor/memoryMonitor';
import { convertMany, type BatchOptions } from './convertMany';
import { readSettings, type ConverterSettings } from './settings';
import { createTracewiseConverter, type TracewiseConverter } from './tracewiseConverter';

export interface Runtime {
  settings: ConverterSettings;
  converter: TracewiseConverter;
  monitor: MemoryMonitor;
  /** Every conversion's stage timings against their thresholds (the benchmark panel shows it). */
  perf: PerformanceMonitor;
  /** Pool and monitor actions, newest last (also on the console). */
  log: string[];
}

let runtime: Runtime | null = null;

/**
 * The page's one converter (pools) and memory monitor, started on first use and shut down when
 * the page goes away (workers terminated, their wasm memory released). Also reachable as
 * `window.__tracewise` so Playwright load and soak tests can drive `convertMany` and read the
 * monitor's timeline without going through 1,000 cards.
 */
export function getRuntime(): Runtime {
  if (runtime) return runtime;
  const settings = readSettings();
  const log: string[] = [];
  const append = (line: string): void => {
    log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (log.length > 1000) log.splice(0, log.length - 1000);
    console.info(line);
  };
  const converter = createTracewiseConverter(settings, append);
  const monitor = createMemoryMonitor(converter, { alertBytes: settings.alertBytes, log: append });
  const perf = new PerformanceMonitor();
  perf.onSlow((slow) => append(`[perf] ${slow.name} took ${Math.round(slow.ms)} ms (threshold ${slow.threshold} ms)`));
  runtime = { settings, converter, monitor, perf, log: log };
  startupMark('runtime'); // the page's script has run and React has mounted
  addEventListener('pagehide', (event) => {
    if (event.persisted) return; // kept in the back/forward cache: it may come back as it was
    monitor.stop();
    converter.shutdown();
    runtime = null;
  });
  Object.assign(globalThis, {
    __tracewise: {
      ...runtime,
      convertMany: (files: Blob[], options: BatchOptions) => convertMany(converter, files, options),
    },
  });
  return runtime;
}
