import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusItem } from '../corpus';
import type { ImageRun } from '../runEngine';
import { median } from '../stats';
import { escapeXml } from './scatter';

/** One engine's result on one image in an earlier report folder (`--before DIR`). */
export interface EarlierRun {
  id: string;
  engine: string;
  ok: boolean;
  ssim: number;
  bytes: number;
  sizeRatio: number;
  svg: string;
}

/** An earlier report's runs of the given engines, with their SVGs read back from its svg/ folder. */
export function loadEarlierRuns(dir: string, engines: string[]): EarlierRun[] {
  const file = join(dir, 'results.json');
  if (!existsSync(file)) throw new Error(`--before: no results.json in ${dir}`);
  const { runs } = JSON.parse(readFileSync(file, 'utf8')) as { runs: Omit<EarlierRun, 'svg'>[] };
  return runs
    .filter((run) => run.ok && engines.includes(run.engine))
    .flatMap((run) => {
      const svgFile = join(dir, 'svg', run.engine, `${run.id}.svg`);
      return existsSync(svgFile) ? [{ ...run, svg: readFileSync(svgFile, 'utf8') }] : [];
    });
}

/**
 * The gradient category before and after, in pictures: for each Tracewise tier that both runs
 * have, a summary line and one row per gradient image — original, earlier SVG, this run's SVG —
 * largest size change first. The earlier SVGs are copied beside this report (svg-before/).
 */
export function beforeAfterSection(before: EarlierRun[], runs: ImageRun[], items: CorpusItem[], beforeDir: string, category = 'gradient'): string {
  const picked = items.filter((item) => item.category === category);
  const engines = [...new Set(before.map((run) => run.engine))].filter((engine) => runs.some((run) => run.engine === engine));
  if (picked.length === 0 || engines.length === 0) return '';
  const sections = engines.map((engine) => {
    const pairs = picked.flatMap((item) => {
      const was = before.find((run) => run.engine === engine && run.id === item.id);
      const now = runs.find((run) => run.engine === engine && run.id === item.id && run.ok);
      return was && now ? [{ item, was, now }] : [];
    });
    if (pairs.length === 0) return '';
    const line = (label: string, list: { ssim: number; sizeRatio: number }[]) =>
      `${label}: mean SSIM ${(list.reduce((s, r) => s + r.ssim, 0) / list.length).toFixed(4)}, median size ${median(list.map((r) => r.sizeRatio)).toFixed(2)}× GT`;
    const rows = pairs
      .sort((a, b) => a.now.sizeRatio / a.was.sizeRatio - b.now.sizeRatio / b.was.sizeRatio)
      .map(({ item, was, now }) => {
        const cell = (src: string, run: { ssim: number; bytes: number; sizeRatio: number }) =>
          `<td><img loading="lazy" src="${src}" alt=""><br>SSIM ${run.ssim.toFixed(3)}<br>${run.bytes} B (${run.sizeRatio.toFixed(2)}×)</td>`;
        return (
          `<tr><td><img loading="lazy" src="png/${item.id}.png" alt="original"><br><b>${escapeXml(item.id)}</b><br>GT ${item.groundTruthBytes} B</td>` +
          cell(`svg-before/${engine}/${item.id}.svg`, was) +
          cell(`svg/${engine}/${item.id}.svg`, now) +
          `</tr>`
        );
      });
    return (
      `<h3>${escapeXml(engine)} — ${pairs.length} ${category} images</h3>` +
      `<p>${line('Before', pairs.map((p) => p.was))}<br>${line('After', pairs.map((p) => p.now))}</p>` +
      `<table class="gallery"><tr><th>original</th><th>before</th><th>after</th></tr>${rows.join('\n')}</table>`
    );
  });
  return `<h2>The ${category} category before and after</h2><p>Before: <code>${escapeXml(beforeDir)}</code>. Largest size reduction first.</p>${sections.join('')}`;
}
