/**
 * The web app's build (`npm run build:web` → web/dist, served by the API
 * server at /) and dev server (`npm run dev:web`, /api proxied to
 * `concord serve` on port 4321).
 */

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The server replaces this placeholder with a fresh nonce per page (NONCE_PLACEHOLDER in src/server/static.ts).
  html: { cspNonce: 'CONCORD_CSP_NONCE' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://127.0.0.1:4321' } },
});
