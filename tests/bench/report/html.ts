import type { Summary } from '../aggregate';
import type { CorpusItem } from '../corpus';
import type { ImageRun } from '../runEngine';
import type { RunInfo } from './markdown';
import { escapeXml, scatterSvg } from './scatter';

/**
 * A page a person can judge by eye: the summary table, the SSIM-vs-size scatter, then every
 * image as a row — original, then each engine's SVG (shown by the browser itself from its file)
 * — worst first, so the losses are at the top.
 */
export function htmlReport(
  info: RunInfo,
  rows: Summary[],
  runs: ImageRun[],
  items: CorpusItem[],
  engines: string[],
  labels: Map<string, string>,
  /** Extra HTML placed before the gallery (the gradient before/after of `--before`). */
  extra = '',
): string {
  const byImage = new Map<string, Map<string, ImageRun>>();
  for (const run of runs) {
    if (!byImage.has(run.id)) byImage.set(run.id, new Map());
    byImage.get(run.id)!.set(run.engine, run);
  }
  const primary = engines.filter((e) => e.startsWith('tier'));
  const rankBy = primary.length > 0 ? primary : engines;
  const worst = (item: CorpusItem) => Math.min(...rankBy.map((e) => byImage.get(item.id)?.get(e)?.ssim ?? 0));
  const ordered = [...items].sort((a, b) => worst(a) - worst(b));
  const gallery = ordered.map((item) => {
    const cells = engines.map((engine) => {
      const run = byImage.get(item.id)?.get(engine);
      if (!run?.ok) return `<td class="fail">failed<br><small>${escapeXml(run?.error ?? 'not run')}</small></td>`;
      return (
        `<td><img loading="lazy" src="svg/${engine}/${item.id}.svg" alt="${engine}">` +
        `<br>SSIM ${run.ssim.toFixed(3)}<br>${run.bytes} B (${run.sizeRatio.toFixed(2)}×)<br>${run.ms.toFixed(0)} ms</td>`
      );
    });
    return (
      `<tr><td><img loading="lazy" src="png/${item.id}.png" alt="original"><br><b>${escapeXml(item.id)}</b>` +
      `<br>${item.category}, GT ${item.groundTruthBytes} B</td>${cells.join('')}</tr>`
    );
  });
  const summary = rows.map(
    (r) =>
      `<tr><td>${r.category}</td><td>${escapeXml(labels.get(r.engine) ?? r.engine)}</td><td>${r.images}</td>` +
      `<td>${(r.successRate * 100).toFixed(1)}%</td><td>${r.meanSsim.toFixed(4)}</td><td>${r.medianSsim.toFixed(4)}</td>` +
      `<td>${r.meanMae.toFixed(2)}</td><td>${r.medianSizeRatio.toFixed(2)}×</td><td>${r.medianMs.toFixed(1)}</td><td>${r.p95Ms.toFixed(1)}</td></tr>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tracewise benchmark ${escapeXml(info.date)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top}
.gallery td{text-align:center;font-size:12px}.gallery img{width:128px;height:128px;object-fit:contain;background:#fff;border:1px solid #eee}
.fail{color:#b00}
</style></head><body>
<h1>Tracewise benchmark</h1>
<p>${escapeXml(info.date)} · ${info.images} images (${escapeXml(info.split)} split, ${info.size} px) · ${info.reps} reps · ${escapeXml(info.machine)}<br><code>${escapeXml(info.command)}</code></p>
<table><tr><th>category</th><th>engine</th><th>n</th><th>ok</th><th>mean SSIM</th><th>median SSIM</th><th>mean MAE</th><th>median size ÷ GT</th><th>median ms</th><th>p95 ms</th></tr>
${summary.join('\n')}</table>
<h2>SSIM against size</h2>${scatterSvg(runs, engines, labels)}
${extra}
<h2>Every image, worst first</h2>
<table class="gallery"><tr><th>original</th>${engines.map((e) => `<th>${escapeXml(labels.get(e) ?? e)}</th>`).join('')}</tr>
${gallery.join('\n')}</table></body></html>`;
}
