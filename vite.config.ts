import react from '@vitejs/plugin-react';
import { defineConfig, type Rolldown } from 'vite';

/**
 * wasm-vips needs SharedArrayBuffer (pthreads), which browsers only grant to cross-origin
 * isolated pages; without these headers `Vips()` never resolves. (`vite preview` falls back to
 * `server.headers` when `preview.headers` is unset — both are explicit here anyway.)
 */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** wasm-vips' Emscripten glue uses direct eval (EM_JS); the warning is about upstream code we
 * cannot change and would bury our own warnings. */
const hideWasmVipsEval: Rolldown.RolldownOptions['onLog'] = (level, log, handler) => {
  if (log.code === 'EVAL' && log.id?.includes('wasm-vips')) return;
  handler(level, log);
};

export default defineConfig({
  plugins: [react()],
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  worker: {
    // Module workers: the conversion worker and wasm-vips' own pthread workers use `import`.
    format: 'es',
    rolldownOptions: { onLog: hideWasmVipsEval },
  },
  optimizeDeps: {
    // Worker-only deps are invisible to the dev server's first scan; listing them avoids a
    // mid-session re-optimisation that reloads the page ("Execution context was destroyed").
    include: ['comlink', 'imagetracerjs', 'ssim.js', 'svgo/browser', '@resvg/resvg-wasm'],
    // Pre-bundling would break their `new URL('*.wasm', import.meta.url)` and pthread workers.
    exclude: ['wasm-vips', 'onnxruntime-web'],
  },
  build: {
    target: 'es2022',
    rolldownOptions: { onLog: hideWasmVipsEval },
  },
});
