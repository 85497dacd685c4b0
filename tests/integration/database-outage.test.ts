/**
 * PostgreSQL going away under load (issue 14, finding 3): the real built server, on a cluster
 * this test starts itself, takes a burst of door scans while the cluster is killed with
 * `pg_ctl stop -m immediate`. The process must live on, every request in flight answer (a scan
 * that committed, or a 503 that says the database is unavailable), pages answer 503 in the
 * reader's language, and once PostgreSQL is back the server writes again and its LISTEN
 * connection hears notifications again (ADR 0002, ADR 0015).
 */
import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { CHECKIN_CHANNEL } from '../../app/checkin/live.server'
import { resources } from '../../app/i18n/resources'
import { registrationTicketCode } from '../../app/registration/registration.server'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import type { Database } from '../../db/schema'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { testDialect } from '../helpers/db'
import { openDoorsNow } from '../helpers/doors'
import { openEventStream } from '../helpers/event-stream'
import { signedIn } from '../helpers/fixtures'
import { clusterUnavailable, type PgCluster, startCluster } from '../helpers/pg-cluster'
import { TEST_SECRET } from '../helpers/registration'
import { TestClient } from '../helpers/server'

const missing = clusterUnavailable()
// CI must run this: there, missing binaries fail the suite instead of skipping it.
const runs = testDialect === 'postgres' && (missing === null || process.env.CI === 'true')
const title = `a PostgreSQL restart under a burst of writes${runs || testDialect !== 'postgres' ? '' : ` (skipped: ${missing})`}`

