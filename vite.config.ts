import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built once into dist/renderer and served from app://reader (Electron) or the browser
// host. Relative asset URLs ('./') work under both; no dev server is involved in either.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // The one large chunk is the data view's chart library (ECharts, ~650 kB), loaded only when
    // the data view opens; the reading view's chunk stays well under the default 500 kB.
    chunkSizeWarningLimit: 700,
    sourcemap: false,
  },
});
