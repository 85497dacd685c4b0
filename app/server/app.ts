/**
 * The HTTP layer: an express app around React Router. Bundled as the SSR build's entry so that
 * it shares one module graph with the routes (see vite.config.ts).
 */
import { randomBytes } from 'node:crypto'
import type { Socket } from 'node:net'
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'
import { RouterContextProvider } from 'react-router'
import { databaseReachable } from '../../db/connect'
import { createSessionCookie } from '../auth/cookie.server'
import { deviceApi } from '../checkin/api.server'
import { type CheckinBus, createLocalBus } from '../checkin/live.server'
import { originGuard } from '../http/refusal.server'
import type { Booted } from './boot.server'
import { appContext } from './context'

export { createLiveBus } from '../checkin/live.server'
export { startOutboxWorker } from '../mail/worker.server'
export { boot } from './boot.server'

/** The one page our own pages may frame: a mail rendered for the Outbox (routes/outbox-message-html.tsx). */
const SAME_ORIGIN_FRAMES = /^\/outbox\/[^/]+\/html$/

export interface RouteEntry {
  id: string
  /** the full URL pattern, e.g. /events/:slug/sessions/:sessionId */
  path: string
  hasLoader: boolean
  hasAction: boolean
}

/** Every route of the build with its full URL pattern: the security suites enumerate them (issue 7). */
export async function routeTable(): Promise<RouteEntry[]> {
  const { routes } = await import('virtual:react-router/server-build')
  const entries = Object.values(routes).filter((r) => r !== undefined)
  const byId = new Map(entries.map((r) => [r.id, r]))
  const fullPath = (id: string | undefined): string => {
    const route = id ? byId.get(id) : undefined
    if (!route) return ''
    const parent = fullPath(route.parentId)
    return route.path ? `${parent}/${route.path}`.replace(/\/+/g, '/') : parent
  }
  return entries
    .filter((r) => r.id !== 'root')
    .map((r) => ({
      id: r.id,
      path: fullPath(r.id) || '/',
      hasLoader: typeof r.module.loader === 'function',
      hasAction: typeof r.module.action === 'function',
    }))
}

export interface HttpAppOptions extends Booted {
  /** where the client build lives (build/client); omitted in dev, where Vite serves assets */
  clientDir?: string
  /** how to load the React Router server build; defaults to the bundled one */
  build?: Parameters<typeof createRequestHandler>[0]['build']
  /** where check-in changes are published and watched (default: this process only) */
  live?: CheckinBus
  /** the clock loaders and actions read (default: the real one); tests pass their own */
  now?: () => Date
}

export function createHttpApp({
  db,
  config,
  clientDir,
  build,
  live = createLocalBus(),
  now = () => new Date(),
}: HttpAppOptions): express.Express {
  const sessionCookie = createSessionCookie(config)
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    // No page tells another site where it was (ADR 0008). Not no-referrer: under it a page's own
    // form post says `Origin: null`, which React Router refuses, so forms would need JavaScript.
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', SAME_ORIGIN_FRAMES.test(req.path) ? 'SAMEORIGIN' : 'DENY')
    next()
  })
  // Event streams (live attendance, readiness) never end by themselves: at shutdown they are cut
  // (browsers reconnect, behind a balancer to another instance) so in-flight requests can finish.
  const streams = new Set<Socket>()
  app.locals.closeStreams = () => {
    for (const socket of streams) socket.destroy()
  }
  app.use((req, res, next) => {
    // While the server drains before stopping, no connection is kept for another request.
    if (app.locals.draining) res.setHeader('Connection', 'close')
    if (req.path.endsWith('/attendance/stream')) {
      const socket = req.socket
      streams.add(socket)
      res.on('close', () => streams.delete(socket))
    }
    next()
  })
  app.use(originGuard(config.appUrl.origin))
  // The device API first: a door scan goes through no compression (small JSON) and no static
  // file lookup (a stat per request), only what it needs (ADR 0012).
  app.use('/api/v1', deviceApi({ db, sessionCookie, live, now }))
  app.use(compression())
  if (clientDir) {
    app.use('/assets', express.static(`${clientDir}/assets`, { immutable: true, maxAge: '1y' }))
    app.use(
      express.static(clientDir, {
        maxAge: '1h',
        index: false,
        // The scanner's service worker must be checked for updates at every visit.
        setHeaders: (res, path) => {
          if (path.endsWith('/sw.js')) {
            res.setHeader('Cache-Control', 'no-cache')
            res.setHeader('Service-Worker-Allowed', '/scan')
          }
        },
      }),
    )
  }
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok')
  })
  // Liveness is /healthz (the process answers; it never asks the database, so an orchestrator
  // does not restart instances that would only wait for it too). Readiness asks (ADR 0002).
  app.get('/readyz', async (_req, res) => {
    const ready = await databaseReachable(db)
    res
      .status(ready ? 200 : 503)
      .type('text/plain')
      .send(ready ? 'ok' : 'database unavailable')
  })
  app.use(
    createRequestHandler({
      build: build ?? (() => import('virtual:react-router/server-build')),
      getLoadContext(req) {
        const context = new RouterContextProvider()
        context.set(appContext, {
          db,
          config,
          sessionCookie,
          ip: req.ip ?? null,
          nonce: randomBytes(16).toString('base64'),
          live,
          now,
        })
        return context
      },
    }),
  )
  return app
}
