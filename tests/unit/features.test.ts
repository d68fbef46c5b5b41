import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../src/cli/nodeHost';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { describeImage, extractFeatures, FEATURE_COUNT, FEATURE_INDEX, FEATURE_NAMES, featureRecord } from '../../src/core/features';
import { labelComponents } from '../../src/core/features/components';
import { shrinkToSide } from '../../src/core/features/workRaster';
import type { Raster } from '../../src/core/types';
import { logoSvg, pngFromSvg } from './fixtures';

async function rasterOf(svg: string): Promise<Raster> {
  return decodeImage(await loadVips(nodeHost), await pngFromSvg(svg), { maxSide: 1024, maxPixels: 4e7 }).raster;
}

const svgDoc = (size: number, body: string, defs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 256 256"><defs>${defs}</defs>${body}</svg>`;

/** A wordmark without fonts (resvg has none here): eight block glyphs on one baseline. */
function wordSvg(size = 256): string {
  const glyphs = ['M0 0h14v40H0z', 'M0 0h26v8H0zM0 16h20v8H0zM0 32h26v8H0zM0 0h8v40H0z', 'M0 0h8v40H0zM0 32h24v8H0z',
    'M0 0h26v40H0zM8 8v24h10V8z', 'M0 0h28v8H0zM10 0h8v40h-8z', 'M0 0h8v40H0zM18 0h8v40h-8zM0 16h26v8H0z',
    'M0 0h8v40H0zM0 0h24v8H0zM0 16h18v8H0z', 'M0 0h26v40H0zM8 8v24h10V8z'];
  const body = glyphs.map((d, i) => `<path fill="#1f2937" fill-rule="evenodd" transform="translate(${12 + i * 30} 108)" d="${d}"/>`).join('');
  return svgDoc(size, body);
}
const discSvg = (size = 256) => svgDoc(size, '<circle cx="128" cy="128" r="100" fill="#1f2937"/>');
const gradientSvg = (size = 256) => svgDoc(size, '<rect width="256" height="256" rx="40" fill="url(#g)"/>',
  '<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ff3d7f"/><stop offset="1" stop-color="#3d5afe"/></linearGradient>');
const flatLogoSvg = () => logoSvg(256);

const get = (f: Float32Array, name: (typeof FEATURE_NAMES)[number]): number => f[FEATURE_INDEX[name]]!;
const count = (f: Float32Array, name: (typeof FEATURE_NAMES)[number]): number => Math.round(2 ** get(f, name) - 1);

describe('extractFeatures', () => {
  it('returns FEATURE_COUNT finite numbers, named in order', async () => {
    const features = extractFeatures(await rasterOf(flatLogoSvg()));
    expect(features).toBeInstanceOf(Float32Array);
    expect(features.length).toBe(FEATURE_COUNT);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_COUNT);
    expect([...features].every(Number.isFinite)).toBe(true);
  });

  it('is deterministic: same raster, copied raster, repeated calls', async () => {
    const raster = await rasterOf(gradientSvg());
    const a = extractFeatures(raster);
    const b = extractFeatures(raster);
    const c = extractFeatures({ ...raster, data: new Uint8ClampedArray(raster.data) });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(raster.data).toEqual((await rasterOf(gradientSvg())).data); // input untouched
  });

  it('matches featureRecord field by field', async () => {
    const raster = await rasterOf(wordSvg());
    const record = featureRecord(raster);
    const vector = extractFeatures(raster);
    FEATURE_NAMES.forEach((name, i) => expect(vector[i]).toBeCloseTo(record[name], 5));
  });

  it('a flat two-colour logo has few colours, no shading and a transparent background', async () => {
    const f = extractFeatures(await rasterOf(flatLogoSvg()));
    expect(count(f, 'flatColoursLog')).toBe(2);
    expect(count(f, 'flatRegionsLog')).toBeLessThanOrEqual(3);
    expect(get(f, 'top2Share')).toBeGreaterThan(0.95);
    expect(get(f, 'smoothShare')).toBeLessThan(0.02);
    expect(get(f, 'transparentBackground')).toBe(1);
    expect(get(f, 'workSideLog')).toBe(0);
  });

  it('reports the smallest distance between two flat colours, beside the same features', async () => {
    // devicon's shield: two shades 28 apart, and a third far from both; a speck too small to count.
    const raster = await rasterOf(svgDoc(256, '<rect x="20" y="20" width="100" height="200" fill="#558d6c"/><rect x="120" y="20" width="100" height="200" fill="#5aa579"/><rect x="100" y="100" width="40" height="40" fill="#ffffff"/><rect x="2" y="2" width="4" height="4" fill="#5aa57a"/>'));
    const { features, flatColourGap } = describeImage(raster);
    expect(features).toEqual(extractFeatures(raster));
    expect(flatColourGap).toBeCloseTo(Math.hypot(5, 24, 13), 6);
    expect(describeImage(await rasterOf(discSvg())).flatColourGap).toBe(Infinity); // one flat colour
  });

  it('a gradient tile is mostly smooth shading', async () => {
    const gradient = extractFeatures(await rasterOf(gradientSvg()));
    const flat = extractFeatures(await rasterOf(flatLogoSvg()));
    expect(get(gradient, 'smoothShare')).toBeGreaterThan(0.5);
    expect(get(gradient, 'smoothCoherence')).toBeGreaterThan(0.5);
    expect(count(gradient, 'smoothBlocksLog')).toBeGreaterThan(1000);
    expect(get(gradient, 'flatShare')).toBeLessThan(get(flat, 'flatShare'));
    expect(get(gradient, 'colourCountLog')).toBeGreaterThan(get(flat, 'colourCountLog'));
  });

  it('a word scores higher on text-likeness than a disc', async () => {
    const word = extractFeatures(await rasterOf(wordSvg()));
    const disc = extractFeatures(await rasterOf(discSvg()));
    expect(count(word, 'glyphAlignedLog')).toBeGreaterThanOrEqual(6);
    expect(get(word, 'glyphAlignedShare')).toBeGreaterThan(0.8);
    expect(count(disc, 'glyphAlignedLog')).toBeLessThan(2);
    expect(get(word, 'contentAspectLog')).toBeGreaterThan(1); // a wide line of glyphs
    expect(Math.abs(get(disc, 'contentAspectLog'))).toBeLessThan(0.05);
    expect(count(word, 'componentCountLog')).toBe(8);
    expect(count(word, 'holeCountLog')).toBe(2); // the two counters
    expect(get(word, 'strokeWidth')).toBeLessThan(get(disc, 'strokeWidth'));
  });

  it('measures large inputs on a shrunk copy, close to the 256 px rendering', async () => {
    const small = extractFeatures(await rasterOf(logoSvg(256)));
    const large = extractFeatures(await rasterOf(logoSvg(1000)));
    expect(get(large, 'workSideLog')).toBe(0);
    expect(count(large, 'flatColoursLog')).toBe(count(small, 'flatColoursLog'));
    expect(get(large, 'top2Share')).toBeCloseTo(get(small, 'top2Share'), 1);
    expect(get(large, 'opaqueShare')).toBeCloseTo(get(small, 'opaqueShare'), 1);
  });

  it('shrinks a view to a longest side like the work raster does, and leaves smaller rasters alone', async () => {
    const raster = await rasterOf(logoSvg(256));
    const view = shrinkToSide(raster, 128);
    expect([view.width, view.height]).toEqual([128, 128]);
    expect(get(extractFeatures(view), 'workSideLog')).toBe(-1);
    expect(shrinkToSide(view, 128)).toBe(view);
    // Shrinking to 256 is what extractFeatures does to a larger input itself.
    const large = await rasterOf(logoSvg(512));
    expect(extractFeatures(shrinkToSide(large, 256))).toEqual(extractFeatures(large));
    const wide: Raster = { width: 300, height: 100, data: new Uint8ClampedArray(300 * 100 * 4).fill(255) };
    expect([shrinkToSide(wide, 64).width, shrinkToSide(wide, 64).height]).toEqual([64, 21]);
  });

  it('records a small input size', async () => {
    const f = extractFeatures(await rasterOf(logoSvg(64)));
    expect(get(f, 'workSideLog')).toBe(-2);
  });

  it('finds the logo on an opaque background', async () => {
    const onWhite = extractFeatures(await rasterOf(svgDoc(256, '<rect width="256" height="256" fill="#fff"/><circle cx="128" cy="128" r="100" fill="#1f2937"/>')));
    const transparent = extractFeatures(await rasterOf(discSvg()));
    expect(get(onWhite, 'transparentBackground')).toBe(0);
    expect(get(onWhite, 'opaqueShare')).toBe(1);
    expect(get(onWhite, 'contentFill')).toBeCloseTo(get(transparent, 'contentFill'), 1);
  });

  it('survives degenerate rasters', () => {
    const blank: Raster = { width: 40, height: 20, data: new Uint8ClampedArray(40 * 20 * 4) };
    const one: Raster = { width: 1, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255]) };
    for (const raster of [blank, one]) {
      const f = extractFeatures(raster);
      expect([...f].every(Number.isFinite)).toBe(true);
    }
    expect(get(extractFeatures(blank), 'opaqueShare')).toBe(0);
    expect(get(extractFeatures(blank), 'aspectLog')).toBeCloseTo(Math.log(2), 5);
  });
});

describe('labelComponents', () => {
  it('joins 8-connected runs of one key and reports areas and boxes', () => {
    // 1 1 . 2
    // . 1 . 2
    // 1 . . .   ← the lower-left 1 touches the upper ones only diagonally
    const keys = Int32Array.from([1, 1, -1, 2, -1, 1, -1, 2, 1, -1, -1, -1]);
    const c = labelComponents(4, 3, keys);
    expect(c.count).toBe(2);
    const ones = [...c.keys].indexOf(1);
    expect(c.areas[ones]).toBe(4);
    expect([c.minX[ones], c.maxX[ones], c.minY[ones], c.maxY[ones]]).toEqual([0, 1, 0, 2]);
    expect(c.touchesBorder[ones]).toBe(1);
  });

  it('grows its run buffers on busy images', () => {
    const width = 300, height = 10;
    const keys = Int32Array.from({ length: width * height }, (_, i) => (i % 2) * ((i / width) | 0)); // stripes
    const c = labelComponents(width, height, keys);
    expect([...c.areas].reduce((s, a) => s + a, 0)).toBe(width * height);
  });
});
