import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getIconData, iconToHTML, iconToSVG } from '@iconify/utils';
import type { Category } from './categorize';

// The set type lives in @iconify/types, only a transitive dependency; take it from the API instead.
type IconifyJSON = Parameters<typeof getIconData>[0];

/**
 * Real icons with known ground-truth SVGs. Never add @iconify-json/logos, flag, twemoji,
 * fluent-emoji or simple-icons here: they are the held-out evaluation corpus.
 */
const require = createRequire(import.meta.url);

/** The held-out evaluation sets, listed so a test can prove none of them is ever read here. */
export const HELD_OUT = ['@iconify-json/logos', '@iconify-json/flag', '@iconify-json/twemoji', '@iconify-json/fluent-emoji', 'simple-icons'] as const;

/** Stroke/outline sets paint with currentColor; resvg would draw it black, we pick a fixed ink. */
export const MONO_INK = '#1f2937';

export interface Candidate {
  id: string;
  source: string;
  sourceName: string;
  licence: string;
  load(): string;
}

export type Quota = Partial<Record<Category, number>>;

export interface Source {
  pkg: string;
  /** Short prefix for ids, so ids stay readable and unique across sources. */
  prefix: string;
  /** How many icons of each category to take from this source (render failures are replaced). */
  quota: Quota;
  list(): Candidate[];
}

function pkgDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

export function licenceOf(pkg: string): string {
  const json = JSON.parse(readFileSync(join(pkgDir(pkg), 'package.json'), 'utf8')) as { license?: unknown };
  return typeof json.license === 'string' ? json.license : 'UNKNOWN';
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function iconifySource(pkg: string, prefix: string, quota: Quota): Source {
  return {
    pkg, prefix, quota,
    list() {
      const set = JSON.parse(readFileSync(join(pkgDir(pkg), 'icons.json'), 'utf8')) as IconifyJSON;
      const licence = licenceOf(pkg);
      // Own icons only (aliases are mostly flips/rotations of the same drawing); skip hidden ones.
      return Object.keys(set.icons).filter((n) => !set.icons[n]?.hidden).sort().map((name) => ({
        id: `${prefix}-${slug(name)}`, source: pkg, sourceName: name, licence,
        load() {
          const data = getIconData(set, name);
          if (!data) throw new Error(`missing icon ${name}`);
          const built = iconToSVG(data, { height: 'auto' });
          return iconToHTML(built.body, built.attributes);
        },
      }));
    },
  };
}

function fileSource(
  pkg: string, prefix: string, quota: Quota, files: (root: string) => string[], mono: boolean,
  nameOf: (rel: string) => string = (rel) => rel.replace(/^.*\//, '').replace(/\.svg$/, ''),
): Source {
  return {
    pkg, prefix, quota,
    list() {
      const root = pkgDir(pkg);
      const licence = licenceOf(pkg);
      return files(root).sort().map((rel) => {
        const name = nameOf(rel);
        return {
          id: `${prefix}-${slug(name)}`, source: pkg, sourceName: name, licence,
          load() {
            const svg = readFileSync(join(root, rel), 'utf8');
            return mono ? svg.replace(/currentColor/g, MONO_INK) : svg;
          },
        };
      });
    },
  };
}

function svgFiles(root: string, sub: string): string[] {
  return readdirSync(join(root, sub)).filter((f) => f.endsWith('.svg')).map((f) => `${sub}/${f}`);
}

/** devicon: per technology, the full-colour logo and (where present) its wordmark. */
function deviconFiles(root: string): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(join(root, 'icons'))) {
    const has = (v: string) => existsSync(join(root, 'icons', dir, `${dir}-${v}.svg`));
    const logo = ['original', 'plain'].find(has);
    const mark = ['plain-wordmark', 'original-wordmark'].find(has);
    if (logo) out.push(`icons/${dir}/${dir}-${logo}.svg`);
    if (mark) out.push(`icons/${dir}/${dir}-${mark}.svg`);
  }
  return out;
}

export const SOURCES: Source[] = [
  iconifySource('@iconify-json/noto', 'noto', { gradient: 25, complex: 30, simple: 5 }),
  iconifySource('@iconify-json/emojione', 'emojione', { complex: 40, simple: 10 }),
  iconifySource('@iconify-json/vscode-icons', 'vscode', { simple: 15, gradient: 15, complex: 15 }),
  iconifySource('@iconify-json/skill-icons', 'skill', { simple: 8, gradient: 12, complex: 15 }),
  fileSource('devicon', 'devicon', { text: 40, simple: 10, gradient: 10, complex: 20 }, deviconFiles, false),
  fileSource('cryptocurrency-icons', 'crypto', { simple: 10, complex: 10 }, (r) => svgFiles(r, 'svg/color'), false),
  fileSource('@tabler/icons', 'tabler', { simple: 12, complex: 8 }, (r) => [...svgFiles(r, 'icons/outline'), ...svgFiles(r, 'icons/filled')], true,
    // outline and filled share names, so the variant is part of the name.
    (rel) => rel.replace(/^icons\/(\w+)\/(.*)\.svg$/, '$2-$1')),
  fileSource('lucide-static', 'lucide', { simple: 8, complex: 7 }, (r) => svgFiles(r, 'icons'), true),
  fileSource('bootstrap-icons', 'bootstrap', { simple: 8, complex: 5 }, (r) => svgFiles(r, 'icons'), true),
];
