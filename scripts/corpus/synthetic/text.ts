import { existsSync, readFileSync } from 'node:fs';
import { int, pick, r2, range, type Rng } from '../prng';
import { contentBox, textToPaths } from '../render';
import { backgroundColor, brandColor, contrastOn, INKS } from './palette';

/**
 * Synthetic wordmarks. Text is set in a real font and then converted to outline paths, so the
 * ground truth renders identically without fonts (the app's scorer loads none).
 */
export interface FontSpec { file: string; family: string; weight: 'normal' | 'bold'; italic: boolean; licence: string }

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const LIBERATION = '/usr/share/fonts/truetype/liberation';
export const FONTS: readonly FontSpec[] = [
  { file: `${DEJAVU}/DejaVuSans.ttf`, family: 'DejaVu Sans', weight: 'normal', italic: false, licence: 'Bitstream-Vera' },
  { file: `${DEJAVU}/DejaVuSans-Bold.ttf`, family: 'DejaVu Sans', weight: 'bold', italic: false, licence: 'Bitstream-Vera' },
  { file: `${DEJAVU}/DejaVuSerif.ttf`, family: 'DejaVu Serif', weight: 'normal', italic: false, licence: 'Bitstream-Vera' },
  { file: `${DEJAVU}/DejaVuSerif-BoldItalic.ttf`, family: 'DejaVu Serif', weight: 'bold', italic: true, licence: 'Bitstream-Vera' },
  { file: `${DEJAVU}/DejaVuSansMono-Bold.ttf`, family: 'DejaVu Sans Mono', weight: 'bold', italic: false, licence: 'Bitstream-Vera' },
  { file: `${DEJAVU}/DejaVuSansCondensed-Oblique.ttf`, family: 'DejaVu Sans Condensed', weight: 'normal', italic: true, licence: 'Bitstream-Vera' },
  { file: `${LIBERATION}/LiberationSans-Regular.ttf`, family: 'Liberation Sans', weight: 'normal', italic: false, licence: 'OFL-1.1' },
  { file: `${LIBERATION}/LiberationSans-Bold.ttf`, family: 'Liberation Sans', weight: 'bold', italic: false, licence: 'OFL-1.1' },
  { file: `${LIBERATION}/LiberationSerif-Regular.ttf`, family: 'Liberation Serif', weight: 'normal', italic: false, licence: 'OFL-1.1' },
  { file: `${LIBERATION}/LiberationSerif-BoldItalic.ttf`, family: 'Liberation Serif', weight: 'bold', italic: true, licence: 'OFL-1.1' },
  { file: `${LIBERATION}/LiberationMono-Regular.ttf`, family: 'Liberation Mono', weight: 'normal', italic: false, licence: 'OFL-1.1' },
  { file: `${LIBERATION}/LiberationSansNarrow-Bold.ttf`, family: 'Liberation Sans Narrow', weight: 'bold', italic: false, licence: 'OFL-1.1' },
];

/**
 * All fonts are required, not just those present: a missing one would silently change every later
 * pick and so the corpus. Debian packages: fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation.
 */
export const FONT_PACKAGES = 'fonts-dejavu-core fonts-dejavu-extra fonts-liberation';
export function missingFonts(): string[] {
  return FONTS.filter((f) => !existsSync(f.file)).map((f) => f.file);
}
const fontCache = new Map<string, Uint8Array>();
function fontBytes(f: FontSpec): Uint8Array {
  let b = fontCache.get(f.file);
  if (!b) fontCache.set(f.file, (b = new Uint8Array(readFileSync(f.file))));
  return b;
}

const WORDS = ['Acme', 'Nova', 'tracewise', 'ORBIT', 'Blue Fox', 'kite', 'Studio 42', 'ZEN', 'Lumen', 'Pixel & Co',
  'Harbor', 'quartz', 'Vertex', 'MAPLE', 'Echo Labs', 'Atlas', 'nimbus', 'Copper', 'Solstice', 'GRID', 'Fern',
  'Delta 9', 'Mosaic', 'Owl', 'Ridge', 'Byte', 'Sundial', 'Helix', 'Crate', 'Prism'];
