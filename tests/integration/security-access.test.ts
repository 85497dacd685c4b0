/**
 * The access matrix (issue 7): role × every route (from the build's route table) × a record that
 * belongs to someone else. The records are the demo event X's, owned by nobody in the matrix but
 * the admin; the roles are anonymous, two delegates of another event Y, a check-in device of X,
 * door staff of Y and the organizer of Y. Every cell a role may not reach answers 403 or 404, or
 * sends a visitor without an account to sign in (or a delegate without a session to the public
 * page); nothing is written; and the admin row proves every URL points at a real record. The
 * directory's writes too: no role but the admin may change, by import, a person event X uses
 * (ADR 0018).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { queueInvitations } from '../../app/registration/invitations.server'
import { newBatchKey } from '../../app/registration/mail-batches.server'
import { invitationToken } from '../../app/registration/secrets.server'
import type { RouteEntry } from '../../app/server/app'
import { changedTables, fingerprint } from '../helpers/fingerprint'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, makeInvitees, TEST_SECRET } from '../helpers/registration'
import { loadServerBuild, startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let routes: RouteEntry[] = []
const params: Record<string, string> = {}
const roles = new Map<string, TestClient>()
let admin: TestClient

/**
 * Routes anyone may open, by design: sign-in, asking for a reset link (the same answer for every
 * address) and the set-password link's page (it shows nothing without a live token), the public event pages and calendars, the invitation
 * link's page (it shows nothing until it is posted with a valid token), the delegates' form (it
 * answers from the delegate's own session only), the scanner's shell and enrollment page (they
 * hold no data; the device API checks the token), and the not-found page.
 */
const PUBLIC = new Set([
  '/',
  '/login',
  '/logout',
  '/forgot-password',
  '/password/:token',
  '/e/:slug',
  '/e/:slug/calendar.ics',
  '/e/:slug/sessions/:sessionId/calendar.ics',
  '/i/:token',
  '/e/:slug/register',
  '/scan',
  '/scan/enroll',
  '/*',
])

