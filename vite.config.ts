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
  let building = false
  let workerRef: string | undefined
  return {
    name: 'signet:import-worker',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build'
    },
    resolveId(id) {
      return id === IMPORT_WORKER ? `\0${IMPORT_WORKER}` : null
    },
    load(id) {
      if (id !== `\0${IMPORT_WORKER}`) return null
      // Each of Vite's environments (client, ssr) builds on its own: only the server's emits it.
      const emit = building && Boolean(this.environment.config.build.ssr)
      if (!emit) return `export default ${JSON.stringify(pathToFileURL(IMPORT_WORKER_SOURCE).href)}`
      workerRef = this.emitFile({ type: 'chunk', id: IMPORT_WORKER_SOURCE, fileName: 'import-worker.js' })
      return `export default import.meta.ROLLDOWN_FILE_URL_${workerRef}`
    },
    // A file beside the server build, found from the importing chunk: not a URL under the site's
    // base (Vite's default for emitted files), and not an asset React Router moves to the client.
    resolveFileUrl({ referenceId, relativePath }) {
      if (referenceId !== workerRef) return null
      return `new URL(${JSON.stringify(relativePath)}, import.meta.url).href`
    },
  }
}

// The SSR build's entry is our own express app (app/server/app.ts), so the HTTP layer,
// the routes and the domain share one module graph in production, dev and tests. React Router 8
// builds with Vite's environments and reads the entry from the ssr environment's options.
export default defineConfig({
  environments: {
    ssr: { build: { rolldownOptions: { input: './app/server/app.ts' } } },
  },
  plugins: [reactRouter(), importWorker()],
})
