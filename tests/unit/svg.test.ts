import { describe, expect, it } from 'vitest';
import { coordinatePrecision, optimizeSvg } from '../../src/core/optimize/optimizeSvg';
import { countShapes, setSvgRoot, utf8Bytes } from '../../src/core/svg/svgRoot';

describe('setSvgRoot', () => {
  it('sets size and viewBox and keeps the root attributes it does not own', () => {
    const svg = '<svg width="1" height="2" viewBox="0 0 9 9" xmlns="http://www.w3.org/2000/svg" fill-rule="evenodd"><path d="M0 0h1"/></svg>';
    const out = setSvgRoot(svg, { viewWidth: 10, viewHeight: 20, width: 100, height: 200 });
    expect(out).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="200" viewBox="0 0 10 20" fill-rule="evenodd"><path d="M0 0h1"/></svg>',
    );
  });

  it('refuses text without an svg root', () => {
    expect(() => setSvgRoot('<html></html>', { viewWidth: 1, viewHeight: 1, width: 1, height: 1 })).toThrow(/no <svg> root/);
  });
});

describe('coordinatePrecision', () => {
  it('adds digits as one working unit covers more source pixels, and for tiny icons', () => {
    expect(coordinatePrecision(256, 1)).toBe(1);
    expect(coordinatePrecision(1024, 0.25)).toBe(2);
    expect(coordinatePrecision(1024, 0.04)).toBe(3);
    expect(coordinatePrecision(32, 1)).toBe(2);
  });
});

describe('optimizeSvg', () => {
  it('keeps viewBox and size, rounds to the precision, and shrinks the markup', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10" version="1.1">' +
      '<path fill="rgb(255,0,0)" stroke="none" d="M 1.23456 1.0 L 8.98765 1.0 L 8.98765 9.0 L 1.23456 9.0 Z"/></svg>';
    const out = optimizeSvg(svg, 1);
    expect(out).toContain('viewBox="0 0 10 10"');
    expect(out).toContain('width="10"');
    expect(out).toContain('fill="red"');
    expect(out).not.toContain('1.23456');
    expect(utf8Bytes(out)).toBeLessThan(utf8Bytes(svg));
    expect(countShapes(out)).toBe(1);
  });
});
