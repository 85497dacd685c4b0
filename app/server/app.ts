/**
 * The HTTP layer: an express app around React Router. Bundled as the SSR build's entry so that
 * it shares one module graph with the routes (see vite.config.ts).
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { createRequestHandler } from '@react-router/express'
import compression from 'compression'
import express from 'express'
import { RouterContextProvider } from 'react-router'
import { databaseReachable } from '../../db/connect'
import { createSessionCookie } from '../auth/cookie.server'
import { type CheckinBus, createLocalBus } from '../checkin/live.server'
import { appContext } from '../http/context'
import { bodyLimit, originGuard } from '../http/refusal.server'
import { MAX_IMPORT_BYTES } from '../people/columns'
import { DEVICE_API_BODY_LIMIT, deviceApi } from '../scanner/api.server'
import type { Booted } from './boot.server'

export { createLiveBus } from '../checkin/live.server'
export { boot } from './boot.server'
export { startOutboxWorker } from './mails.server'

/**
 * The pages our own pages may frame: a mail rendered for the Outbox (routes/outbox-message-html.tsx)
 * and a bulk send's preview (routes/event-bulk-preview.tsx).
 */
const SAME_ORIGIN_FRAMES = /^\/(outbox\/[^/]+\/html|events\/[^/]+\/invitations\/send\/preview\/[a-z]{2})$/

/** A form's body: the public ones (registration, sign-in, the portal) fit in a few kilobytes. */
export const FORM_BODY_LIMIT = 64 * 1024
/**
 * An organizer's form: an event's three descriptions of 4,000 characters (9 bytes each once
 * urlencoded, for Chinese and Japanese), 5,000 people ticked on the invitation list.
 */
export const ORGANIZER_FORM_BODY_LIMIT = 1024 * 1024
const ORGANIZER_PATHS = /^\/(events|people|projects|outbox)(\/|\.data$|$)/
/** The directory import: the file itself and the form around it (the route streams it to disk). */
const IMPORT_PATH = /^\/people\/import(\.data)?$/

/**
 * The largest body a path takes (the path as React Router sees it, a single fetch's `.data`
 * included). Anything else, the public pages and unknown paths, takes a small form.
 */
export function bodyLimitFor(path: string): number {
  if (path.startsWith('/api/')) return DEVICE_API_BODY_LIMIT
  if (IMPORT_PATH.test(path)) return MAX_IMPORT_BYTES + FORM_BODY_LIMIT
  if (ORGANIZER_PATHS.test(path)) return ORGANIZER_FORM_BODY_LIMIT
  return FORM_BODY_LIMIT
}

export interface ServerTimeouts {
  /** the whole request, headers and body, must arrive within this (default 120 s: a 50 MB import over ~4 Mbit/s) */
  requestTimeoutMs?: number
}

/**
 * The node:http server, with its limits on slow clients; start.js and the test helpers make theirs
 * here, then attach the app to its 'request' event. A request (headers and body) that takes
 * longer than requestTimeout is answered 408 and its connection closed, so a body that trickles
 * in is cut; headers must arrive within 20 s; an idle kept-alive connection closes after 5 s. None
 * of them cuts an answer being sent: an event stream (live attendance) is a request received at
 * once and an answer without end.
 */
export function createHttpServer({ requestTimeoutMs = 120_000 }: ServerTimeouts = {}): Server {
  return createServer({
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(20_000, requestTimeoutMs),
    keepAliveTimeout: 5_000,
    // How often node:http looks for requests past their timeouts (its default: every 30 s).
    connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
  })
}

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
  // Before anything reads a body, and before the origin check (a refused body is not drained).
  app.use(bodyLimit(bodyLimitFor))
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
