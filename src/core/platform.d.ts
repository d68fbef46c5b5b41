/**
 * The few globals that both Node (>= 20) and a browser Worker provide. `src/core` is compiled
 * without DOM and without Node types, so anything outside this list (window, document, process,
 * Buffer, fetch, self) is a compile error here — that is what keeps the core portable.
 */
declare global {
  interface AbortSignal {
    readonly aborted: boolean;
    readonly reason: unknown;
    throwIfAborted(): void;
    addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
    removeEventListener(type: 'abort', listener: () => void): void;
  }
  var AbortSignal: {
    prototype: AbortSignal;
    timeout(ms: number): AbortSignal;
    any(signals: AbortSignal[]): AbortSignal;
  };
  interface AbortController {
    readonly signal: AbortSignal;
    abort(reason?: unknown): void;
  }
  var AbortController: { prototype: AbortController; new (): AbortController };
  var performance: { now(): number };
  function setTimeout(callback: () => void, ms?: number): unknown;
  function clearTimeout(handle: unknown): void;
  var console: {
    log(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
  };
  /** Web Crypto: the classifier checks its model's SHA-256 against the manifest. */
  var crypto: {
    subtle: { digest(algorithm: 'SHA-256', data: Uint8Array | ArrayBuffer): Promise<ArrayBuffer> };
  };
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    constructor(label?: string);
    decode(input?: ArrayBufferView | ArrayBuffer): string;
  }
}
export {};
