/**
 * The real HTTP server, from the real production build (npm test builds first), on a random
 * port, against a fresh test database. Requests go over a socket like a browser's.
 */
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Kysely } from 'kysely'
import type * as ServerModule from '../../app/server/app'
import type { Database } from '../../db/schema'
import { createTestDatabase, type TestDatabase } from './db'

export interface TestServer {
  origin: string
  /** DATABASE_URL of this server's database */
  databaseUrl: string
  db: Kysely<Database>
  log: string[]
  close: () => Promise<void>
}

const BUILD = resolve('build/server/index.js')

export async function loadServerBuild(): Promise<typeof ServerModule> {
  if (!existsSync(BUILD)) throw new Error('no build at build/server/index.js: run `npm run build` (npm test does)')
  return import(pathToFileURL(BUILD).href)
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: { now?: () => Date; requestTimeoutMs?: number } = {},
): Promise<TestServer> {
  const testDb: TestDatabase = await createTestDatabase({ migrate: false })
  const mod = await loadServerBuild()
  // The server start.js makes, with its timeouts (a test may shorten the request's).
  const server: Server = mod.createHttpServer({ requestTimeoutMs: options.requestTimeoutMs })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const log: string[] = []
  const { config, db } = await mod.boot(
    {
      DATABASE_URL: testDb.url,
      SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789',
      APP_URL: origin,
      SEED_DEMO: '0',
      ...env,
    },
    (line) => log.push(line),
  )
  server.on('request', mod.createHttpApp({ config, db, clientDir: resolve('build/client'), now: options.now }))
  return {
    origin,
    databaseUrl: testDb.url,
    db,
    log,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()))
      await db.destroy()
      await testDb.destroy()
    },
  }
}

/** A tiny cookie-keeping client that behaves like a same-origin browser unless told otherwise. */
export class TestClient {
  cookies = new Map<string, string>()
  constructor(readonly origin: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async request(path: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0 && !headers.has('Cookie')) headers.set('Cookie', this.cookieHeader)
    const method = (init.method ?? 'GET').toUpperCase()
    if (method !== 'GET' && method !== 'HEAD' && init.origin !== null && !headers.has('Origin')) {
      headers.set('Origin', init.origin ?? this.origin)
    }
    const response = await fetch(new URL(path, this.origin), { ...init, headers, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const [name = '', ...rest] = pair.split('=')
      const value = rest.join('=')
      if (/max-age=0/i.test(cookie) || value === '') this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value)
    }
    return response
  }

  get(path: string, init: RequestInit = {}) {
    return this.request(path, init)
  }

  post(path: string, form: Record<string, string>, init: RequestInit & { origin?: string | null } = {}) {
    return this.request(path, { ...init, method: 'POST', body: new URLSearchParams(form) })
  }
}
