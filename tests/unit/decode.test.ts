import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/core/decode/decodeImage';
import { loadVips } from '../../src/core/decode/loadVips';
import { sniffFormat, sniffUnsupported } from '../../src/core/decode/sniffFormat';
import { ConvertError } from '../../src/core/errors';
import { nodeHost } from '../../src/cli/nodeHost';
import { fixtureVips, logoSvg, pngFromSvg, reencode } from './fixtures';
import { fixCrc, pngChunks } from './hostileInputs';
import { palettePng, pngWithClaimedSize } from './pngBytes';

const limits = { maxSide: 1024, maxPixels: 40_000_000 };

async function decode(bytes: Uint8Array, overrides: Partial<typeof limits> = {}) {
  return decodeImage(await loadVips(nodeHost), bytes, { ...limits, ...overrides });
}

function pixel(raster: { width: number; data: Uint8ClampedArray }, x: number, y: number): number[] {
  const i = (y * raster.width + x) * 4;
  return Array.from(raster.data.subarray(i, i + 4));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConvertError);
  return (error as ConvertError).code;
}

describe('sniffFormat', () => {
  it('recognises the four accepted formats by their magic bytes', async () => {
    const png = await pngFromSvg(logoSvg(32));
    expect(sniffFormat(png)).toBe('png');
    expect(sniffFormat(await reencode(png, '.jpg'))).toBe('jpeg');
    expect(sniffFormat(await reencode(png, '.webp'))).toBe('webp');
    expect(sniffFormat(await reencode(png, '.gif'))).toBe('gif');
    expect(sniffFormat(new TextEncoder().encode('hello'))).toBeNull();
  });

  it('names known formats that are refused', () => {
    expect(sniffUnsupported(new TextEncoder().encode('<svg xmlns="x"/>'))).toBe('SVG');
    expect(sniffUnsupported(new TextEncoder().encode('%PDF-1.7'))).toBe('PDF');
    expect(sniffUnsupported(new Uint8Array([0x42, 0x4d, 1, 2]))).toBe('BMP');
    expect(sniffUnsupported(new TextEncoder().encode('plain text'))).toBeNull();
  });
});