const TAGLINES = ['design studio', 'SINCE 1998', 'cloud tools', 'coffee roasters', 'open source', 'est. 2024', 'analytics'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'zen', 'tor', 'vo', 'qu', 'ix', 'bel', 'sa', 'nu', 'dra', 'fy'];

function word(rng: Rng): string {
  if (rng() < 0.6) return pick(rng, WORDS);
  // Invented words vary letter shapes beyond the fixed list.
  let w = '';
  for (let i = int(rng, 2, 4); i > 0; i--) w += pick(rng, SYLLABLES);
  return rng() < 0.3 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const doc = (vb: string, w: number, h: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${r2(w)}" height="${r2(h)}" viewBox="${vb}">${body}</svg>`;

type Layout = 'plain' | 'badge' | 'twoLine' | 'markWord' | 'outline';

export function textImage(rng: Rng): { svg: string; name: string; licence: string } {
  const font = pick(rng, FONTS);
  const layout = pick(rng, ['plain', 'plain', 'badge', 'twoLine', 'markWord', 'outline'] as const satisfies readonly Layout[]);
  const text = word(rng);
  const size = int(rng, 40, 110);
  const style = `font-family="${font.family}" font-weight="${font.weight}" font-style="${font.italic ? 'italic' : 'normal'}"`;
  const bg = layout === 'badge' ? backgroundColor(rng) : null;
  const ink = bg ? contrastOn(bg, rng) : rng() < 0.5 ? pick(rng, INKS) : brandColor(rng);
  const x0 = layout === 'markWord' ? 60 + size * 1.2 : 60;
  const parts = [`<text x="${x0}" y="300" font-size="${size}" ${style}` +
    (layout === 'outline' ? ` fill="none" stroke="${ink}" stroke-width="${r2(size / 25)}"` : ` fill="${ink}"`) + `>${esc(text)}</text>`];
  if (layout === 'twoLine') {
    parts.push(`<text x="${x0}" y="${300 + size * 0.75}" font-size="${r2(size * 0.38)}" ${style} fill="${brandColor(rng)}">${esc(pick(rng, TAGLINES))}</text>`);
  }
  let mark = '';
  if (layout === 'markWord') {
    // Round emblem with the initial, left of the word, as many company logos have.
    const r = size * 0.55;
    const cx = 60 + r;
    const cy = 300 - size * 0.36;
    const markBg = brandColor(rng);
    mark = `<circle cx="${r2(cx)}" cy="${r2(cy)}" r="${r2(r)}" fill="${markBg}"/>`;
    parts.push(`<text x="${r2(cx)}" y="${r2(cy + size * 0.26)}" text-anchor="middle" font-size="${r2(size * 0.72)}" ${style} fill="${contrastOn(markBg, rng)}">${esc(text[0] ?? 'A')}</text>`);
  }
  const glyphs = textToPaths(doc('0 0 1600 600', 1600, 600, parts.join('')), fontBytes(font), font.family);
  const b = contentBox(doc('0 0 1600 600', 1600, 600, mark + glyphs));
  if (!b) throw new Error('text drew nothing');
  const pad = bg ? size * range(rng, 0.25, 0.5) : size * 0.1;
  const [x, y, w, h] = [b.x - pad, b.y - pad, b.width + 2 * pad, b.height + 2 * pad];
  const back = bg ? `<rect x="${r2(x)}" y="${r2(y)}" width="${r2(w)}" height="${r2(h)}" rx="${r2(h * range(rng, 0, 0.5))}" fill="${bg}"/>` : '';
  const svg = doc(`${r2(x)} ${r2(y)} ${r2(w)} ${r2(h)}`, w, h, back + mark + glyphs);
  return { svg, name: `text-${layout}-${font.family.replace(/ /g, '')}${font.weight === 'bold' ? '-bold' : ''}${font.italic ? '-italic' : ''}-${text}`, licence: font.licence };
}
