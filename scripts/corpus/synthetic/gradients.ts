import { int, pick, r2, range, type Rng } from '../prng';
import { brandColor, contrastOn, hsl, LIGHTS } from './palette';
import { croppedDoc, primitive, PRIMITIVES, randomBox, svgDoc, type Primitive } from './shapes';

/**
 * Gradient-filled compositions of the kinds logos use: gradient backgrounds, app-icon tiles,
 * glossy spheres and gradient shapes. Stops always differ by a hue shift of ≥ 50° or a big
 * lightness change, so the gradient is visible (and categorize() calls it gradient).
 */
function stops(rng: Rng): string {
  const h = range(rng, 0, 360);
  const n = int(rng, 2, 4);
  const shift = range(rng, 50, 150) * pick(rng, [1, -1]);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : i / (n - 1);
    const l = n === 2 && rng() < 0.3 ? 0.25 + 0.5 * t : range(rng, 0.4, 0.6);
    const opacity = rng() < 0.15 && i === n - 1 ? ' stop-opacity="0.2"' : '';
    out.push(`<stop offset="${r2(t)}" stop-color="${hsl(h + shift * t, range(rng, 0.6, 0.95), l)}"${opacity}/>`);
  }
  return out.join('');
}

export function linear(rng: Rng, id: string): string {
  const a = range(rng, 0, 2 * Math.PI);
  const [x1, y1, x2, y2] = [0.5 - Math.cos(a) / 2, 0.5 - Math.sin(a) / 2, 0.5 + Math.cos(a) / 2, 0.5 + Math.sin(a) / 2].map(r2);
  return `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${stops(rng)}</linearGradient>`;
}

export function radial(rng: Rng, id: string): string {
  const f = `fx="${r2(range(rng, 0.25, 0.6))}" fy="${r2(range(rng, 0.2, 0.5))}"`;
  return `<radialGradient id="${id}" cx="0.5" cy="0.5" r="${r2(range(rng, 0.5, 0.8))}" ${rng() < 0.5 ? f : ''}>${stops(rng)}</radialGradient>`;
}

function gradientDef(rng: Rng, id: string): { def: string; type: string } {
  return rng() < 0.55 ? { def: linear(rng, id), type: 'linear' } : { def: radial(rng, id), type: 'radial' };
}

type Layout = 'background' | 'tile' | 'sphere' | 'shapes';

export function gradientImage(rng: Rng): { svg: string; name: string } {
  const layout = pick(rng, ['background', 'tile', 'sphere', 'shapes'] as const satisfies readonly Layout[]);
  const w = layout === 'background' ? pick(rng, [100, 160, 200]) : 100;
  const h = 100;
  const defs: string[] = [];
  const body: string[] = [];
  const types: string[] = [];
  const add = (id: string) => {
    const g = gradientDef(rng, id);
    defs.push(g.def);
    types.push(g.type);
    return `url(#${id})`;
  };
  if (layout === 'background' || layout === 'tile') {
    const bg = add('bg');
    body.push(layout === 'background'
      ? `<rect width="${w}" height="${h}" fill="${bg}"/>`
      : `<rect x="6" y="6" width="88" height="88" rx="${int(rng, 12, 26)}" fill="${bg}"/>`);
    // A flat emblem on top, as app icons and banners have.
    const ink = rng() < 0.6 ? pick(rng, LIGHTS) : contrastOn(brandColor(rng), rng);
    const kind = pick(rng, PRIMITIVES);
    const s = range(rng, 30, 55);
    body.push(primitive(rng, kind, { x: (w - s) / 2, y: (h - s) / 2, w: s, h: s }, ink));
    types.push(kind);
  } else if (layout === 'sphere') {
    body.push(`<circle cx="50" cy="50" r="${int(rng, 36, 48)}" fill="${add('ball')}"/>`);
    if (rng() < 0.5) body.push(`<ellipse cx="42" cy="34" rx="16" ry="9" fill="#ffffff" fill-opacity="0.35"/>`);
  } else {
    const n = int(rng, 1, 3);
    for (let i = 0; i < n; i++) {
      const kind: Primitive = pick(rng, PRIMITIVES);
      types.push(kind);
      body.push(primitive(rng, kind, randomBox(rng, w, h), add(`g${i}`)));
    }
  }
  const markup = `<defs>${defs.join('')}</defs>${body.join('')}`;
  // Floating shapes get a canvas cropped to them; backgrounds and tiles define their own.
  const svg = layout === 'shapes' ? croppedDoc(w, h, markup) : svgDoc(w, h, markup);
  return { svg, name: `gradient-${layout}-${types.join('+')}` };
}
