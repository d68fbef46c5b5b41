import type { Fault } from './protocol';

/** The smallest module whose one function traps: (func (export "trap") unreachable). */
const TRAP_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07,
  0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
]);

/**
 * Test-only (see protocol.ts `Fault`). The crash traps in a task of its own, outside Comlink's
 * call handler, so it is an uncaught RuntimeError — the worker's `error` event — and the call
 * never answers, exactly like a wasm trap or OOM in a real engine.
 */
export function injectFault(fault: Fault): Promise<never> {
  if (fault === 'crash') {
    const { trap } = new WebAssembly.Instance(new WebAssembly.Module(TRAP_MODULE)).exports as { trap(): void };
    setTimeout(trap, 0);
  } else {
    for (;;) {
      // spin: only terminate() ends this
    }
  }
  return new Promise<never>(() => {});
}
