import { ConvertError } from '../errors';
import type { Fallback, Raster } from '../types';
import type { VipsModule } from './loadVips';
import { sniffFormat, sniffUnsupported, type InputFormat } from './sniffFormat';

export interface DecodeLimits {
  maxSide: number;
  maxPixels: number;
}

export interface DecodedImage {
  /** 8-bit sRGB RGBA at working size. */
  raster: Raster;
  format: InputFormat;
  /** Upright size of the source (after EXIF orientation). */
  sourceWidth: number;
  sourceHeight: number;
  /** workWidth / sourceWidth: 1 unless the image was larger than maxSide. */
  scale: number;
  /** Time the decode took (filled in by the pipeline). */
  decodeMs: number;
  /** Set when the strict decode failed and a tolerant one recovered the image. */
  fallback: Fallback | null;
}

/** How strictly vips reads: 'truncated' refuses damaged data, 'none' reads what it can. */
type FailOn = 'truncated' | 'none';

type VipsImage = InstanceType<VipsModule['Image']>;

/**
 * Decodes PNG/JPEG/WebP/GIF (first frame) of any bit depth, grey/palette/CMYK included, to an
 * upright 8-bit sRGB RGBA raster no larger than `maxSide`. The pixel-count guard reads only the
 * header, so a decompression bomb is refused before its pixels are allocated.
 */
export function decodeImage(vips: VipsModule, bytes: Uint8Array, limits: DecodeLimits): DecodedImage {
  const format = checkFormat(bytes);
  try {
    return decodeWith(vips, bytes, format, limits, 'truncated');
  } catch (error) {
    if (!(error instanceof ConvertError) || error.code !== 'INVALID_IMAGE') throw error;
    const tolerant = decodeTolerantly(vips, bytes, format, limits);
    if (!tolerant) throw error;
    const detail = error.message.match(/\(([^()]*)\)\.?$/)?.[1] ?? 'damaged data';
    const reason = `The file is damaged (${detail}); it was read as far as possible, as a browser shows it: damaged parts may be missing or grey.`;
    return { ...tolerant, fallback: { from: 'decode', reason } };
  }
}

/**
 * The simpler path for a file the strict read refuses: vips reads past bad checksums, corrupt
 * compressed data and a truncated end (a JPEG's missing rows come out grey, a GIF's as the
 * background). A result with nothing visible is no decode at all: a truncated PNG comes back
 * fully transparent, and tracing that would hide the failure behind an empty SVG.
 */
function decodeTolerantly(vips: VipsModule, bytes: Uint8Array, format: InputFormat, limits: DecodeLimits): DecodedImage | null {
  try {
    const decoded = decodeWith(vips, bytes, format, limits, 'none');
    return hasVisiblePixel(decoded.raster) ? decoded : null;
  } catch {
    return null;
  }
}

function hasVisiblePixel(raster: Raster): boolean {
  for (let i = 3; i < raster.data.length; i += 4) if (raster.data[i] !== 0) return true;
  return false;
}

function decodeWith(vips: VipsModule, bytes: Uint8Array, format: InputFormat, limits: DecodeLimits, failOn: FailOn): DecodedImage {
  const owned: VipsImage[] = [];
  const keep = (image: VipsImage): VipsImage => (owned.push(image), image);
  try {
    // newFromBuffer is lazy: only the header is parsed here.
    const header = keep(callVips(() => vips.Image.newFromBuffer(bytes, '', { fail_on: failOn })));
    const { width, height } = uprightSize(header);
    if (width * height > limits.maxPixels) {
      throw new ConvertError(
        'TOO_LARGE',
        `The image is ${width}×${height} (${formatMegapixels(width * height)}); the limit is ${formatMegapixels(limits.maxPixels)}.`,
      );
    }
    // Decode in full with fail_on 'truncated': the thumbnail path would paper over a truncated
    // file with black rows. The pixel guard above bounds what this can allocate.
    let image = keep(callVips(() => header.autorot()));
    image = callVips(() => toRgba8(image, keep));
    const longest = Math.max(image.width, image.height);
    if (longest > limits.maxSide) image = callVips(() => shrinkPremultiplied(image, limits.maxSide / longest, keep));
    const pixels = callVips(() => image.writeToMemory());
    if (pixels.length !== image.width * image.height * 4) {
      throw new ConvertError('INTERNAL', `Decoder returned ${pixels.length} bytes for ${image.width}×${image.height} RGBA.`);
    }
    // Copy out of the wasm heap: a later heap growth would detach a view.
    const data = new Uint8ClampedArray(pixels.length);
    data.set(pixels);
    return {
      raster: { width: image.width, height: image.height, data },
      format,
      sourceWidth: width,
      sourceHeight: height,
      scale: image.width / width,
      decodeMs: 0,
      fallback: null,
    };
  } finally {
    for (const image of owned) image.delete();
  }
}