describe.runIf(runs)(title, () => {
  let cluster: PgCluster
  let server: BuiltServer
  let db: Kysely<Database>
  let organizer: TestClient
  let deviceToken = ''
  let eventId = ''
  let eventSlug = ''
  let ticket = { code: '', sessionId: '' }

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true but PostgreSQL binaries are missing: ${missing}`)
    cluster = await startCluster()
    server = await startBuiltServer({ env: { DATABASE_URL: cluster.url, SESSION_SECRET: TEST_SECRET } })
    db = createDatabase(parseDatabaseUrl(cluster.url))
    const event = await db.selectFrom('events').select(['id', 'slug']).executeTakeFirstOrThrow()
    eventId = event.id
    eventSlug = event.slug
    const created = await createDevice(db, event.id, { name: 'Door', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const enrolled = await enrollDevice(db, created.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    deviceToken = enrolled.token
    const row = await db
      .selectFrom('registrations as r')
      .innerJoin('registration_sessions as rs', 'rs.registration_id', 'r.id')
      .select(['r.ticket_nonce', 'r.status', 'rs.session_id'])
      .where('r.event_id', '=', event.id)
      .where('r.status', '=', 'confirmed')
      .where('rs.status', '=', 'confirmed')
      .executeTakeFirstOrThrow()
    ticket = { code: registrationTicketCode(TEST_SECRET, row) ?? '', sessionId: row.session_id }
    await openDoorsNow(db, row.session_id)
    organizer = await signedIn(server.origin, server.adminEmail, server.adminPassword)
    // The test's own connections must not be open when the cluster is killed.
    await db.destroy()
  }, 180_000)

  afterAll(async () => {
    await db?.destroy().catch(() => {})
    await server?.stop()
    await cluster?.destroy()
  })

  const alive = () => server.child.exitCode === null && server.child.signalCode === null

  const scan = (code: string, sessionId = ticket.sessionId) =>
    fetch(`${server.origin}/api/v1/checkin/redeem`, {
      method: 'POST',
      headers: { Authorization: `Device ${deviceToken}`, 'Content-Type': 'application/json', 'Accept-Language': 'ja' },
      body: JSON.stringify({ code, sessionId, nonce: randomUUID() }),
    })

  /** Polls `check` until it holds, at most `ms` long. */
  async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms; server output:\n${server.output()}`)
      await new Promise((done) => setTimeout(done, 100))
    }
  }

  it('lives through `pg_ctl stop -m immediate`, answers 503 meanwhile, then writes and listens again', async () => {
    // A live attendance page, open before the outage and kept open through it.
    const stream = await openEventStream(
      `${server.origin}/events/${eventSlug}/attendance/stream`,
      organizer.cookieHeader,
    )
    const pump = stream.readUntil('heard-through-postgres').catch(() => false)

    // The burst: 24 door phones scanning (unknown codes: each attempt is a write) until told to stop.
    const statuses: (number | string)[] = []
    const bodies: unknown[] = []
    let answered = 0
    let stopping = false
    let firstAnswers: () => void = () => {}
    const started = new Promise<void>((done) => {
      firstAnswers = done
    })
    const phones = Array.from({ length: 24 }, async () => {
      while (!stopping) {
        try {
          const response = await scan(`SG1-${randomUUID()}`)
          statuses.push(response.status)
          const body: unknown = await response.json().catch(() => null)
          if (response.status !== 200) bodies.push(body)
        } catch (error) {
          statuses.push(`no answer: ${error instanceof Error ? (error.cause ?? error.message) : String(error)}`)
        }
        if (++answered === 48) firstAnswers()
      }
    })
    await started
    // Mid-burst: every backend is killed at once, checked-out connections included.
    await cluster.kill()
    const afterKill = answered
    // The phones keep scanning while PostgreSQL is down: these answers must be 503s.
    await until('48 more answers while PostgreSQL is down', async () => answered >= afterKill + 48 || !alive(), 20_000)

    stopping = true
    await Promise.all(phones)
    expect(alive(), `the server exited; its output:\n${server.output()}`).toBe(true)
    // Pages: a 503 in the reader's language, not an error page saying something unexpected happened.
    const page = await organizer.get('/events', { headers: { 'Accept-Language': 'ja' } })
    const pageText = await page.text()
    // A form posted meanwhile (an action that writes): the same page.
    const login = await new TestClient(server.origin).post(
      '/login',
      { email: server.adminEmail, password: server.adminPassword, redirectTo: '/events' },
      { headers: { 'Accept-Language': 'ja' } },
    )
    const loginText = await login.text()
    // A resource route (a live stream opened now) and a client navigation's data request: 503 too.
    const laterStream = await organizer.get(`/events/${eventSlug}/attendance/stream`, {
      headers: { 'Accept-Language': 'ja' },
    })
    const laterStreamText = await laterStream.text()
    const navigation = await organizer.get('/events.data', { headers: { 'Accept-Language': 'ja' } })
    const navigationBody = await navigation.text()
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([])
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(48)
    const message = resources.ja.translation.errors.unavailable
    expect(bodies).toContainEqual({ code: 'unavailable', message })
    expect(page.status).toBe(503)
    expect(pageText).toContain(message)
    expect(page.headers.get('retry-after')).toBe('5')
    expect(login.status).toBe(503)
    expect(loginText).toContain(message)
    expect(laterStream.status).toBe(503)
    expect(laterStreamText).toBe(message)
    expect(navigation.status).toBe(503)
    // Without React Router's header, the browser's router takes the 503 for the route's error.
    expect(navigation.headers.has('x-remix-response')).toBe(false)
    expect(navigationBody).toBe(message)
    // Liveness stays ok (restarting the process would not bring the database back); readiness says no.
    expect(await (await fetch(`${server.origin}/healthz`)).text()).toBe('ok')
    expect((await fetch(`${server.origin}/readyz`)).status).toBe(503)

    await cluster.start()
    await until('ready again', async () => (await fetch(`${server.origin}/readyz`)).status === 200)
    // Writes again: a real ticket is admitted.
    const admitted = await scan(ticket.code)
    expect(admitted.status).toBe(200)
    expect(((await admitted.json()) as { status: string }).status).toBe('ok')
    // Listens again: a notification sent straight to PostgreSQL (not through this process) reaches the page.
    db = createDatabase(parseDatabaseUrl(cluster.url))
    const payload = JSON.stringify({ eventId, sessionId: 'heard-through-postgres' })
    await until('the live stream hears PostgreSQL again', async () => {
      await sql`select pg_notify(${CHECKIN_CHANNEL}, ${payload})`.execute(db)
      return stream.text.includes('heard-through-postgres')
    })
    expect(server.output()).toContain('signet: live updates: listening again on PostgreSQL')
    expect(alive()).toBe(true)
    stream.close()
    await pump
  }, 120_000)
})
