/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { chunking } from './chunking';
import { precompileMessages } from './precompile-messages';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));
// `npm run dev`: Vite on 5173 with hot reload, the API (`npm start`, or the API alone) on API_URL.
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react(), precompileMessages(), chunking()],
  resolve: {
    alias: {
      '@roundtable/api-client': `${workspace}/libs/api-client/src/index.ts`,
      // Pure rules and lists shared with the server (no Node, no database): SIC sections, employee bands.
      '@roundtable/domain': `${workspace}/libs/domain/src/index.ts`,
    },
  },
  build: {
    // WEB_OUT_DIR lets parallel builds (and their browser tests, via E2E_WEB_DIR) keep out of each other's way.
    outDir: process.env.WEB_OUT_DIR ?? `${workspace}/dist/apps/web`,
    emptyOutDir: true,
    sourcemap: true,
    // Route-level chunks are the point; the entry holds React, the router, the query client and the shell.
    chunkSizeWarningLimit: 600,
    // libs/domain is pure (no module runs anything on load): what the app does not import from it (the recurrence
    // rules and their rrule, luxon) is left out rather than kept in the entry for fear of side effects.
    rolldownOptions: { treeshake: { moduleSideEffects: [{ test: /[\\/]libs[\\/]domain[\\/]src[\\/]/, sideEffects: false }] } },
  },
  server: {
    port: 5173,
    // The API refuses cookie-signed writes from another origin: the dev server's requests reach it as its own.
    proxy: { '/api': { target: api, changeOrigin: true, headers: { origin: api } } },
  },
  test: {
    root,
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
  },
});
