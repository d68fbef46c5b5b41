// Every SVG Tracewise writes is a plain drawing: checked on generated logos (and a sample of the
// dev corpus when it has been built) at every tier, including the fallback engine's output.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-wasm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { convert, prepareCore, TIERS } from '../../src/core';
import { ENGINES } from '../../src/core/trace/engines';
import { synthetic, type SyntheticKind } from '../../scripts/corpus/synthetic';
import { signal } from './fixtures';
import { hostileCases } from './hostileInputs';
import { assertSafeSvg, svgSafetyViolations } from './svgSafety';

const CORPUS_PNG = join(process.cwd(), 'corpus/256/png');

/** Renders a corpus-style SVG to a PNG of `size` px wide (resvg, fonts off: no text kinds). */
function pngAt(svg: string, size: number): Uint8Array {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  const rendered = resvg.render();
  const png = rendered.asPng();
  rendered.free();
  resvg.free();
  return png;
}

describe('svgSafetyViolations (the validator itself)', () => {
  const ok = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">${body}</svg>`;

  it('accepts the drawing vocabulary: paths, shapes, groups, gradients with local references', () => {
    const svg = ok(
      '<defs><linearGradient id="a" x1="0" y1="0" x2="1" y2="1" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff"/>' +
        '<stop offset="1" stop-color="#000" stop-opacity=".5"/></linearGradient><radialGradient id="b" href="#a" cx=".5" cy=".5" r=".5"/></defs>' +
        '<g fill-rule="evenodd" transform="translate(1 1)"><path d="M0 0h5v5z" fill="url(#a)"/><rect width="2" height="2" style="fill:url(#b)"/>' +
        '<circle cx="1" cy="1" r="1"/><ellipse cx="1" cy="1" rx="1" ry="2"/><polygon points="0,0 1,1 0,1"/><polyline points="0,0 1,1"/>' +
        '<line x1="0" y1="0" x2="1" y2="1" stroke="#000"/></g>',
    );
    expect(svgSafetyViolations(svg)).toEqual([]);
    expect(svgSafetyViolations(`<?xml version="1.0" encoding="UTF-8"?>\n${ok('<path d="M0 0h1"/>')}`)).toEqual([]);
  });

  const hostile: [string, string, RegExp][] = [
    ['script element', ok('<script>alert(1)</script>'), /element <script>/],
    ['script text', ok('<script>alert(1)</script>'), /text content/],
    ['foreignObject', ok('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'), /element <foreignObject>/],
    ['event handler', ok('<path d="M0 0" onload="alert(1)"/>'), /event handler/],
    ['upper-case handler', ok('<path d="M0 0" ONCLICK="x()"/>'), /event handler/],
    ['handler on the root', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', /event handler/],
    ['external href', ok('<linearGradient id="a" href="https://evil.example/x.svg#a"/>'), /non-local reference/],
    ['javascript: xlink:href', ok('<linearGradient id="a" xlink:href="javascript:alert(1)"/>'), /non-local reference/],
    ['entity-encoded javascript:', ok('<linearGradient id="a" href="&#106;avascript:alert(1)"/>'), /non-local reference|active content/],
    ['external url() fill', ok('<path d="M0 0" fill="url(https://evil.example/p.svg#g)"/>'), /external url/],
    ['quoted external url()', ok(`<path d="M0 0" fill="url('//evil.example/g')"/>`), /external url/],
    ['style with url', ok('<path d="M0 0" style="fill:url(http://evil.example/)"/>'), /external url/],
    ['style with @import', ok('<path d="M0 0" style="@import url(#x)"/>'), /active content/],
    ['style with a CSS escape', ok('<path d="M0 0" style="fill:u\\72l(http://x)"/>'), /active content/],
    ['data: URL', ok('<path d="M0 0" fill="url(data:image/svg+xml,abc)"/>'), /external url|active content/],
    ['<style> element', ok('<style>path{fill:url(http://x)}</style>'), /element <style>/],
    ['<image>', ok('<image href="#a"/>'), /element <image>/],
    ['<use>', ok('<use href="#a"/>'), /element <use>/],
    ['<a>', ok('<a href="#a"><path d="M0 0"/></a>'), /element <a>/],
    ['<animate> (can rewrite an href)', ok('<animate attributeName="href" to="javascript:alert(1)"/>'), /element <animate>/],
    ['<set>', ok('<set attributeName="fill" to="red"/>'), /element <set>/],
    ['namespaced script', ok('<svg:script xmlns:svg="http://www.w3.org/2000/svg"/>'), /element <svg:script>/],
    ['unknown attribute', ok('<path d="M0 0" data-x="1"/>'), /attribute <path data-x/],
    ['foreign default namespace', '<svg xmlns="http://www.w3.org/1999/xhtml"/>', /namespace/],
    ['comment', ok('<!-- hidden --><path d="M0 0"/>'), /not a plain element/],
    ['CDATA', ok('<![CDATA[x]]>'), /not a plain element/],
    ['DOCTYPE with entities', `<!DOCTYPE svg [<!ENTITY x "y">]>${ok('')}`, /not a plain element/],
    ['custom entity', ok('<path d="M0 0" fill="&x;"/>'), /unknown entity/],
    ['processing instruction', `${ok('')}<?xml-stylesheet href="http://x/a.css"?>`, /not a plain element/],
    ['unquoted attribute', ok('<path d=M0/>'), /not a plain element/],
    ['two roots', `${ok('')}${ok('')}`, /2 root elements/],
    ['unclosed element', '<svg xmlns="http://www.w3.org/2000/svg"><g>', /unclosed/],
    ['not an svg root', '<html xmlns="http://www.w3.org/1999/xhtml"/>', /root element <html>/],
  ];
  it.each(hostile)('rejects %s', (_, svg, reason) => {
    const violations = svgSafetyViolations(svg);
    expect(violations.join('\n')).toMatch(reason);
    expect(() => assertSafeSvg(svg)).toThrow(/not a plain drawing/);
  });
});

describe('every SVG the pipeline writes is a plain drawing', () => {
  const inputs: { name: string; bytes: Uint8Array }[] = [];

  beforeAll(async () => {
    await prepareCore(nodeHost);
    const kinds: SyntheticKind[] = ['simple', 'gradient'];
    for (const kind of kinds) {
      for (let i = 0; i < 4; i++) inputs.push({ name: `${kind}-${i}`, bytes: pngAt(synthetic(kind, i, 1234).svg, 128) });
    }
    for (const c of await hostileCases()) if (c.expect.ok) inputs.push({ name: c.name, bytes: c.bytes });
  });

  afterEach(() => vi.restoreAllMocks());

  it.each(TIERS.map((tier) => [tier]))('tier %i: generated logos, gradients and the odd inputs', async (tier) => {
    for (const { name, bytes } of inputs) {
      const result = await convert(signal(), bytes, { tier, deadlineMs: null }, nodeHost);
      assertSafeSvg(result.svg, `${name} at tier ${tier}`);
    }
  });

  it('the fallback engine (imagetracer) too', async () => {
    vi.spyOn(ENGINES.tracewise, 'trace').mockRejectedValue(new Error('injected'));
    for (const { name, bytes } of inputs.slice(0, 8)) {
      const result = await convert(signal(), bytes, { tier: 2 }, nodeHost);
      expect(result.fallback?.from).toBe('tracewise');
      assertSafeSvg(result.svg, `${name} via imagetracer`);
    }
  });

  // The dev corpus is git-ignored and CI does not build it: sample it only when it is there.
  it.skipIf(!existsSync(CORPUS_PNG))('a sample of the dev corpus (corpus/256), every tier', async () => {
    const files = readdirSync(CORPUS_PNG).filter((f) => f.endsWith('.png')).sort();
    const step = Math.max(1, Math.floor(files.length / 4));
    const sample = files.filter((_, i) => i % step === 0).slice(0, 4);
    for (const file of sample) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS_PNG, file)));
      for (const tier of TIERS) assertSafeSvg((await convert(signal(), bytes, { tier, deadlineMs: null }, nodeHost)).svg, `${file} at tier ${tier}`);
    }
  });
});
