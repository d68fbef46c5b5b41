/**
 * A tiny tag scanner for the SVGs of this corpus. It is not a full XML parser: it only needs tag
 * names, attributes (with inline `style` merged in) and nesting, which regexes give reliably for
 * the well-formed icon files we read. Keeping it dependency-free keeps categorize() unit-testable.
 */
export interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** Names of the open ancestor elements, outermost first. */
  ancestors: string[];
  selfClosing: boolean;
}

const TAG_RE = /<(\/?)([a-zA-Z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;
const ATTR_RE = /([^\s=>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseStyle(style: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i > 0) out[decl.slice(0, i).trim().toLowerCase()] = decl.slice(i + 1).trim();
  }
  return out;
}

export function scanTags(svg: string): Tag[] {
  const clean = svg.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const tags: Tag[] = [];
  const stack: string[] = [];
  for (const m of clean.matchAll(TAG_RE)) {
    const [, closing, rawName, rawAttrs, slash] = m;
    const name = (rawName ?? '').toLowerCase();
    if (closing) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (rawAttrs ?? '').matchAll(ATTR_RE)) {
      attrs[(a[1] ?? '').toLowerCase()] = a[2] ?? a[3] ?? '';
    }
    // Presentation attributes and inline style mean the same thing; style wins, as in CSS.
    if (attrs.style) Object.assign(attrs, parseStyle(attrs.style));
    const selfClosing = slash === '/';
    tags.push({ name, attrs, ancestors: [...stack], selfClosing });
    if (!selfClosing) stack.push(name);
  }
  return tags;
}

/** Declarations inside `<style>` blocks (class rules in devicon / vscode-icons files). */
export function styleBlockDecls(svg: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const block of svg.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const rule of (block[1] ?? '').matchAll(/\{([^}]*)\}/g)) {
      for (const [k, v] of Object.entries(parseStyle(rule[1] ?? ''))) out.push([k, v]);
    }
  }
  return out;
}

const NAMED: Record<string, string> = {
  black: '#000000', white: '#ffffff', red: '#ff0000', green: '#008000', blue: '#0000ff',
  yellow: '#ffff00', orange: '#ffa500', gray: '#808080', grey: '#808080', purple: '#800080',
  navy: '#000080', teal: '#008080', silver: '#c0c0c0', maroon: '#800000', lime: '#00ff00',
  aqua: '#00ffff', cyan: '#00ffff', fuchsia: '#ff00ff', magenta: '#ff00ff', olive: '#808000',
};

/** Normalise a paint to `#rrggbb`, or null for none / url() / unknown keywords. */
export function normColor(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.trim().toLowerCase().replace(/\s*!important$/, '');
  if (/^#[0-9a-f]{3}$/.test(v)) return '#' + [...v.slice(1)].map((c) => c + c).join('');
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{8}$/.test(v)) return v.slice(0, 7);
  const rgb = /^rgba?\(\s*([\d.]+)%?\s*[, ]\s*([\d.]+)%?\s*[, ]\s*([\d.]+)%?/.exec(v);
  if (rgb) {
    const pct = v.includes('%');
    return '#' + [rgb[1], rgb[2], rgb[3]]
      .map((c) => Math.round(Math.min(255, Number(c) * (pct ? 2.55 : 1))).toString(16).padStart(2, '0'))
      .join('');
  }
  return NAMED[v] ?? null;
}

export function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
