/**
 * Several instances on one PostgreSQL database (issue 7): two app instances behind a round-robin
 * balancer. The last seats of a session go to exactly as many people as there are seats, one code
 * scanned at many doors at once is admitted once, and a scan handled by instance B reaches the
 * live attendance stream open on instance A (LISTEN/NOTIFY, ADR 0015; how fast is for the bench).
 */
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import type { LiveBus } from '../../app/checkin/live.server'
import { registrationTicketCode } from '../../app/registration/registration.server'
import type { Database } from '../../db/schema'
import { createTestDatabase, type TestDatabase, testDialect } from '../helpers/db'
import { openDoorsNow } from '../helpers/doors'
import { openEventStream } from '../helpers/event-stream'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../helpers/registration'
import { type RoundRobin, startRoundRobin } from '../helpers/round-robin'
import { loadServerBuild, TestClient } from '../helpers/server'

interface Instance {
  origin: string
  db: Kysely<Database>
  live: LiveBus
  server: Server
}

// SQLite is one process by design (one writer, the embedded default); several instances are a
// PostgreSQL deployment, so this suite runs in the postgres project only.
describe.runIf(testDialect === 'postgres')('two instances on one PostgreSQL behind a round-robin balancer', () => {
  let database: TestDatabase
  let balancer: RoundRobin
  const instances: Instance[] = []
  let event = { id: '', slug: 'two-instances', sessionIds: [] as string[] }
  let deviceToken = ''
  const busLog: string[] = []
  const busWaiters: (() => void)[] = []
  const logBus = (line: string) => {
    busLog.push(line)
    for (const wake of busWaiters.splice(0)) wake()
  }
  /** Resolves once the buses have logged a line containing `text` at least `times` times. */
  async function busLogged(text: string, times: number): Promise<void> {
    while (busLog.filter((line) => line.includes(text)).length < times) {
      await new Promise<void>((wake) => busWaiters.push(wake))
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false })
    const mod = await loadServerBuild()
    const servers = [createServer(), createServer()]
    for (const server of servers) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const origins = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`)
    balancer = await startRoundRobin(origins)
    for (const [n, server] of servers.entries()) {
      // Both instances have the balancer's address as their public one, as behind a real proxy.
      const { config, db } = await mod.boot(
        { DATABASE_URL: database.url, SESSION_SECRET: TEST_SECRET, APP_URL: balancer.origin, SEED_DEMO: '0' },
        () => {},
      )
      const live = await mod.createLiveBus(config.database, logBus)
      server.on('request', mod.createHttpApp({ config, db, live, clientDir: resolve('build/client') }))
      instances.push({ origin: origins[n] ?? '', db, live, server })
    }
    const db = instances[0]?.db
    if (!db) throw new Error('no instance')
    event = await makeEvent(db, {
      slug: 'two-instances',
      sessions: [
        { title: 'Signing table', start: '2030-05-20T10:00', end: '2030-05-20T11:00', capacity: 5 },
        { title: 'Forum', start: '2030-05-20T14:00', end: '2030-05-20T16:00', capacity: null },
      ],
    })
    // Both doors take scans now (issue 16); each registration below picks one session only.
    for (const sessionId of event.sessionIds) await openDoorsNow(db, sessionId)
    const created = await createDevice(db, event.id, { name: 'Forum door', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const enrolled = await enrollDevice(db, created.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    deviceToken = enrolled.token
  })

  afterAll(async () => {
    await balancer?.close()
    for (const i of instances) {
      i.server.closeAllConnections()
      await new Promise<void>((done) => i.server.close(() => done()))
      await i.live.close()
      await i.db.destroy()
    }
    await database?.destroy()
  })

  /** Registers each invitee through the balancer: the link, then the form, as a browser would. */
  async function registerAll(sessionId: string, count: number, prefix: string): Promise<number[]> {
    const db = instances[0]?.db
    if (!db) throw new Error('no instance')
    const invitees = await makeInvitees(db, event, count, { prefix })
    return Promise.all(
      invitees.map(async (invitee) => {
        const client = new TestClient(balancer.origin)
        await client.request(`/i/${invitee.token}`, { method: 'POST' })
        const response = await client.request(`/e/${event.slug}/register`, {
          method: 'POST',
          body: registrationForm(invitee.email, [sessionId]),
        })
        return response.status
      }),
    )
  }

  const redeem = (origin: string, code: string, sessionId: string) =>
    fetch(`${origin}/api/v1/checkin/redeem`, {
      method: 'POST',
      headers: { Authorization: `Device ${deviceToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, sessionId, nonce: randomUUID() }),
    })

  async function confirmedCodes(sessionId: string): Promise<string[]> {
    const db = instances[0]?.db
    if (!db) throw new Error('no instance')
    const rows = await db
      .selectFrom('registrations as r')
      .innerJoin('registration_sessions as rs', 'rs.registration_id', 'r.id')
      .select(['r.ticket_nonce', 'r.status'])
      .where('rs.session_id', '=', sessionId)
      .where('rs.status', '=', 'confirmed')
      .execute()
    return rows.map((r) => registrationTicketCode(TEST_SECRET, r)).filter((c): c is string => c !== null)
  }

  it('gives the last 5 seats to exactly 5 of 40 people registering at once through both instances', async () => {
    const before = [...balancer.counts]
    const statuses = await registerAll(event.sessionIds[0] ?? '', 40, 'seat')
    expect(statuses.filter((s) => s !== 303)).toEqual([])
    // Both instances really served the burst.
    expect(balancer.counts.every((n, i) => n - (before[i] ?? 0) >= 20)).toBe(true)
    const db = instances[1]?.db
    if (!db) throw new Error('no instance')
    const seats = await db
      .selectFrom('registration_sessions')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('session_id', '=', event.sessionIds[0] ?? '')
      .groupBy('status')
      .execute()
    const count = (s: string) => Number(seats.find((r) => r.status === s)?.n ?? 0)
    expect(count('confirmed')).toBe(5)
    expect(count('waitlisted')).toBe(35)
  })

  it('admits one code scanned 30 times at once through both instances exactly once', async () => {
    const [code] = await confirmedCodes(event.sessionIds[0] ?? '')
    if (!code) throw new Error('no ticket')
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        redeem(balancer.origin, code, event.sessionIds[0] ?? '').then(
          (r) => r.json() as Promise<{ status: string; reason: string | null }>,
        ),
      ),
    )
    expect(answers.filter((a) => a.status === 'ok')).toHaveLength(1)
    expect(answers.filter((a) => a.reason === 'already_checked_in')).toHaveLength(29)
    const db = instances[0]?.db
    if (!db) throw new Error('no instance')
    const admitted = await db
      .selectFrom('checkins')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('session_id', '=', event.sessionIds[0] ?? '')
      .where('status', '=', 'ok')
      .executeTakeFirstOrThrow()
    expect(Number(admitted.n)).toBe(1)
  })

  // How fast it arrives is measured in `npm run bench`, not asserted here (issue 17).
  it('tells the attendance stream open on instance A of a scan handled by instance B', async () => {
    const [a, b] = instances
    if (!a || !b) throw new Error('no instances')
    const statuses = await registerAll(event.sessionIds[1] ?? '', 2, 'live')
    expect(statuses).toEqual([303, 303])
    const [code] = await confirmedCodes(event.sessionIds[1] ?? '')
    if (!code) throw new Error('no ticket')
    await makeUser(a.db, 'organizer@example.org', { admin: true })
    const organizer = await signedIn(balancer.origin, 'organizer@example.org')
    const stream = await openEventStream(`${a.origin}/events/${event.slug}/attendance/stream`, organizer.cookieHeader)
    const answer = await redeem(b.origin, code, event.sessionIds[1] ?? '')
    expect(((await answer.json()) as { status: string }).status).toBe('ok')
    expect(await stream.readUntil('event: checkin'), `no checkin event on A; got: ${stream.text}`).toBe(true)
    expect(stream.text).toContain(`"sessionId":"${event.sessionIds[1]}"`)
    stream.close()
  })

  it('listens again after its PostgreSQL connection is cut, and live updates resume', async () => {
    const [a, b] = instances
    if (!a || !b) throw new Error('no instances')
    const name = new URL(database.url).pathname.slice(1)
    const relistened = busLog.filter((line) => line.includes('listening again on PostgreSQL')).length
    // Cut every instance's listening connection, as a database failover or restart would.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${name} and pid <> pg_backend_pid()
      and (query ilike 'listen %' or query ilike 'select pg_notify%')`.execute(a.db)
    // Both buses (A listens, B publishes on its own listening connection) say when they listen again.
    await busLogged('listening again on PostgreSQL', relistened + 2)
    const heard = new Promise<string>((done) => {
      const unsubscribe = a.live.subscribe(event.id, (change) => {
        if (change.sessionId !== 'after-reconnect') return
        unsubscribe()
        done(change.sessionId)
      })
    })
    b.live.publish({ eventId: event.id, sessionId: 'after-reconnect' })
    expect(await heard).toBe('after-reconnect')
    expect(busLog.join('\n')).toContain('listening again')
  })
})
