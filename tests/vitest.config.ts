import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests only (real wasm-vips, svgo, resvg in Node). Playwright specs live in tests/e2e and
// are run by Playwright, never by Vitest.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    // onnxruntime-web/wasm needs browser globals; its main entry is the same runtime for Node.
    alias: { 'onnxruntime-web/wasm': 'onnxruntime-web' },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file loads its own wasm-vips (~270 MB reserved); two at once fit the 2-core machines.
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['src/core/**/*.ts'],
      exclude: ['src/core/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 80 },
    },
  },
});