/** Routes that show a signed-in user only what is theirs: reachable, but never event X's records. */
const SCOPED_LISTS = new Set([
  '/account',
  '/events',
  '/events/new',
  '/people',
  '/people/import',
  // the template holds no record: headers, choice lists and a made-up example
  '/people/import/template.xlsx',
  '/people/export.csv',
  '/people/export.xlsx',
  '/outbox',
  '/projects',
  '/projects/export.xlsx',
])

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  routes = await (await loadServerBuild()).routeTable()
  const x = await server.db.selectFrom('events').select(['id', 'slug']).executeTakeFirstOrThrow()
  const y = await makeEvent(server.db, {
    slug: 'event-y',
    sessions: [{ title: 'Y forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
  })
  const session = await server.db
    .selectFrom('sessions')
    .select('id')
    .where('event_id', '=', x.id)
    .where('title_en', 'like', '%Hydrogen%')
    .executeTakeFirstOrThrow()
  const segment = await server.db
    .selectFrom('segments')
    .select('id')
    .where('session_id', '=', session.id)
    .executeTakeFirstOrThrow()
  const project = await server.db
    .selectFrom('projects')
    .select('id')
    .where('event_id', '=', x.id)
    .executeTakeFirstOrThrow()
  const invitation = await server.db
    .selectFrom('invitations')
    .select(['id', 'token_nonce'])
    .where('event_id', '=', x.id)
    .where('token_nonce', 'is not', null)
    .executeTakeFirstOrThrow()
  // A mail of event X in the outbox (the demo clears its own): a reminder of one invitation.
  const reminded = await server.db
    .selectFrom('invitations')
    .select('id')
    .where('event_id', '=', x.id)
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow()
  // sent as a bulk send's batch, so the batch's progress page has a record to show
  const batchId = newBatchKey()
  await queueInvitations(server.db, TEST_SECRET, x.id, [reminded.id], 'remind', { userId: null }, new Date(), {
    id: batchId,
    filter: { q: '', status: '' },
  })
  const mail = await server.db
    .selectFrom('outbox')
    .select(['id', 'subject'])
    .where('event_id', '=', x.id)
    .executeTakeFirstOrThrow()
  const outboxId = mail.id
  Object.assign(params, {
    slug: x.slug,
    sessionId: session.id,
    segmentId: segment.id,
    projectId: project.id,
    id: outboxId,
    batchId,
    lng: 'ja',
    invitationId: invitation.id,
    token: invitationToken(TEST_SECRET, invitation.token_nonce ?? ''),
  })

  const adminId = await makeUser(server.db, 'admin@example.org', { admin: true })
  admin = await signedIn(server.origin, 'admin@example.org')
  // An upload of the admin's kept for its commit, whose rows with problems can be downloaded.
  const csv = 'email,latin_name\nnot-an-email,A\nb@example.org,B\n'
  await server.db
    .insertInto('imports')
    .values({
      id: 'matrix-import',
      user_id: adminId,
      filename: 'list.csv',
      encoding: 'auto',
      size: csv.length,
      content_base64: Buffer.from(csv).toString('base64'),
      created_at: new Date().toISOString(),
    })
    .execute()
  params.importId = 'matrix-import'
  roles.set('anonymous', new TestClient(server.origin))
  for (const name of ['delegate A', 'delegate B']) {
    const [invitee] = await makeInvitees(server.db, y, 1, { prefix: name.replace(' ', '-') })
    if (!invitee) throw new Error('no invitee')
    const client = new TestClient(server.origin)
    const opened = await client.request(`/i/${invitee.token}`, { method: 'POST' })
    if (opened.status !== 303) throw new Error(`${name}: the link answered ${opened.status}`)
    roles.set(name, client)
  }
  const created = await createDevice(server.db, x.id, { name: 'X door', sessionIds: [] }, { userId: null })
  if (!created.ok) throw new Error(created.reason)
  const enrolled = await enrollDevice(server.db, created.enrollmentCode)
  if (!enrolled.ok) throw new Error('not enrolled')
  const device = new TestClient(server.origin)
  const deviceRequest = device.request.bind(device)
  // A device sends its token on every request; pages do not take it as a sign-in.
  device.request = (path, init = {}) =>
    deviceRequest(path, {
      ...init,
      headers: { ...Object.fromEntries(new Headers(init.headers)), Authorization: `Device ${enrolled.token}` },
    })
  roles.set('device of X', device)
  await makeUser(server.db, 'staff-y@example.org', { role: { eventSlug: 'event-y', role: 'checkin' } })
  roles.set('staff of Y', await signedIn(server.origin, 'staff-y@example.org'))
  await makeUser(server.db, 'organizer-y@example.org', { role: { eventSlug: 'event-y', role: 'organizer' } })
  roles.set('organizer of Y', await signedIn(server.origin, 'organizer-y@example.org'))
})
afterAll(async () => {
  await server?.close()
})

/** Routes that show a record named in the query, not the path: the query that names it. */
const queries: Record<string, () => string> = {
  '/events/:slug/invitations/send/preview/:lng': () => `?invitation=${params.invitationId}`,
}

function urlOf(route: RouteEntry): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? name) + (queries[route.path]?.() ?? '')
}

/** Refused: 403/404, or a redirect to sign in (no account) or to the public page (no delegate session). */
function refused(status: number, location: string | null): boolean {
  if (status === 403 || status === 404) return true
  if (status >= 300 && status < 400 && location)
    return /^\/login(\?|$)/.test(location) || /^\/e\/[^/]+(\/register)?$/.test(location)
  return false
}

