import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

// The SSR build's entry is our own express app (app/server/app.ts), so the HTTP layer,
// the routes and the domain share one module graph in production, dev and tests.
export default defineConfig(({ isSsrBuild }) => ({
  build: {
    rollupOptions: isSsrBuild ? { input: './app/server/app.ts' } : undefined,
  },
  plugins: [reactRouter()],
}))
