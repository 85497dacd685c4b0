/**
 * Security properties of every route, enumerated from the build's route table so that a new route
 * is covered without anyone listing it (issue 7): every route with an action refuses a cross-site
 * POST with 403 and writes nothing; every loader leaves the database unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { invitationToken } from '../../app/registration/secrets.server'
import type { RouteEntry } from '../../app/server/app'
import { changedTables, fingerprint } from '../helpers/fingerprint'
import { makeUser, signedIn } from '../helpers/fixtures'
import { TEST_SECRET } from '../helpers/registration'
import { loadServerBuild, startTestServer, type TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let admin: TestClient
let routes: RouteEntry[] = []
const params: Record<string, string> = {}

/** The JSON endpoints of the device API that change state (express, ahead of React Router). */
const API_WRITES = ['/api/v1/checkin/redeem', '/api/v1/checkin/admit', '/api/v1/checkin/undo', '/api/v1/device/enroll']

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  await makeUser(server.db, 'root@example.org', { admin: true })
  admin = await signedIn(server.origin, 'root@example.org')
  routes = await (await loadServerBuild()).routeTable()
  const event = await server.db.selectFrom('events').select(['id', 'slug']).executeTakeFirstOrThrow()
  const session = await server.db
    .selectFrom('sessions')
    .select('id')
    .where('title_en', 'like', '%Hydrogen%')
    .executeTakeFirstOrThrow()
  const segment = await server.db
    .selectFrom('segments')
    .select('id')
    .where('session_id', '=', session.id)
    .executeTakeFirstOrThrow()
  const project = await server.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()
  const invitation = await server.db
    .selectFrom('invitations')
    .select('token_nonce')
    .where('token_nonce', 'is not', null)
    .executeTakeFirstOrThrow()
  Object.assign(params, {
    slug: event.slug,
    sessionId: session.id,
    segmentId: segment.id,
    projectId: project.id,
    id: '00000000-0000-4000-8000-000000000000',
    token: invitationToken(TEST_SECRET, invitation.token_nonce ?? ''),
  })
})
afterAll(async () => {
  await server?.close()
})

/** A concrete URL for a route pattern, with the seeded demo's real records as its parameters. */
function urlOf(route: RouteEntry): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name).replace('/*', '/no-such-page')
}

describe('the route table', () => {
  it('has every route, the run of show and projects included', () => {
    const paths = routes.map((r) => r.path)
    expect(paths).toContain('/events/:slug/sessions/:sessionId/run-of-show')
    expect(paths).toContain('/projects/:projectId')
    expect(routes.filter((r) => r.hasAction).length).toBeGreaterThanOrEqual(15)
  })
})

describe('cross-site requests', () => {
  it('refuses a cross-site POST to every route with an action, and to the device API, with 403; nothing is written', async () => {
    const before = await fingerprint(server.db)
    const targets = [...routes.filter((r) => r.hasAction).map(urlOf), ...API_WRITES]
    const refused: string[] = []
    for (const url of targets) {
      // A forged form from another site: the browser says so in Origin and Sec-Fetch-Site.
      const forgeries: Record<string, string>[] = [
        { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
        { Origin: 'https://evil.example' },
        { 'Sec-Fetch-Site': 'cross-site' },
        { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
      ]
      for (const headers of forgeries) {
        const response = await admin.request(url, {
          method: 'POST',
          body: new URLSearchParams({ intent: 'delete', confirm: 'yes' }),
          headers,
          origin: null,
        })
        if (response.status !== 403) refused.push(`${url} ${JSON.stringify(headers)} → ${response.status}`)
      }
    }
    expect(refused).toEqual([])
    expect(changedTables(before, await fingerprint(server.db))).toEqual([])
  })
})

const auditRows = () => server.db.selectFrom('audit_log').select(['id', 'action']).execute()
const auditIds = async () => new Set((await auditRows()).map((r) => r.id))

describe('loaders', () => {
  it('leave the database unchanged: every page, feed and export read by an admin', async () => {
    const written: string[] = []
    for (const route of routes.filter((r) => r.hasLoader)) {
      // The stream never ends by itself; it is read once below.
      if (route.path.endsWith('/attendance/stream')) continue
      const before = await fingerprint(server.db)
      const audited = await auditIds()
      const response = await admin.get(urlOf(route))
      await response.arrayBuffer()
      expect(response.status, route.path).toBeLessThan(500)
      // The one write a read may make: the audit row saying who took ticket codes out (badges).
      const added = (await auditRows()).filter((r) => !audited.has(r.id))
      const changed = changedTables(before, await fingerprint(server.db)).filter(
        (table) => table !== 'audit_log' || added.some((r) => r.action !== 'export.ticket_codes'),
      )
      if (changed.length > 0) written.push(`${route.path}: ${changed.join(', ')}`)
    }
    expect(written).toEqual([])
  })
})
