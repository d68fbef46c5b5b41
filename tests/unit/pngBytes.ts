import { crc32, deflateSync } from 'node:zlib';

/** A syntactically valid PNG signature + IHDR claiming any size, with no pixel data: the shape
 * of a decompression bomb's header, without the bomb. */
export function pngWithClaimedSize(width: number, height: number): Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter, no interlace
  // One short IDAT (a few empty rows): enough for a decoder to accept the header and start.
  const idat = deflateSync(new Uint8Array(64));
  return new Uint8Array([...signature, ...chunk('IHDR', ihdr), ...chunk('IDAT', idat), ...chunk('IEND', new Uint8Array())]);
}

function chunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array([...type].map((c) => c.charCodeAt(0)));
  const body = new Uint8Array([...typed, ...data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(8 + data.length, crc32(body));
  return [...out];
}

/** An indexed-colour PNG (colour type 3) with a tRNS chunk, written by hand because this
 * wasm-vips build has no palette writer. `indexAt` picks each pixel's palette entry. */
export function palettePng(
  width: number,
  height: number,
  palette: [number, number, number, number][],
  indexAt: (x: number, y: number) => number,
): Uint8Array {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8-bit indices, palette colour type
  const plte = new Uint8Array(palette.flatMap(([r, g, b]) => [r, g, b]));
  const trns = new Uint8Array(palette.map(([, , , a]) => a));
  const rows = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = indexAt(x, y);
  }
  return new Uint8Array([
    ...signature,
    ...chunk('IHDR', ihdr),
    ...chunk('PLTE', plte),
    ...chunk('tRNS', trns),
    ...chunk('IDAT', deflateSync(rows)),
    ...chunk('IEND', new Uint8Array()),
  ]);
}
