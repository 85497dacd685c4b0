import { fileURLToPath, pathToFileURL } from 'node:url'
import { reactRouter } from '@react-router/dev/vite'
import { defineConfig, type Plugin } from 'vite'

const IMPORT_WORKER = 'virtual:signet/import-worker-url'
const IMPORT_WORKER_SOURCE = fileURLToPath(new URL('./app/people/import-worker.ts', import.meta.url))

/**
 * The import parser's worker thread (app/people/import-worker.ts) needs a file of its own: in the
 * SSR build it is emitted as build/server/import-worker.js, and `virtual:signet/import-worker-url`
 * is its URL as seen from whichever chunk imports it. In dev it is the source file (run by tsx).
 */
function importWorker(): Plugin {
  let emit = false
  return {
    name: 'signet:import-worker',
    configResolved(config) {
      emit = config.command === 'build' && Boolean(config.build.ssr)
    },
    resolveId(id) {
      return id === IMPORT_WORKER ? `\0${IMPORT_WORKER}` : null
    },
    load(id) {
      if (id !== `\0${IMPORT_WORKER}`) return null
      if (!emit) return `export default ${JSON.stringify(pathToFileURL(IMPORT_WORKER_SOURCE).href)}`
      const ref = this.emitFile({ type: 'chunk', id: IMPORT_WORKER_SOURCE, fileName: 'import-worker.js' })
      return `export default import.meta.ROLLUP_FILE_URL_${ref}`
    },
  }
}

// The SSR build's entry is our own express app (app/server/app.ts), so the HTTP layer,
// the routes and the domain share one module graph in production, dev and tests.
export default defineConfig(({ isSsrBuild }) => ({
  build: {
    rollupOptions: isSsrBuild ? { input: './app/server/app.ts' } : undefined,
  },
  plugins: [reactRouter(), importWorker()],
}))
