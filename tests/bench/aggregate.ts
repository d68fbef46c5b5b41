import type { Category, CorpusItem } from './corpus';
import type { ImageRun } from './runEngine';
import { mean, median, quantile } from './stats';

export interface Summary {
  engine: string;
  category: Category | 'all';
  images: number;
  successRate: number;
  meanSsim: number;
  medianSsim: number;
  meanMae: number;
  medianSizeRatio: number;
  medianMs: number;
  p95Ms: number;
  medianCpuMs: number;
}

/** Quality, size and time over the images an engine converted; failures count only in
 * successRate (scoring a failure as SSIM 0 would hide how often it happens behind a mean). */
export function summarise(runs: ImageRun[], items: CorpusItem[], engines: string[]): Summary[] {
  const categoryOf = new Map(items.map((item) => [item.id, item.category]));
  const groups: (Category | 'all')[] = ['all', ...new Set(items.map((item) => item.category))];
  const rows: Summary[] = [];
  for (const engine of engines) {
    for (const category of groups) {
      const all = runs.filter((run) => run.engine === engine && (category === 'all' || categoryOf.get(run.id) === category));
      if (all.length === 0) continue;
      const ok = all.filter((run) => run.ok);
      rows.push({
        engine,
        category,
        images: all.length,
        successRate: ok.length / all.length,
        meanSsim: mean(ok.map((r) => r.ssim)),
        medianSsim: median(ok.map((r) => r.ssim)),
        meanMae: mean(ok.map((r) => r.mae)),
        medianSizeRatio: median(ok.map((r) => r.sizeRatio)),
        medianMs: median(ok.map((r) => r.ms)),
        p95Ms: quantile(ok.map((r) => r.ms), 0.95),
        medianCpuMs: median(ok.map((r) => r.cpuMs)),
      });
    }
  }
  return rows;
}