function checkFormat(bytes: Uint8Array): InputFormat {
  if (bytes.length === 0) throw new ConvertError('EMPTY_IMAGE', 'The file is empty (0 bytes).');
  const format = sniffFormat(bytes);
  if (format) return format;
  const other = sniffUnsupported(bytes);
  if (other) throw new ConvertError('UNSUPPORTED_FORMAT', `${other} files are not supported; use PNG, JPEG, WebP or GIF.`);
  throw new ConvertError('INVALID_IMAGE', 'The file is not a PNG, JPEG, WebP or GIF image.');
}

/** Orientations 5–8 swap the axes. */
function uprightSize(header: VipsImage): { width: number; height: number } {
  const orientation = header.getTypeof('orientation') ? header.getInt('orientation') : 1;
  return orientation >= 5 && orientation <= 8
    ? { width: header.height, height: header.width }
    : { width: header.width, height: header.height };
}

/** Any band layout and depth → 4-band 8-bit sRGB with alpha. Every new image goes to `keep`. */
function toRgba8(image: VipsImage, keep: (image: VipsImage) => VipsImage): VipsImage {
  let current = image;
  if (current.interpretation !== 'srgb' || current.format !== 'uchar') current = keep(current.colourspace('srgb'));
  if (current.format !== 'uchar') current = keep(current.cast('uchar'));
  if (current.bands === 3) current = keep(current.bandjoin(255));
  if (current.bands > 4) current = keep(current.extractBand(0, { n: 4 }));
  if (current.bands !== 4) throw new ConvertError('INVALID_IMAGE', `Unexpected ${current.bands}-band image.`);
  return current;
}

/**
 * The kernel large inputs are shrunk with: Catmull-Rom (vips 'cubic'), not vips's default
 * Lanczos 3, whose ringing along every hard edge the tracer drew as thin extra shapes. On 150
 * train/validation logos drawn at 512 / 700 / 1024 px and shrunk to 256, Lanczos 3 gave 2.7–2.8×
 * the SVG bytes of the same logos drawn at 256 (SSIM 0.987 against them), Catmull-Rom 1.03×
 * (0.989). Lanczos 2 measured the same (from 512 px: 319.0 against 320.0 KB, SSIM 0.9890 against
 * 0.9892); Mitchell and linear blur edges (SSIM 0.987). See scripts/studies/downscaleKernel.ts.
 */
export const DOWNSCALE_KERNEL = 'cubic';

/** Shrinks with alpha premultiplied, so transparent pixels do not bleed dark halos into edges.
 * (`kernel` is for studies of other kernels: scripts/studies/downscaleKernel.ts.) */
export function shrinkPremultiplied(image: VipsImage, scale: number, keep: (image: VipsImage) => VipsImage, kernel: string = DOWNSCALE_KERNEL): VipsImage {
  const premultiplied = keep(image.premultiply());
  const resized = keep(premultiplied.resize(scale, { kernel: kernel as typeof DOWNSCALE_KERNEL }));
  return keep(keep(resized.unpremultiply()).cast('uchar'));
}

/** Anything vips refuses is an image it cannot read. */
function callVips<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ConvertError) throw error;
    const detail = vipsMessage(error);
    // A header within maxPixels can still need more memory than the wasm heap has (an extreme
    // width makes vips' line buffers huge): that is a size problem, not a damaged file.
    if (/out of memory/i.test(detail)) {
      throw new ConvertError('TOO_LARGE', `The image is too large to decode in the memory available (${detail}).`, { cause: error });
    }
    throw new ConvertError('INVALID_IMAGE', `The image could not be decoded; the file may be damaged or truncated (${detail}).`, {
      cause: error,
    });
  }
}

/**
 * wasm-vips throws a `WebAssembly.Exception` (not an Error) whose `message` is [type, text]; the
 * text's last line names the cause. Reading `message` from any object keeps "[object
 * WebAssembly.Exception]" out of the user's message.
 */
function vipsMessage(error: unknown): string {
  const raw = error && typeof error === 'object' && 'message' in error ? (error as { message: unknown }).message : error;
  const text = Array.isArray(raw) ? String(raw[raw.length - 1]) : String(raw);
  const lines = text.trim().split('\n').filter(Boolean);
  return lines[lines.length - 1]?.trim() || 'unknown error';
}

function formatMegapixels(pixels: number): string {
  return `${(pixels / 1e6).toFixed(1)} MP`;
}
