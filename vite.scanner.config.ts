import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The standalone scanner bundle (app/scanner/main.tsx) into build/client/scanner, served at
// /scanner/. `npm run build` runs it after the React Router build; routes/scan.tsx finds the
// entry through the manifest. react-i18next is replaced by the scanner's own small `t()`.
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