describe('decodeImage', () => {
  it('decodes an RGBA PNG to an identical-size 8-bit RGBA raster, alpha kept', async () => {
    const decoded = await decode(await pngFromSvg(logoSvg(128)));
    expect(decoded).toMatchObject({ format: 'png', sourceWidth: 128, sourceHeight: 128, scale: 1 });
    expect(decoded.raster.data.length).toBe(128 * 128 * 4);
    expect(pixel(decoded.raster, 0, 0)).toEqual([0, 0, 0, 0]); // transparent corner
    expect(pixel(decoded.raster, 64, 64)).toEqual([255, 255, 255, 255]); // white square
    expect(pixel(decoded.raster, 64, 20)).toEqual([0xd6, 0x28, 0x28, 255]); // red disc
  });

  it('converts 16-bit, greyscale and palette PNGs to 8-bit RGBA', async () => {
    const png = await pngFromSvg(logoSvg(64));
    const sixteen = await decode(await reencode(png, '.png', (im) => im.colourspace('rgb16')));
    expect(pixel(sixteen.raster, 32, 10)).toEqual([0xd6, 0x28, 0x28, 255]);
    const grey = await decode(await reencode(png, '.png', (im) => im.colourspace('b-w')));
    const [r, g, b, a] = pixel(grey.raster, 32, 32);
    expect([r, a]).toEqual([255, 255]);
    expect(g).toBe(r);
    expect(b).toBe(r);
    const indexed = palettePng(8, 8, [[0, 0, 0, 0], [10, 200, 30, 255], [0, 0, 255, 128]], (x) => (x < 2 ? 0 : x < 5 ? 1 : 2));
    const palette = await decode(indexed);
    expect(pixel(palette.raster, 0, 3)[3]).toBe(0); // tRNS transparency survives
    expect(pixel(palette.raster, 3, 3)).toEqual([10, 200, 30, 255]);
    expect(pixel(palette.raster, 6, 3)).toEqual([0, 0, 255, 128]);
  });

  it('reads JPEG, WebP and the first frame of a GIF', async () => {
    const png = await pngFromSvg(logoSvg(64));
    for (const format of ['.jpg[Q=95]', '.webp[lossless]', '.gif']) {
      const decoded = await decode(await reencode(png, format));
      expect(decoded.raster.width).toBe(64);
      const [r, g, b] = pixel(decoded.raster, 32, 32);
      expect(Math.min(r, g, b)).toBeGreaterThan(230); // the white square, within codec loss
    }
  });

  it('applies EXIF orientation (6 = rotate 90° clockwise)', async () => {
    const vips = await fixtureVips();
    const wide = vips.Image.black(40, 20, { bands: 3 }).add([255, 0, 0]).cast('uchar');
    const withTag = wide.copy();
    withTag.setInt('orientation', 6);
    const jpeg = withTag.writeToBuffer('.jpg');
    [wide, withTag].forEach((im) => im.delete());
    const decoded = await decode(jpeg);
    expect([decoded.sourceWidth, decoded.sourceHeight]).toEqual([20, 40]);
    expect([decoded.raster.width, decoded.raster.height]).toEqual([20, 40]);
  });

  it('scales images above maxSide down and records the scale', async () => {
    const decoded = await decode(await pngFromSvg(logoSvg(400)), { maxSide: 100 });
    expect([decoded.raster.width, decoded.raster.height]).toEqual([100, 100]);
    expect([decoded.sourceWidth, decoded.scale]).toEqual([400, 0.25]);
  });

  it('refuses a decompression bomb from its header alone', async () => {
    const started = performance.now();
    expect(await codeOf(decode(pngWithClaimedSize(60000, 60000)))).toBe('TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await codeOf(decode(await pngFromSvg(logoSvg(64)), { maxPixels: 1000 }))).toBe('TOO_LARGE');
  });

  it('gives stable codes for empty, foreign, unsupported and corrupt input', async () => {
    expect(await codeOf(decode(new Uint8Array()))).toBe('EMPTY_IMAGE');
    expect(await codeOf(decode(new TextEncoder().encode('not an image at all')))).toBe('INVALID_IMAGE');
    expect(await codeOf(decode(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBe('UNSUPPORTED_FORMAT');
    const png = await pngFromSvg(logoSvg(64));
    expect(await codeOf(decode(png.subarray(0, png.length / 2)))).toBe('INVALID_IMAGE');
  });
});

describe('decodeImage: the tolerant path for damaged files', () => {
  const idatOf = (png: Uint8Array) => pngChunks(png).find((chunk) => chunk.type === 'IDAT')!;
  const sameRaster = (a: { data: Uint8ClampedArray }, b: { data: Uint8ClampedArray }) => Buffer.from(a.data).equals(Buffer.from(b.data));

  it('reads a PNG whose zlib checksum is wrong, pixels intact, and records the fallback', async () => {
    const png = await pngFromSvg(logoSvg(64));
    const damaged = png.slice();
    const idat = idatOf(damaged);
    damaged[idat.offset + 8 + idat.length - 1] ^= 0xff; // last byte of the Adler-32
    fixCrc(damaged, idat.offset);
    const vips: any = await fixtureVips();
    expect(() => vips.Image.newFromBuffer(damaged, '', { fail_on: 'truncated' }).writeToMemory()).toThrow(); // the strict path refuses it
    const [clean, tolerant] = [await decode(png), await decode(damaged)];
    expect(clean.fallback).toBeNull();
    expect(tolerant.fallback).toMatchObject({ from: 'decode' });
    expect(tolerant.fallback!.reason).toMatch(/^The file is damaged \(.+\); it was read as far as possible/);
    expect(sameRaster(tolerant.raster, clean.raster)).toBe(true);
  });

  it('reads what it can of a truncated JPEG (the missing rows come out grey) and of a truncated GIF', async () => {
    const png = await pngFromSvg(logoSvg(64));
    const jpeg = await reencode(png, '.jpg[Q=95]', (image) => image.flatten({ background: [255, 255, 255] }));
    const cutJpeg = await decode(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    expect(cutJpeg.fallback?.from).toBe('decode');
    expect([cutJpeg.raster.width, cutJpeg.raster.height]).toEqual([64, 64]);
    const whole = await decode(jpeg);
    const diff = (y: number) => Math.abs(pixel(cutJpeg.raster, 10, y)[0] - pixel(whole.raster, 10, y)[0]);
    expect(diff(2)).toBeLessThanOrEqual(4); // the top rows were in the file
    const gif = await reencode(png, '.gif');
    const cutGif = await decode(gif.subarray(0, gif.length - 8)); // the last rows and the trailer missing
    expect(cutGif.fallback?.from).toBe('decode');
  });

  it('still refuses what no path reads: a truncated PNG (the tolerant read is blank) and a truncated interlaced PNG', async () => {
    const png = await pngFromSvg(logoSvg(64));
    const truncated = png.subarray(0, Math.floor(png.length * 0.9));
    const vips: any = await fixtureVips();
    // The tolerant read "succeeds" with nothing visible: that must not become an empty SVG.
    const blank = vips.Image.newFromBuffer(truncated, '', { fail_on: 'none' });
    expect(blank.extractBand(3).max()).toBe(0);
    const error = await decode(truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvertError);
    expect((error as ConvertError).code).toBe('INVALID_IMAGE');
    expect((error as ConvertError).message).toMatch(/damaged or truncated/);
    const interlaced = await reencode(png, '.png[interlace]');
    expect(await codeOf(decode(interlaced.subarray(0, Math.floor(interlaced.length * 0.7))))).toBe('INVALID_IMAGE');
  });
});
