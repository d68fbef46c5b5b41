import Vips from 'wasm-vips';
import { ConvertError } from '../errors';
import type { Host } from '../host';

export type VipsModule = Awaited<ReturnType<typeof Vips>>;

/** wasm-vips never settles its init promise without cross-origin isolation (no
 * SharedArrayBuffer), so a bounded wait turns a silent hang into an error. */
const INIT_TIMEOUT_MS = 20_000;

let vipsPromise: Promise<VipsModule> | null = null;

/** One wasm-vips instance per JS realm: each reserves ~270 MB and starts its own threads. */
export function loadVips(host: Host): Promise<VipsModule> {
  vipsPromise ??= initVips(host).catch((error: unknown) => {
    vipsPromise = null; // let a later call retry instead of caching the failure
    throw error;
  });
  return vipsPromise;
}

async function initVips(host: Host): Promise<VipsModule> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ConvertError('INTERNAL', 'The image decoder (wasm-vips) did not start: is the page cross-origin isolated?')),
      INIT_TIMEOUT_MS,
    );
  });
  try {
    // dynamicLibraries: [] — skip the optional JXL/HEIF side modules: we never load those formats.
    // printErr: libvips prints a warning per bad scanline of a damaged file; the failure itself
    // reaches us as an exception, so the console flood only hides the real message.
    // VIPS_WARNING: the per-scanline warnings are also printed by vips' pthreads, which do not
    // see printErr; libvips drops them when this variable is set (read once, by vips_init).
    const factory = Vips({ dynamicLibraries: [], printErr: () => {}, preRun: [silenceWarnings], ...host.vipsOptions });
    const vips = await Promise.race([factory, timeout]);
    // Logos are small; one vips thread per image keeps the pool's CPU budget predictable.
    vips.concurrency(1);
    return vips;
  } finally {
    clearTimeout(timer);
  }
}

function silenceWarnings(module: { ENV?: Record<string, string> }): void {
  if (module.ENV) module.ENV.VIPS_WARNING = '0';
}
