import { optimize } from 'svgo';
import { describe, expect, it } from 'vitest';
import { categorize, hasMaterialGradient, PICKING_MAX_PATH_COMMANDS, pickingCategory, shapeStats } from '../../scripts/corpus/categorize';

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${body}</svg>`;
const grad = (id: string, a: string, b: string, extra = '') =>
  `<linearGradient id="${id}"${extra}><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient>`;

describe('categorize', () => {
  it('calls a referenced, clearly varying gradient "gradient"', () => {
    expect(categorize(svg(`<defs>${grad('g', '#ff0000', '#0000ff')}</defs><circle cx="50" cy="50" r="40" fill="url(#g)"/>`))).toBe('gradient');
  });

  it('follows style="fill:url(...)" and xlink:href stop inheritance', () => {
    const body = `<defs>${grad('base', '#ffcc00', '#ff3300')}<radialGradient id="r" xlink:href="#base"/></defs>` +
      `<rect width="100" height="100" style="fill: url('#r')"/>`;
    expect(categorize(svg(body))).toBe('gradient');
  });

  it('follows gradients referenced from <style> class rules', () => {
    const body = `<style>.a{fill:url(#g)}</style><defs>${grad('g', '#000', '#fff')}</defs><path class="a" d="M0 0h10v10z"/>`;
    expect(categorize(svg(body))).toBe('gradient');
  });

  it('ignores an unreferenced gradient', () => {
    const body = `<defs>${grad('g', '#ff0000', '#0000ff')}</defs><circle cx="50" cy="50" r="40" fill="#ff0000"/>`;
    expect(hasMaterialGradient(svg(body))).toBe(false);
    expect(categorize(svg(body))).toBe('simple');
  });

  it('ignores a gradient whose stops are nearly the same colour', () => {
    const body = `<defs>${grad('g', '#808080', '#838383')}</defs><rect width="100" height="100" fill="url(#g)"/>`;
    expect(categorize(svg(body))).toBe('simple');
  });

  it('counts an opacity fade as a gradient', () => {
    const body = `<linearGradient id="f"><stop offset="0" stop-color="#26bfff"/><stop offset="1" stop-color="#26bfff" stop-opacity=".3"/></linearGradient>` +
      `<rect width="100" height="100" fill="url(#f)"/>`;
    expect(categorize(svg(body))).toBe('gradient');
  });

  it('ignores gradient references inside <clipPath>', () => {
    const body = `<defs>${grad('g', '#f00', '#00f')}<clipPath id="c"><rect width="50" height="50" fill="url(#g)"/></clipPath></defs>` +
      `<rect width="100" height="100" fill="#123456" clip-path="url(#c)"/>`;
    expect(categorize(svg(body))).toBe('simple');
  });

  it('calls <text>, wordmarks and synthetic text "text"', () => {
    expect(categorize(svg('<text x="10" y="50">Hi</text>'))).toBe('text');
    expect(categorize(svg('<path d="M0 0h10v10z"/>'), { name: 'react-original-wordmark' })).toBe('text');
    expect(categorize(svg('<path d="M0 0h10v10z"/>'), { isText: true })).toBe('text');
  });

  it('lets a material gradient win over text', () => {
    const body = `<defs>${grad('g', '#f00', '#00f')}</defs><text fill="url(#g)">Hi</text>`;
    expect(categorize(svg(body))).toBe('gradient');
  });

  it('calls a few flat shapes "simple"', () => {
    const body = '<rect width="100" height="100" fill="#fff"/><circle cx="50" cy="50" r="30" fill="#e11d48"/>' +
      '<polygon points="10,10 90,10 50,80" fill="#1d4ed8"/>';
    expect(categorize(svg(body))).toBe('simple');
  });

  it('ignores invisible helper paths (tabler bounding boxes)', () => {
    const body = '<path stroke="none" d="M0 0h24v24H0z" fill="none"/><path d="M3 3h18"/>';
    expect(shapeStats(svg(body)).shapes).toBe(1);
  });

  it('calls many colours "complex"', () => {
    const colors = ['#f00', '#0f0', '#00f', '#ff0', '#0ff'];
    const body = colors.map((c, i) => `<rect x="${i * 10}" width="10" height="10" fill="${c}"/>`).join('');
    expect(shapeStats(svg(body)).colors).toBe(5);
    expect(categorize(svg(body))).toBe('complex');
  });

  it('calls many shapes "complex" even in one colour', () => {
    const body = Array.from({ length: 12 }, (_, i) => `<circle cx="${i * 8}" cy="50" r="3" fill="#111"/>`).join('');
    expect(categorize(svg(body))).toBe('complex');
  });

  it('calls one long one-colour path "simple"; only picking still bounds path commands', () => {
    const long = svg(`<path d="${'M0 0' + ' l1 1'.repeat(200) + 'z'}" fill="#222"/>`);
    expect(shapeStats(long).pathCommands).toBeGreaterThan(PICKING_MAX_PATH_COMMANDS);
    expect(categorize(long)).toBe('simple');
    expect(pickingCategory(long)).toBe('complex');
  });

  it('picks like it labels everywhere but the path-command bound', () => {
    const few = svg('<rect width="100" height="100" fill="#fff"/><circle cx="50" cy="50" r="30" fill="#e11d48"/>');
    expect(pickingCategory(few)).toBe(categorize(few));
    const colors = ['#f00', '#0f0', '#00f', '#ff0', '#0ff'].map((c, i) => `<rect x="${i * 10}" width="10" height="10" fill="${c}"/>`).join('');
    expect(pickingCategory(svg(colors))).toBe('complex');
    expect(pickingCategory(svg('<text x="10" y="50">Hi</text>'))).toBe('text');
  });

  it('treats unpainted shapes as default black (one colour)', () => {
    expect(shapeStats(svg('<path d="M0 0h10v10z"/>')).colors).toBe(1);
  });
});

describe('labels from the minified SVG', () => {
  it('an outline icon authored as many same-stroke paths is one painted shape once svgo merges them', () => {
    const strokes = Array.from({ length: 10 }, (_, i) => `<path d="M${10 + i * 8} 10v80"/>`).join('');
    const authored = svg(`<g fill="none" stroke="#1f2937" stroke-width="3">${strokes}</g>`);
    expect(categorize(authored)).toBe('complex');
    const minified = optimize(authored, { multipass: true }).data;
    expect(shapeStats(minified).shapes).toBeLessThan(shapeStats(authored).shapes);
    expect(categorize(minified)).toBe('simple');
  });
});
