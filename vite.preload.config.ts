import { defineConfig } from 'vite';

// The preload runs sandboxed, where Electron accepts only a single CommonJS file that requires
// nothing but 'electron'. Bundle main/preload.ts (with the contract and zod) into dist/preload.cjs.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'chrome130',
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'main/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
