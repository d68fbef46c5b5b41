import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * wasm-vips needs SharedArrayBuffer (pthreads), which browsers only grant to cross-origin
 * isolated pages; without these headers `Vips()` never resolves. (`vite preview` falls back to
 * `server.headers` when `preview.headers` is unset — both are explicit here anyway.)
 */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Nothing leaves the origin. `wasm-unsafe-eval` compiles wasm (vips, resvg, onnxruntime).
 * `blob:` in img-src/connect-src: result SVGs and originals are object URLs (previews, downloads);
 * worker-src keeps blob: for libraries that spawn workers from blobs. Styles: one built CSS file;
 * React sets style properties through the CSSOM, which CSP does not govern.
 */
const directives = (scriptSrc: string): string =>
  [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "worker-src 'self' blob:",
    "img-src 'self' blob: data:",
    "style-src 'self'",
    "connect-src 'self' blob:",
    "font-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The page, the trace workers and the service worker: no string evaluation at all. */
export const CONTENT_SECURITY_POLICY = directives("'self' 'wasm-unsafe-eval'");

/**
 * wasm-vips' Emscripten embind builds its method invokers with `new Function` (it is not built
 * with DYNAMIC_EXECUTION=0), so the ONE decode worker and vips' pthread workers need
 * 'unsafe-eval'. A worker is governed by the CSP of its own script's response, so only those two
 * scripts get it; the page cannot eval anything.
 */
export const DECODE_WORKER_CSP = directives("'self' 'wasm-unsafe-eval' 'unsafe-eval'");
const EVAL_SCRIPTS = /\/assets\/(decodeWorker|vips-es6)-[\w-]+\.js(\?|$)/;

/** `vite preview` serves the CSP as a header (per script, see above); the service worker stores
 * and replays those headers offline. Not in dev: the React refresh preamble is an inline script. */
const cspHeaders: Plugin = {
  name: 'tracewise-csp-headers',
  configurePreviewServer(server) {
    server.middlewares.use((request, response, next) => {
      response.setHeader('Content-Security-Policy', EVAL_SCRIPTS.test(request.url ?? '') ? DECODE_WORKER_CSP : CONTENT_SECURITY_POLICY);
      next();
    });
  },
};

/** The built index.html carries a meta copy of the page's policy for hosts that serve files
 * without headers (it binds only the document; workers then run unrestricted). frame-ancestors
 * is ignored (and warned about) in a meta tag: dropped there. */
const cspMeta: Plugin = {
  name: 'tracewise-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '),
      },
      injectTo: 'head-prepend',
    },
  ],
};

/** wasm-vips' Emscripten glue uses direct eval (EM_JS); the warning is about upstream code we
 * cannot change and would bury our own warnings. */
const hideWasmVipsEval: Rolldown.RolldownOptions['onLog'] = (level, log, handler) => {
  if (log.code === 'EVAL' && log.id?.includes('wasm-vips')) return;
  handler(level, log);
};

/** Offline: the service worker precaches the shell, the wasm (the largest, onnxruntime's, is
 * ~14 MB), the models and the benchmark samples. It replays cached responses with the headers they
 * were stored with, so an offline reload is still cross-origin isolated. `prompt`: a new version
 * waits until the page says so (src/ui/components/UpdatePrompt.tsx never reloads mid-conversion). */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'Tracewise — PNG to SVG',
    short_name: 'Tracewise',
    description: 'Convert logo PNGs to SVG entirely in your browser. Nothing is uploaded.',
    theme_color: '#0f766e',
    background_color: '#ffffff',
    display: 'standalone',
    start_url: '.',
    scope: '.',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,wasm,onnx,json,png,svg,webmanifest}'],
    maximumFileSizeToCacheInBytes: 32 * 2 ** 20,
    cleanupOutdatedCaches: true,
    navigateFallback: 'index.html',
  },
});

export default defineConfig({
  plugins: [react(), pwa, cspHeaders, cspMeta],
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
