/** Formats the decoder accepts. Others that vips could read (TIFF, SVG, PDF…) are refused on
 * purpose: they are not logo rasters, and each extra loader widens the attack surface. */
export type InputFormat = 'png' | 'jpeg' | 'webp' | 'gif';

/** Recognisable formats we refuse with UNSUPPORTED_FORMAT rather than INVALID_IMAGE. */
const KNOWN_UNSUPPORTED: ReadonlyArray<[string, (b: Uint8Array) => boolean]> = [
  ['BMP', (b) => startsWith(b, [0x42, 0x4d])],
  ['TIFF', (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])],
  ['PDF', (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46])],
  ['ICO', (b) => startsWith(b, [0x00, 0x00, 0x01, 0x00])],
  ['HEIF/AVIF', (b) => ascii(b, 4, 4) === 'ftyp'],
  ['JPEG XL', (b) => startsWith(b, [0xff, 0x0a]) || startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])],
  ['SVG', (b) => /^\s*(<\?xml|<svg|<!--)/i.test(ascii(b, 0, 256))],
];

export function sniffFormat(bytes: Uint8Array): InputFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  return null;
}

/** Name of a recognised but unsupported format, or null when the bytes are not recognised. */
export function sniffUnsupported(bytes: Uint8Array): string | null {
  for (const [name, matches] of KNOWN_UNSUPPORTED) if (matches(bytes)) return name;
  return null;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((value, i) => bytes[i] === value);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}
