import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The standalone scanner bundle (app/scanner/main.tsx, and app/scanner/ with it) into
// build/client/scanner, served at /scanner/. `npm run build` runs it after the React Router
// build; app/scanner/bundle.server.ts finds the entry through the manifest for routes/scan.tsx.
// react-i18next is replaced by the scanner's own small `t()` (app/scanner/i18n-lite.ts).
export default defineConfig({
  base: '/scanner/',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: { 'react-i18next': fileURLToPath(new URL('./app/scanner/i18n-lite.ts', import.meta.url)) },
  },
  build: {
    outDir: 'build/client/scanner',
    emptyOutDir: true,
    manifest: true,
    assetsDir: '',
    rollupOptions: { input: 'app/scanner/main.tsx' },
  },
})
