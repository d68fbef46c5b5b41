import type { Summary } from '../aggregate';

export interface RunInfo {
  date: string;
  machine: string;
  command: string;
  images: number;
  split: string;
  size: number;
  reps: number;
}

export function markdownReport(info: RunInfo, rows: Summary[], labels: Map<string, string>): string {
  const header =
    '| category | engine | n | ok | mean SSIM | median SSIM | mean MAE | median size ÷ GT | median ms | p95 ms | median CPU ms |\n' +
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map(
    (r) =>
      `| ${r.category} | ${labels.get(r.engine) ?? r.engine} | ${r.images} | ${pct(r.successRate)} | ${fix(r.meanSsim, 4)} | ` +
      `${fix(r.medianSsim, 4)} | ${fix(r.meanMae, 2)} | ${fix(r.medianSizeRatio, 2)}× | ${fix(r.medianMs, 1)} | ${fix(r.p95Ms, 1)} | ${fix(r.medianCpuMs, 1)} |`,
  );
  return [
    `Benchmark ${info.date} — ${info.images} images (${info.split} split, ${info.size} px), ${info.reps} timed reps after a warm-up`,
    `Machine: ${info.machine}`,
    `Command: \`${info.command}\``,
    '',
    header,
    ...lines,
    '',
    'SSIM: Gaussian 11 px window on luma, over white. Size ÷ GT: output bytes over the svgo-minified ground-truth SVG.',
    'Times: wall clock from PNG bytes to SVG text (decode included), median per image; Tracewise rows exclude its own quality self-measurement, which the harness does for every engine alike.',
  ].join('\n');
}

function fix(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function pct(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}
