/**
 * A crash loses no acknowledged write (issue 7): the built server, as a child process on a SQLite
 * file, is killed with SIGKILL in the middle of a burst of registrations and door scans. Every
 * request that got a success answer is in the database afterwards, the database passes
 * PRAGMA integrity_check, and the server starts again on it. SQLite only: it is the database in
 * this process's hands (PostgreSQL's durability is PostgreSQL's).
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { registrationTicketCode } from '../../app/registration/registration.server'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { testDialect } from '../helpers/db'
import { openDoorsNow } from '../helpers/doors'
import { makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../helpers/registration'
import { TestClient } from '../helpers/server'

describe.runIf(testDialect === 'sqlite')('kill -9 in the middle of a burst', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signet-crash-'))
  const databaseFile = join(dir, 'crash.sqlite')
  const servers: BuiltServer[] = []
  afterAll(async () => {
    for (const s of servers) await s.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps every acknowledged registration and scan, and the database intact', async () => {
    const env = { SESSION_SECRET: TEST_SECRET }
    const first = await startBuiltServer({ env, databaseFile })
    servers.push(first)

    // Fixtures written straight into the server's file, as fixtures are.
    const db = createDatabase(parseDatabaseUrl(databaseFile))
    const event = await makeEvent(db, {
      slug: 'crash',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00', capacity: 20 }],
    })
    const invitees = await makeInvitees(db, event, 60, { prefix: 'crash' })
    const demo = await db
      .selectFrom('events')
      .select('id')
      .where('slug', '=', 'yantai-japan-2024')
      .executeTakeFirstOrThrow()
    const opening = await db
      .selectFrom('sessions')
      .select('id')
      .where('event_id', '=', demo.id)
      .where('registration_required', '=', 0)
      .executeTakeFirstOrThrow()
    await openDoorsNow(db, opening.id)
    const tickets = (
      await db.selectFrom('registrations').select(['ticket_nonce', 'status']).where('event_id', '=', demo.id).execute()
    )
      .map((r) => registrationTicketCode(TEST_SECRET, r))
      .filter((c): c is string => c !== null)
    const created = await createDevice(db, demo.id, { name: 'Door', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const enrolled = await enrollDevice(db, created.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    await db.destroy()

    const registered: string[] = []
    const scanned: string[] = []
    let killed = false
    const kill = () => {
      if (killed) return
      killed = true
      first.child.kill('SIGKILL')
    }
    const register = async (token: string, email: string, invitationId: string) => {
      try {
        const client = new TestClient(first.origin)
        const opened = await client.request(`/i/${token}`, { method: 'POST' })
        if (opened.status !== 303) return
        const response = await client.request(`/e/${event.slug}/register`, {
          method: 'POST',
          body: registrationForm(email, event.sessionIds),
        })
        if (response.status === 303 && /\/me\?saved=registered/.test(response.headers.get('Location') ?? '')) {
          registered.push(invitationId)
          // Crash once a good part of the registrations is answered, with the rest and scans in flight.
          if (registered.length >= 15) kill()
        }
      } catch {
        // the server is gone: no answer, nothing acknowledged
      }
    }
    const scan = async (code: string) => {
      const nonce = randomUUID()
      try {
        const response = await fetch(`${first.origin}/api/v1/checkin/redeem`, {
          method: 'POST',
          headers: { Authorization: `Device ${enrolled.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ code, sessionId: opening.id, nonce }),
        })
        if (response.status === 200 && ((await response.json()) as { status: string }).status) scanned.push(nonce)
      } catch {
        // no answer
      }
    }
    // Four doors scanning without pause (the demo's tickets, then unknown codes) until the crash.
    let attempts = 0
    const door = async (offset: number) => {
      for (let n = offset; !killed; n += 4) {
        attempts++
        await scan(tickets[n] ?? `UNKNOWN-${randomUUID()}`)
      }
    }
    const doors = [0, 1, 2, 3].map(door)
    // Registrations join once the doors are busy; the crash comes while both are in flight.
    while (scanned.length < 20) await new Promise((done) => setTimeout(done, 10))
    await Promise.all([...invitees.map((i) => register(i.token, i.email, i.invitationId)), ...doors])
    expect(killed).toBe(true)
    await new Promise<void>((done) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? done()
        : first.child.once('exit', () => done()),
    )
    expect(first.child.signalCode).toBe('SIGKILL')
    // Some requests were still in flight: the crash really came in the middle.
    expect(registered.length).toBeGreaterThanOrEqual(15)
    expect(registered.length).toBeLessThan(invitees.length)
    expect(scanned.length).toBeGreaterThan(0)
    expect(scanned.length).toBeLessThan(attempts)
    console.log(`acknowledged before the kill: ${registered.length} registrations, ${scanned.length} scans`)

    const sqlite = new SQLite(databaseFile)
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      const found = sqlite
        .prepare(
          `select invitation_id from registrations where invitation_id in (${registered.map(() => '?').join(',') || "''"})`,
        )
        .all(...registered) as { invitation_id: string }[]
      expect(found.length).toBe(registered.length)
      const nonces = sqlite
        .prepare(
          `select nonce from checkins where actor_key = ? and nonce in (${scanned.map(() => '?').join(',') || "''"})`,
        )
        .all(`device:${enrolled.device.id}`, ...scanned) as { nonce: string }[]
      expect(nonces.length).toBe(scanned.length)
    } finally {
      sqlite.close()
    }

    // It starts again on the same file.
    const second = await startBuiltServer({ env, databaseFile })
    servers.push(second)
    expect(await (await fetch(`${second.origin}/healthz`)).text()).toBe('ok')
  }, 120_000)
})
