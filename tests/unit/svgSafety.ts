// A strict allowlist check for the SVGs Tracewise writes: only drawing elements and drawing
// attributes, nothing that runs code or fetches anything when the file is opened on its own (a
// downloaded SVG opened in a browser runs its scripts; an <img> does not, but users download).
//
// It is a tokenizer, not a DOM: whatever it does not recognise is a violation (comments, CDATA,
// DOCTYPE and entities, processing instructions other than the XML prolog, text content), so an
// unusual construct can never slip past a rule that was written for the usual one.

export const SAFE_ELEMENTS: ReadonlySet<string> = new Set([
  'svg', 'path', 'g', 'defs', 'linearGradient', 'radialGradient', 'stop',
  'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line',
]);

export const SAFE_ATTRIBUTES: ReadonlySet<string> = new Set([
  // root and structure
  'xmlns', 'xmlns:xlink', 'version', 'width', 'height', 'viewBox', 'preserveAspectRatio', 'id',
  // geometry
  'd', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'points', 'transform',
  // paint
  'fill', 'fill-opacity', 'fill-rule', 'clip-rule', 'opacity', 'color', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'shape-rendering',
  'style',
  // gradients
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'href', 'xlink:href',
]);

const NAMESPACES: Readonly<Record<string, string>> = {
  xmlns: 'http://www.w3.org/2000/svg',
  'xmlns:xlink': 'http://www.w3.org/1999/xlink',
};

const LOCAL_REF = /^#[A-Za-z_][\w.:-]*$/;
const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Every reason the SVG is not a plain drawing; empty when it is safe. */
export function svgSafetyViolations(svg: string): string[] {
  const violations: string[] = [];
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  const text = svg.replace(/^\uFEFF/, '');
  const prolog = /^<\?xml\s[^?]*\?>/.exec(text);
  if (prolog) i = prolog[0].length;

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (chunk.trim()) violations.push(`text content ${JSON.stringify(chunk.trim().slice(0, 40))}`);
    if (lt === -1) break;
    const rest = text.slice(lt);
    if (rest.startsWith('</')) {
      const close = /^<\/([A-Za-z][\w.:-]*)\s*>/.exec(rest);
      if (!close) return [...violations, `unparseable end tag at ${lt}`];
      if (open.pop() !== close[1]) violations.push(`mismatched </${close[1]}>`);
      i = lt + close[0].length;
      continue;
    }
    const tag = /^<([A-Za-z][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(rest);
    if (!tag) return [...violations, `not a plain element at ${lt}: ${JSON.stringify(rest.slice(0, 40))}`];
    const [whole, name, attributes, selfClosing] = tag;
    if (open.length === 0) roots++;
    if (open.length === 0 && name !== 'svg') violations.push(`root element <${name}>`);
    if (!SAFE_ELEMENTS.has(name)) violations.push(`element <${name}>`);
    for (const [, attribute, quoted] of attributes.matchAll(/\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
      const value = decodeEntities(quoted.slice(1, -1));
      if (value === null) violations.push(`<${name} ${attribute}>: unknown entity`);
      else violations.push(...attributeViolations(name, attribute, value));
    }
    if (!selfClosing) open.push(name);
    i = lt + whole.length;
  }
  if (open.length > 0) violations.push(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) violations.push(`${roots} root elements`);
  return violations;
}

/** Throws with every violation listed (for tests: the message says what to look at). */
export function assertSafeSvg(svg: string, label = 'SVG'): void {
  const violations = svgSafetyViolations(svg);
  if (violations.length > 0) throw new Error(`${label} is not a plain drawing:\n  ${violations.join('\n  ')}`);
}

function attributeViolations(element: string, attribute: string, value: string): string[] {
  const where = `<${element} ${attribute}="${value.slice(0, 60)}">`;
  if (/^on/i.test(attribute)) return [`event handler ${where}`];
  if (!SAFE_ATTRIBUTES.has(attribute)) return [`attribute ${where}`];
  const out: string[] = [];
  if (attribute in NAMESPACES && value !== NAMESPACES[attribute]) out.push(`namespace ${where}`);
  if ((attribute === 'href' || attribute === 'xlink:href') && !LOCAL_REF.test(value)) out.push(`non-local reference ${where}`);
  for (const [, , target] of value.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
    if (!LOCAL_REF.test(target)) out.push(`external url() ${where}`);
  }
  if (/@import|expression\s*\(|javascript:|data:|\\/i.test(value)) out.push(`active content ${where}`);
  return out;
}

/** The five XML entities and numeric references; null for anything else (a DTD's own). */
function decodeEntities(value: string): string | null {
  let unknown = false;
  const decoded = value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1].toLowerCase() === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    if (ref in XML_ENTITIES) return XML_ENTITIES[ref];
    unknown = true;
    return '';
  });
  return unknown || /&(?!#x[0-9a-f]+;|#\d+;|\w+;)/i.test(value) ? null : decoded;
}