describe('the access matrix', () => {
  it('covers every route that is not public by design', () => {
    const guarded = routes.filter((r) => !PUBLIC.has(r.path) && !SCOPED_LISTS.has(r.path))
    expect(guarded.length).toBeGreaterThanOrEqual(25)
  })

  it('lets the admin reach every record-bound route: the URLs point at real records', async () => {
    const missing: string[] = []
    for (const route of routes.filter((r) => !PUBLIC.has(r.path) && !SCOPED_LISTS.has(r.path) && r.hasLoader)) {
      if (route.path === '/events/:slug/attendance/stream' || route.path.startsWith('/e/')) continue
      const response = await admin.get(urlOf(route))
      await response.arrayBuffer()
      if (response.status !== 200) missing.push(`${route.path} → ${response.status}`)
    }
    expect(missing).toEqual([])
  })

  it('refuses every other role every record of event X, for GET and POST, and nothing is written', async () => {
    const before = await fingerprint(server.db)
    const reached: string[] = []
    for (const route of routes.filter((r) => !PUBLIC.has(r.path) && !SCOPED_LISTS.has(r.path))) {
      const url = urlOf(route)
      for (const [role, client] of roles) {
        if (route.hasLoader) {
          const get = await client.get(url)
          await get.body?.cancel()
          if (!refused(get.status, get.headers.get('Location')))
            reached.push(`${role} GET ${route.path} → ${get.status}`)
        }
        if (route.hasAction) {
          const post = await client.request(url, {
            method: 'POST',
            body: new URLSearchParams({ intent: 'delete', title_zh: 'x', minutes: '5', status: 'invested' }),
          })
          await post.body?.cancel()
          if (!refused(post.status, post.headers.get('Location')))
            reached.push(`${role} POST ${route.path} → ${post.status}`)
        }
      }
    }
    expect(reached).toEqual([])
    expect(changedTables(before, await fingerprint(server.db))).toEqual([])
  })

  it('shows the lists a signed-in user reaches without event X’s records', async () => {
    const leaks: string[] = []
    for (const role of ['staff of Y', 'organizer of Y']) {
      const client = roles.get(role)
      if (!client) throw new Error(role)
      for (const path of ['/events', '/outbox', '/projects']) {
        const response = await client.get(`${path}?lng=zh`)
        const text = await response.text()
        for (const secret of ['2024日本企业', params.slug ?? 'x', params.id ?? 'x', '中日绿色氢能供应链项目'])
          if (text.includes(secret)) leaks.push(`${role} ${path} shows ${secret}`)
      }
    }
    expect(leaks).toEqual([])
  })
})

describe('the directory’s writes (ADR 0018)', () => {
  const HEADER = '邮箱,姓,名,latin_name,电话,VIP'

  async function personOfX() {
    return server.db
      .selectFrom('people as p')
      .innerJoin('invitations as i', 'i.person_id', 'p.id')
      .select(['p.id', 'p.email', 'p.family_name', 'p.given_name', 'p.latin_name', 'p.phone', 'p.vip'])
      .where(
        'i.event_id',
        '=',
        (
          await server.db
            .selectFrom('events')
            .select('id')
            .where('slug', '=', params.slug ?? '')
            .executeTakeFirstOrThrow()
        ).id,
      )
      .where('p.email', 'is not', null)
      .orderBy('p.email')
      .executeTakeFirstOrThrow()
  }

  function upload(csv: string) {
    const form = new FormData()
    form.set('intent', 'preview')
    form.set('encoding', 'auto')
    form.set('on_duplicate', 'update')
    form.set('file', new Blob([csv]), 'list.csv')
    return form
  }

  /** Previews and, when a commit form comes back, commits with "update"; the last response. */
  async function importUpdate(client: TestClient, csv: string) {
    const shown = await client.request('/people/import?lng=en', { method: 'POST', body: upload(csv) })
    const html = await shown.text()
    const importId = html.match(/name="import_id" value="([^"]+)"/)?.[1]
    if (!importId) return { status: shown.status, location: shown.headers.get('Location'), html }
    const committed = await client.request('/people/import?lng=en', {
      method: 'POST',
      body: new URLSearchParams({ intent: 'commit', import_id: importId, on_duplicate: 'update' }),
    })
    return { status: committed.status, location: committed.headers.get('Location'), html: await committed.text() }
  }

  it('refuses every role but the admin the update of a person event X uses; nothing but a kept upload is written', async () => {
    const person = await personOfX()
    const csv = `${HEADER}\n${person.email},改,名,CHANGED Name,+86 000,${person.vip === 1 ? '否' : '是'}\n`
    const before = await fingerprint(server.db)
    const reached: string[] = []
    for (const [role, client] of roles) {
      const result = await importUpdate(client, csv)
      const notTheirs = result.status === 400 && result.html.includes('belong to events you do not organize')
      if (!notTheirs && !refused(result.status, result.location)) reached.push(`${role} → ${result.status}`)
    }
    expect(reached).toEqual([])
    expect(changedTables(before, await fingerprint(server.db)).filter((t) => t !== 'imports')).toEqual([])
    expect(await personOfX()).toEqual(person)
  })

  it('lets the admin update that person', async () => {
    const person = await personOfX()
    const result = await importUpdate(admin, `${HEADER}\n${person.email},改,名,CHANGED Name,+86 000,\n`)
    expect(result.status).toBe(302)
    expect(await personOfX()).toMatchObject({ id: person.id, family_name: '改', phone: '+86 000' })
  })
})
