import { defineConfig } from 'vite';

/**
 * The partner portal's build. Vite 8 compiles JSX itself (oxc); `#domain/*` resolves through the
 * repository's package.json "imports", so the portal shows the same texts as the API.
 * No inline script or style is emitted: the CSP is `script-src 'self'; style-src 'self'`.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keep every asset a file of its own: a data: URI script would break the CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
