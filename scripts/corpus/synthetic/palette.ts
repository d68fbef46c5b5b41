import { int, pick, range, type Rng } from '../prng';

/** HSL (h in degrees, s and l in 0–1) to #rrggbb. */
export function hsl(h: number, s: number, l: number): string {
  const hh = ((h % 360) + 360) % 360;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hh / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** Saturated, mid-lightness colour: what logos are mostly made of. */
export function brandColor(rng: Rng, hue = range(rng, 0, 360)): string {
  return hsl(hue, range(rng, 0.55, 0.95), range(rng, 0.35, 0.6));
}

/**
 * `n` colours with hues spread apart, so flat shapes stay distinguishable and gradient stops
 * differ materially (categorize() requires a noticeable stop distance).
 */
export function palette(rng: Rng, n: number): string[] {
  const base = range(rng, 0, 360);
  const step = range(rng, 40, 360 / Math.max(n, 2));
  return Array.from({ length: n }, (_, i) => brandColor(rng, base + i * step));
}

export const INKS = ['#111827', '#1f2937', '#0f172a', '#222222', '#3b0764', '#052e16'] as const;
export const LIGHTS = ['#ffffff', '#f8fafc', '#fef3c7', '#ecfeff', '#fdf2f8'] as const;

/** A background paint: dark ink, light paper or a brand colour. */
export function backgroundColor(rng: Rng): string {
  const k = int(rng, 0, 2);
  return k === 0 ? pick(rng, INKS) : k === 1 ? pick(rng, LIGHTS) : brandColor(rng);
}

/** Relative luminance (0–1) of #rrggbb, for picking readable foregrounds. */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (ch[0] ?? 0) + 0.7152 * (ch[1] ?? 0) + 0.0722 * (ch[2] ?? 0);
}

export function contrastOn(bg: string, rng: Rng): string {
  return luminance(bg) > 0.35 ? pick(rng, INKS) : pick(rng, LIGHTS);
}
