import { defineConfig } from 'vite';

// The app is embedded into the relsynth binary (W's CMake step reads dist/), so it is built as
// plain files with absolute /assets URLs (client routes like /executions/3 need them) and no external fonts or CDN imports. JSX goes to Preact through
// tsconfig's jsxImportSource, so no framework plugin is needed.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` talks to a running `relsynth serve` on its default port.
    proxy: { '/api': 'http://127.0.0.1:8765' },
  },
});
