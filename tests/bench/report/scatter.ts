import type { ImageRun } from '../runEngine';
import { median } from '../stats';

const PALETTE = ['#e63946', '#2a9d8f', '#264653', '#f4a261', '#6a4c93', '#1982c4', '#8ac926', '#ff595e'];
const W = 720;
const H = 420;
const PAD = 48;
const X_MIN = Math.log2(0.125);
const X_MAX = Math.log2(64);
const Y_MIN = 0.5;

/** SSIM against size ratio (log scale), one colour per engine, each engine's median as a ring:
 * up-and-left is better. */
export function scatterSvg(runs: ImageRun[], engines: string[], labels: Map<string, string>): string {
  const x = (ratio: number) => PAD + ((clamp(Math.log2(ratio), X_MIN, X_MAX) - X_MIN) / (X_MAX - X_MIN)) * (W - 2 * PAD);
  const y = (ssim: number) => H - PAD - ((clamp(ssim, Y_MIN, 1) - Y_MIN) / (1 - Y_MIN)) * (H - 2 * PAD);
  const parts: string[] = [];
  for (let e = Math.round(X_MIN); e <= X_MAX; e++) {
    const px = x(2 ** e);
    parts.push(`<line x1="${px}" x2="${px}" y1="${PAD}" y2="${H - PAD}" stroke="#ddd"/>`);
    parts.push(`<text x="${px}" y="${H - PAD + 16}" text-anchor="middle">${2 ** e}×</text>`);
  }
  for (let s = Y_MIN; s <= 1.0001; s += 0.1) {
    parts.push(`<line x1="${PAD}" x2="${W - PAD}" y1="${y(s)}" y2="${y(s)}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD - 6}" y="${y(s) + 4}" text-anchor="end">${s.toFixed(1)}</text>`);
  }
  engines.forEach((engine, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const ok = runs.filter((run) => run.engine === engine && run.ok);
    for (const run of ok) parts.push(`<circle cx="${x(run.sizeRatio).toFixed(1)}" cy="${y(run.ssim).toFixed(1)}" r="2.5" fill="${colour}" fill-opacity="0.45"/>`);
    const mx = x(median(ok.map((r) => r.sizeRatio)));
    const my = y(median(ok.map((r) => r.ssim)));
    parts.push(`<circle cx="${mx}" cy="${my}" r="8" fill="none" stroke="${colour}" stroke-width="3"/>`);
    parts.push(`<rect x="${W - PAD - 210}" y="${PAD + i * 18 - 10}" width="12" height="12" fill="${colour}"/>`);
    parts.push(`<text x="${W - PAD - 192}" y="${PAD + i * 18}">${escapeXml(labels.get(engine) ?? engine)}</text>`);
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">` +
    `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">output size ÷ ground-truth SVG size (log)</text>` +
    `<text transform="translate(12 ${H / 2}) rotate(-90)" text-anchor="middle">SSIM</text>` +
    parts.join('') +
    '</svg>'
  );
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
