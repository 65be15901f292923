import { defineConfig } from 'vite';

// Vite 8 compiles JSX itself (oxc); no inline script in the built page (the CSP allows none).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false } },
});
