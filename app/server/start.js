// Starts Signet: `node app/server/start.js` serves the production build (npm start),
// `node app/server/start.js --dev` runs through Vite with hot reload (npm run dev).
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

const dev = process.argv.includes('--dev')
// The operator's NODE_ENV decides strictness (production requires SESSION_SECRET and APP_URL);
// the built server always runs React's production build.
const env = { ...process.env }
if (!dev) process.env.NODE_ENV = 'production'

async function main() {
  let serverModule
  let vite
  if (dev) {
    const { createServer } = await import('vite')
    vite = await createServer({ server: { middlewareMode: true } })
    serverModule = await vite.ssrLoadModule('./app/server/app.ts')
  } else {
    const entry = resolve('build/server/index.js')
    if (!existsSync(entry)) {
      console.error('signet: no build found at build/server/index.js; run `npm run build` first (npm start does).')
      process.exit(1)
    }
    serverModule = await import(entry)
  }

  let booted
  try {
    booted = await serverModule.boot(env)
  } catch (error) {
    console.error(`signet: cannot start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  const { config, db } = booted
  // Check-in changes for live pages: through PostgreSQL's LISTEN/NOTIFY when several instances
  // share one database, in this process on SQLite.
  let live
  try {
    live = await serverModule.createLiveBus(config.database)
  } catch (error) {
    console.error(`signet: cannot listen for live updates: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  // Sends queued mail (through SMTP_URL, or as .eml files under MAIL_DIR) until the server stops.
  const mailWorker = serverModule.startOutboxWorker({ db, config })
  console.log(
    config.smtpUrl
      ? `signet: mail goes out through ${config.smtpUrl.host}`
      : `signet: no SMTP_URL: mail is written to ${config.mailDir} (see the Outbox page)`,
  )

  let handler
  if (dev) {
    const express = (await import('express')).default
    handler = express()
    handler.use(vite.middlewares)
    handler.use(async (req, res, next) => {
      try {
        const mod = await vite.ssrLoadModule('./app/server/app.ts')
        mod.createHttpApp({
          config,
          db,
          live,
          build: () => vite.ssrLoadModule('virtual:react-router/server-build'),
        })(req, res, next)
      } catch (error) {
        if (error instanceof Error) vite.ssrFixStacktrace(error)
        next(error)
      }
    })
  } else {
    handler = serverModule.createHttpApp({ config, db, live, clientDir: resolve('build/client') })
  }

  const server = serverModule.createHttpServer()
  server.on('request', handler)
  server.listen(config.port, config.host, () => {
    console.log(`signet: listening on http://localhost:${config.port} (public address ${config.appUrl.origin})`)
  })
  server.on('error', (error) => {
    console.error(`signet: cannot listen on ${config.host}:${config.port}: ${error.message}`)
    process.exit(1)
  })
  let stopping = false
  // SIGTERM (a deploy, a balancer draining this instance): for a second the server still takes
  // connections (a balancer's last requests, connections the kernel already queued), answering
  // with Connection: close; then it stops taking them, answers the requests it has, lets the mail
  // worker finish the message in hand, and closes the live bus and the database. Event streams
  // are cut at once (browsers reconnect elsewhere). Whatever still runs after 20 s is cut.
  const DRAIN_MS = 1_000
  const stop = () => {
    if (stopping) return
    stopping = true
    console.log('signet: stopping: finishing the requests and the mail in hand')
    setTimeout(() => process.exit(0), 20_000).unref()
    handler.locals.draining = true
    handler.locals.closeStreams?.()
    const worker = mailWorker
      .stop()
      .catch((error) => console.error(`signet: stopping the mail worker: ${error?.message ?? error}`))
    const closed = new Promise((done) =>
      setTimeout(() => {
        server.close(() => done())
        // A stream opened again during the drain would hold the close: cut it too.
        handler.locals.closeStreams?.()
      }, DRAIN_MS),
    )
    Promise.allSettled([worker, closed])
      .then(() => live.close())
      .finally(() => db.destroy())
      .finally(() => {
        console.log('signet: stopped')
        process.exit(0)
      })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main()
