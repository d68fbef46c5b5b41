import { int, pick, r2, range, type Rng } from '../prng';
import { contentBox } from '../render';
import { backgroundColor, palette } from './palette';

/** Box in user units where a primitive is drawn. */
export interface Box { x: number; y: number; w: number; h: number }

export type Primitive = 'circle' | 'ellipse' | 'rect' | 'rounded' | 'polygon' | 'star';
export const PRIMITIVES: readonly Primitive[] = ['circle', 'ellipse', 'rect', 'rounded', 'polygon', 'star'];

function points(cx: number, cy: number, radii: number[], n: number, rot: number): string {
  const pts: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = rot + (i * 2 * Math.PI) / n;
    const rad = radii[i % radii.length] ?? 0;
    pts.push(`${r2(cx + rad * Math.cos(a))},${r2(cy + rad * Math.sin(a))}`);
  }
  return pts.join(' ');
}

/** One primitive filling (roughly) the box, with the given paint (a colour or url(#id)). */
export function primitive(rng: Rng, kind: Primitive, b: Box, paint: string): string {
  const cx = r2(b.x + b.w / 2);
  const cy = r2(b.y + b.h / 2);
  const r = Math.min(b.w, b.h) / 2;
  switch (kind) {
    case 'circle':
      return `<circle cx="${cx}" cy="${cy}" r="${r2(r)}" fill="${paint}"/>`;
    case 'ellipse':
      return `<ellipse cx="${cx}" cy="${cy}" rx="${r2(b.w / 2)}" ry="${r2(b.h / 2)}" fill="${paint}"/>`;
    case 'rect':
      return `<rect x="${r2(b.x)}" y="${r2(b.y)}" width="${r2(b.w)}" height="${r2(b.h)}" fill="${paint}"/>`;
    case 'rounded':
      return `<rect x="${r2(b.x)}" y="${r2(b.y)}" width="${r2(b.w)}" height="${r2(b.h)}" rx="${r2(r * range(rng, 0.15, 0.6))}" fill="${paint}"/>`;
    case 'polygon': {
      const n = int(rng, 3, 8);
      return `<polygon points="${points(cx, cy, [r], n, range(rng, 0, Math.PI))}" fill="${paint}"/>`;
    }
    case 'star': {
      const n = int(rng, 4, 7);
      return `<polygon points="${points(cx, cy, [r, r * range(rng, 0.35, 0.6)], n * 2, -Math.PI / 2)}" fill="${paint}"/>`;
    }
  }
}

/** A random sub-box of a W×H canvas, 25–70 % of its short side. */
export function randomBox(rng: Rng, w: number, h: number): Box {
  const s = Math.min(w, h) * range(rng, 0.25, 0.7);
  const bw = s * range(rng, 0.8, 1.25);
  const bh = s * range(rng, 0.8, 1.25);
  return { x: range(rng, 0, w - bw), y: range(rng, 0, h - bh), w: bw, h: bh };
}

export function svgDoc(w: number, h: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>`;
}

/**
 * Like svgDoc, but the canvas is cropped to what is drawn plus a small margin: shapes on a
 * transparent canvas would otherwise float in empty space, which logos rarely do.
 */
export function croppedDoc(w: number, h: number, body: string): string {
  const b = contentBox(svgDoc(w, h, body));
  if (!b) return svgDoc(w, h, body);
  const pad = Math.max(b.width, b.height) * 0.04;
  const [x, y, cw, ch] = [b.x - pad, b.y - pad, b.width + 2 * pad, b.height + 2 * pad].map(r2) as [number, number, number, number];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}" viewBox="${x} ${y} ${cw} ${ch}">${body}</svg>`;
}

/**
 * Flat-colour composition: 1–5 overlapping primitives in ≤ 3 colours, on a transparent canvas
 * half the time, else on a full or rounded coloured background (≤ 4 colours, ≤ 6 shapes in all,
 * so categorize() files it as simple).
 */
export function simpleShapes(rng: Rng): { svg: string; name: string } {
  const w = pick(rng, [100, 100, 100, 120, 160]);
  const h = pick(rng, [100, 100, 80, 120]);
  const colors = palette(rng, int(rng, 1, 3));
  const parts: string[] = [];
  const bgKind = pick(rng, ['none', 'none', 'rect', 'rounded', 'circle'] as const);
  if (bgKind !== 'none') {
    const bg = backgroundColor(rng);
    parts.push(primitive(rng, bgKind, { x: 0, y: 0, w, h }, bg));
  }
  const n = int(rng, 1, 5);
  const kinds: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(rng, PRIMITIVES);
    kinds.push(kind);
    parts.push(primitive(rng, kind, randomBox(rng, w, h), colors[i % colors.length] ?? '#000'));
  }
  const svg = bgKind === 'none' ? croppedDoc(w, h, parts.join('')) : svgDoc(w, h, parts.join(''));
  return { svg, name: `shapes-${bgKind}-${kinds.join('+')}` };
}
