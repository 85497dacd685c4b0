/**
 * Door check-in through the device API (`/api/v1`), against the real built server on SQLite and
 * PostgreSQL: device enrollment and revocation, redeem verdicts, concurrency (one code scanned
 * at many doors at once), repeated nonces, offline uploads, undo, the roster and search, the
 * CLI, and a fuzz of malformed bodies that must never get a 500.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice, revokeDevice } from '../../app/checkin/devices.server'
import { formObject } from '../../app/http/form'
import { registrationTicketCode, reissueTicket } from '../../app/registration/registration.server'
import { parseRegistrationForm } from '../../app/registration/registration-form'
import { ticketHash } from '../../app/registration/secrets.server'
import { submitRegistration } from '../../app/registration/submission.server'
import { openEventStream } from '../helpers/event-stream'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../helpers/registration'
import { startTestServer, type TestServer } from '../helpers/server'

const run = promisify(execFile)
let server: TestServer
let token = ''
const event = { id: '', slug: 'checkin-a', sessionIds: [] as string[] }
const other = { id: '', slug: 'checkin-b', sessionIds: [] as string[] }
/** ticket codes, by name */
const codes: Record<'sato' | 'li' | 'waiting' | 'cancelled' | 'other' | string, string> = {}
const registrationIds: Record<string, string> = {}

/** Index of the sessions made in beforeAll. */
const FORUM = 0 // capacity 2: sato and li confirmed, "waiting" on the waiting list
const OPENING = 1 // open to every attendee
// The server's clock runs from half an hour before the sessions' day starts (2030-05-20 09:00 in
// Shanghai), so that offline scans fall where doors are open.
const SHIFT = Date.parse('2030-05-20T00:30:00.000Z') - Date.now()
const serverNow = () => new Date(Date.now() + SHIFT)
const VIP_DINNER = 2 // open, VIP only
const SEMINAR = 3 // needs registration; nobody registered

async function register(
  target: { id: string; sessionIds: string[] },
  name: string,
  sessionIds: string[],
): Promise<{ code: string; registrationId: string }> {
  const [invitee] = await makeInvitees(server.db, target, 1, { prefix: `${name}-` })
  if (!invitee) throw new Error('no invitee')
  const names: Record<string, Record<string, string>> = {
    sato: { family_name: '佐藤', given_name: '健', latin_name: 'SATO Ken', kana: 'さとう けん' },
    li: { family_name: '李', given_name: '娜', latin_name: 'LI Na', kana: '' },
  }
  const form = registrationForm(
    invitee.email,
    sessionIds,
    names[name] ?? { family_name: '田中', given_name: name, latin_name: `TANAKA ${name}`, kana: 'たなか' },
  )
  const fd = new FormData()
  for (const [k, v] of form) fd.append(k, v)
  const parsed = parseRegistrationForm(formObject(fd, ['sessions']))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  const result = await submitRegistration(server.db, TEST_SECRET, {
    invitationId: invitee.invitationId,
    input: parsed.value,
    source: 'invitation',
    lng: 'ja',
  })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  const row = await server.db
    .selectFrom('registrations')
    .select(['ticket_nonce', 'status'])
    .where('id', '=', result.registrationId)
    .executeTakeFirstOrThrow()
  const code = registrationTicketCode(TEST_SECRET, row)
  if (!code) throw new Error('no ticket')
  return { code, registrationId: result.registrationId }
}

function api(path: string, init: RequestInit & { device?: string | null } = {}) {
  const headers = new Headers(init.headers)
  const credential = init.device === undefined ? token : init.device
  if (credential) headers.set('Authorization', `Device ${credential}`)
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  return fetch(`${server.origin}/api/v1${path}`, { ...init, headers })
}

function redeem(body: Record<string, unknown>, device?: string | null) {
  return api('/checkin/redeem', { method: 'POST', body: JSON.stringify(body), device })
}

const scan = (code: string, session: number, extra: Record<string, unknown> = {}) =>
  redeem({ code, sessionId: event.sessionIds[session], nonce: randomUUID(), ...extra })

beforeAll(async () => {
  server = await startTestServer({}, { now: serverNow })
  Object.assign(
    event,
    await makeEvent(server.db, {
      slug: event.slug,
      sessions: [
        { title: 'Hydrogen forum', start: '2030-05-20T10:00', end: '2030-05-20T12:00', capacity: 2 },
        { title: 'Opening', start: '2030-05-20T09:00', end: '2030-05-20T09:45', registrationRequired: false },
        {
          title: 'VIP dinner',
          start: '2030-05-20T19:00',
          end: '2030-05-20T21:00',
          registrationRequired: false,
          vipOnly: true,
        },
        { title: 'Seminar', start: '2030-05-21T10:00', end: '2030-05-21T12:00' },
      ],
    }),
  )
  Object.assign(
    other,
    await makeEvent(server.db, {
      slug: other.slug,
      sessions: [{ title: 'Elsewhere', start: '2030-05-20T10:00', end: '2030-05-20T12:00' }],
    }),
  )
  for (const name of ['sato', 'li', 'waiting', 'cancelled']) {
    const r = await register(event, name, [event.sessionIds[FORUM] ?? ''])
    codes[name] = r.code
    registrationIds[name] = r.registrationId
  }
  const elsewhere = await register(other, 'other', [other.sessionIds[0] ?? ''])
  codes.other = elsewhere.code
  await server.db
    .updateTable('registrations')
    .set({ status: 'cancelled' })
    .where('id', '=', registrationIds.cancelled ?? '')
    .execute()

  const created = await createDevice(
    server.db,
    event.id,
    { name: 'Hall 1 north door', sessionIds: [] },
    { userId: null },
  )
  if (!created.ok) throw new Error(created.reason)
  const enrolled = await enrollDevice(server.db, created.enrollmentCode)
  if (!enrolled.ok) throw new Error('not enrolled')
  token = enrolled.token
})

afterAll(async () => {
  await server?.close()
})

describe('device enrollment', () => {
  it('exchanges an enrollment code once for a token stored only as a hash', async () => {
    const created = await createDevice(server.db, event.id, { name: 'Bus 2', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const first = await enrollDevice(server.db, created.enrollmentCode)
    expect(first.ok).toBe(true)
    expect(await enrollDevice(server.db, created.enrollmentCode)).toEqual({ ok: false, reason: 'invalid' })
    const rows = await server.db.selectFrom('checkin_devices').selectAll().execute()
    const dump = JSON.stringify(rows)
    expect(dump).not.toContain(created.enrollmentCode)
    if (first.ok) expect(dump).not.toContain(first.token)
  })

  it('lists the sessions the device may serve, limited when the organizer limited it', async () => {
    const all = await (await api('/sessions')).json()
    expect(all.device.name).toBe('Hall 1 north door')
    expect(all.sessions.map((s: { id: string }) => s.id)).toHaveLength(4)

    const limited = await createDevice(
      server.db,
      event.id,
      { name: 'Forum door', sessionIds: [event.sessionIds[FORUM] ?? ''] },
      { userId: null },
    )
    if (!limited.ok) throw new Error(limited.reason)
    const enrolled = await enrollDevice(server.db, limited.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    const mine = await (await api('/sessions', { device: enrolled.token })).json()
    expect(mine.sessions.map((s: { id: string }) => s.id)).toEqual([event.sessionIds[FORUM]])
    const refused = await redeem(
      { code: codes.sato, sessionId: event.sessionIds[OPENING], nonce: randomUUID() },
      enrolled.token,
    )
    expect(refused.status).toBe(403)
    expect((await refused.json()).code).toBe('forbidden_session')
  })

  it('refuses a revoked device with 401 at its next request, and a missing or made-up token', async () => {
    const created = await createDevice(server.db, event.id, { name: 'Lost phone', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const enrolled = await enrollDevice(server.db, created.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    expect((await api('/sessions', { device: enrolled.token })).status).toBe(200)
    await revokeDevice(server.db, event.id, created.deviceId, { userId: null })
    const refused = await redeem(
      { code: codes.sato, sessionId: event.sessionIds[OPENING], nonce: randomUUID() },
      enrolled.token,
    )
    expect(refused.status).toBe(401)
    expect((await refused.json()).code).toBe('unauthorized')
    expect((await api('/sessions', { device: null })).status).toBe(401)
    expect((await api('/sessions', { device: 'x'.repeat(43) })).status).toBe(401)
  })
})

describe('redeem', () => {
  it('admits a confirmed ticket with the attendee’s names, organization and notes', async () => {
    const response = await scan(codes.sato ?? '', FORUM)
    expect(response.status).toBe(200)
    const verdict = await response.json()
    expect(verdict).toMatchObject({
      status: 'ok',
      reason: null,
      firstCheckin: null,
      attendee: {
        name: '佐藤健',
        latinName: 'SATO Ken',
        kana: 'さとう けん',
        organization: '株式会社テスト',
        vip: false,
      },
    })
    expect(verdict.attendee.notes).toContainEqual({ kind: 'interpretation', value: 'ja' })
    expect(verdict.checkinId).toEqual(expect.any(String))
  })

  it('answers already checked in with the first time and door', async () => {
    const verdict = await (await scan(codes.sato ?? '', FORUM)).json()
    expect(verdict).toMatchObject({
      status: 'rejected',
      reason: 'already_checked_in',
      firstCheckin: { device: 'Hall 1 north door' },
    })
  })

  it('admits every confirmed attendee to a session open to all, but a VIP-only one only to VIPs', async () => {
    expect((await (await scan(codes.li ?? '', OPENING)).json()).status).toBe('ok')
    expect(await (await scan(codes.li ?? '', VIP_DINNER)).json()).toMatchObject({
      status: 'rejected',
      reason: 'not_registered_for_session',
    })
  })

  it('refuses the waiting list, a session not registered for, a cancelled registration and another event’s ticket', async () => {
    expect((await (await scan(codes.waiting ?? '', FORUM)).json()).reason).toBe('not_registered_for_session')
    expect((await (await scan(codes.li ?? '', SEMINAR)).json()).reason).toBe('not_registered_for_session')
    expect((await (await scan(codes.cancelled ?? '', FORUM)).json()).reason).toBe('cancelled')
    const foreign = await (await scan(codes.other ?? '', FORUM)).json()
    expect(foreign).toMatchObject({ status: 'rejected', reason: 'wrong_event', attendee: null })
  })

  it('refuses an old code after a reissue as revoked, and admits the new one', async () => {
    const before = codes.li ?? ''
    await reissueTicket(server.db, TEST_SECRET, event.id, registrationIds.li ?? '', { userId: null })
    const row = await server.db
      .selectFrom('registrations')
      .select(['ticket_nonce', 'status'])
      .where('id', '=', registrationIds.li ?? '')
      .executeTakeFirstOrThrow()
    const after = registrationTicketCode(TEST_SECRET, row) ?? ''
    expect(after).not.toBe(before)
    expect(await (await scan(before, FORUM)).json()).toMatchObject({ status: 'rejected', reason: 'revoked' })
    expect((await (await scan(after, FORUM)).json()).status).toBe('ok')
    codes.li = after
  })

  it('gives a clear verdict for garbage, a URL and a lower-case code with spaces', async () => {
    for (const junk of ['', 'https://example.org/?x=1', '🙂'.repeat(10), 'A'.repeat(4000)]) {
      const response = await scan(junk, FORUM)
      expect(response.status, junk.slice(0, 20)).toBe(200)
      expect(await response.json()).toMatchObject({ status: 'rejected', reason: 'unknown_code', attendee: null })
    }
    const spaced = (codes.sato ?? '').toLowerCase().replace(/(.{4})/g, '$1 ')
    expect((await (await scan(spaced, FORUM)).json()).reason).toBe('already_checked_in')
  })

  it('keeps every attempt, refusals and unknown codes included, but never a ticket code', async () => {
    const rows = await server.db.selectFrom('checkins').selectAll().where('event_id', '=', event.id).execute()
    expect(rows.filter((r) => r.reason === 'unknown_code').length).toBeGreaterThanOrEqual(4)
    expect(rows.filter((r) => r.reason === 'already_checked_in').length).toBeGreaterThanOrEqual(1)
    const dump = JSON.stringify(rows)
    for (const code of Object.values(codes)) expect(dump).not.toContain(code)
  })
})

describe('concurrency and idempotency', () => {
  it('50 concurrent redeems of one code with different nonces: exactly 1 ok and 49 already_checked_in', async () => {
    const { code } = await register(event, 'rush', [event.sessionIds[FORUM] ?? ''])
    // The forum is full: rush is waitlisted; the opening is open to all.
    const verdicts = await Promise.all(
      Array.from(
        { length: 50 },
        async () => (await scan(code, OPENING)).json() as Promise<{ status: string; reason: string }>,
      ),
    )
    expect(verdicts.filter((v) => v.status === 'ok')).toHaveLength(1)
    expect(verdicts.filter((v) => v.reason === 'already_checked_in')).toHaveLength(49)
  })

  it('the same nonce 5 times gives one row and the same answer each time', async () => {
    const { code } = await register(event, 'twice', [])
    const nonce = randomUUID()
    const body = { code, sessionId: event.sessionIds[OPENING], nonce }
    const answers = await Promise.all(Array.from({ length: 5 }, async () => (await redeem(body)).json()))
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    expect(answers[0]).toMatchObject({ status: 'ok' })
    const rows = await server.db.selectFrom('checkins').select('id').where('nonce', '=', nonce).execute()
    expect(rows).toHaveLength(1)
  })

  it('keeps an offline upload’s scannedAt, and flags a conflicting offline admission instead of dropping it', async () => {
    const { code } = await register(event, 'offline', [])
    // Scanned at the door 20 and 15 minutes ago, uploaded now; the second with a zone offset.
    const twentyAgo = new Date(serverNow().getTime() - 20 * 60_000)
    twentyAgo.setUTCMilliseconds(0)
    const fifteenAgo = new Date(twentyAgo.getTime() + 5 * 60_000)
    const withOffset = new Date(fifteenAgo.getTime() + 8 * 3600_000).toISOString().replace('.000Z', '+08:00')
    const first = await (await scan(code, OPENING, { offline: true, scannedAt: twentyAgo.toISOString() })).json()
    expect(first).toMatchObject({ status: 'ok', scannedAt: twentyAgo.toISOString(), conflict: false })
    // Another door admitted the same person while also offline.
    const second = await (await scan(code, OPENING, { offline: true, scannedAt: withOffset })).json()
    expect(second).toMatchObject({ status: 'ok', conflict: true, scannedAt: fifteenAgo.toISOString() })
    const rows = await server.db
      .selectFrom('checkins')
      .select(['scanned_at', 'offline', 'conflict'])
      .where('registration_id', '=', second.checkinId ? await idOf(code) : '')
      .orderBy('created_at')
      .execute()
    expect(rows).toEqual([
      { scanned_at: twentyAgo.toISOString(), offline: 1, conflict: 0 },
      { scanned_at: fifteenAgo.toISOString(), offline: 1, conflict: 1 },
    ])
  })

  it('undoes a scan by the same device, after which the person can be admitted again', async () => {
    const { code } = await register(event, 'undo', [])
    const nonce = randomUUID()
    expect((await (await redeem({ code, sessionId: event.sessionIds[OPENING], nonce })).json()).status).toBe('ok')
    const undone = await api('/checkin/undo', { method: 'POST', body: JSON.stringify({ nonce }) })
    expect(undone.status).toBe(200)
    expect((await (await scan(code, OPENING)).json()).status).toBe('ok')
    const again = await api('/checkin/undo', { method: 'POST', body: JSON.stringify({ nonce }) })
    expect(again.status).toBe(409)
    expect((await again.json()).code).toBe('already_undone')
    const unknown = await api('/checkin/undo', { method: 'POST', body: JSON.stringify({ nonce: randomUUID() }) })
    expect(unknown.status).toBe(404)
  })
})

async function idOf(code: string): Promise<string> {
  const row = await server.db
    .selectFrom('registrations')
    .select('id')
    .where('ticket_hash', '=', ticketHash(code))
    .executeTakeFirstOrThrow()
  return row.id
}

describe('admission by name', () => {
  it('admits someone found by name as a scan of their ticket would, once, and never across events', async () => {
    const { registrationId } = await register(event, 'noqr', [])
    const admit = (body: Record<string, unknown>) =>
      api('/checkin/admit', { method: 'POST', body: JSON.stringify(body) })
    const first = await (
      await admit({ registrationId, sessionId: event.sessionIds[OPENING], nonce: randomUUID() })
    ).json()
    expect(first).toMatchObject({ status: 'ok', manual: true, attendee: { latinName: 'TANAKA noqr' } })
    const again = await (
      await admit({ registrationId, sessionId: event.sessionIds[OPENING], nonce: randomUUID() })
    ).json()
    expect(again).toMatchObject({ status: 'rejected', reason: 'already_checked_in' })
    // Another event's registration id is unknown here.
    const elsewhere = await server.db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', other.id)
      .executeTakeFirstOrThrow()
    const foreign = await (
      await admit({ registrationId: elsewhere.id, sessionId: event.sessionIds[OPENING], nonce: randomUUID() })
    ).json()
    expect(foreign).toMatchObject({ status: 'rejected', reason: 'unknown_code', attendee: null })
    const extra = await admit({ registrationId, sessionId: event.sessionIds[OPENING], nonce: randomUUID(), code: 'X' })
    expect(await extra.json()).toMatchObject({ code: 'extraField', field: 'code' })
  })
})

describe('roster and search', () => {
  it('lists who may come in keyed by the ticket’s SHA-256, with check-in state, never the code', async () => {
    const response = await api(`/checkin/roster?sessionId=${event.sessionIds[FORUM]}`)
    expect(response.status).toBe(200)
    const etag = response.headers.get('etag')
    const roster = await response.json()
    const text = JSON.stringify(roster)
    for (const code of Object.values(codes)) expect(text).not.toContain(code)
    const sato = roster.entries.find((e: { ticketHash: string }) => e.ticketHash === ticketHash(codes.sato ?? ''))
    expect(sato).toMatchObject({ attendee: { latinName: 'SATO Ken' }, checkedInAt: expect.any(String) })
    // The waiting list and the cancelled registration are not let in.
    expect(roster.entries.map((e: { registrationId: string }) => e.registrationId)).not.toContain(
      registrationIds.waiting,
    )
    expect(roster.entries.map((e: { registrationId: string }) => e.registrationId)).not.toContain(
      registrationIds.cancelled,
    )
    const unchanged = await api(`/checkin/roster?sessionId=${event.sessionIds[FORUM]}`, {
      headers: { 'If-None-Match': etag ?? '' },
    })
    expect(unchanged.status).toBe(304)
  })

  it('sends only what changed since the last refresh: new people, new check-ins, and who left', async () => {
    // Everything so far happened long ago.
    const long = '2020-01-01T00:00:00.000Z'
    await server.db.updateTable('registrations').set({ updated_at: long }).where('event_id', '=', event.id).execute()
    await server.db.updateTable('registration_sessions').set({ updated_at: long }).execute()
    await server.db.updateTable('checkins').set({ created_at: long }).where('event_id', '=', event.id).execute()
    await server.db.updateTable('checkins').set({ undone_at: long }).where('undone_at', 'is not', null).execute()
    const roster = async (since?: string) =>
      (await (
        await api(`/checkin/roster?sessionId=${event.sessionIds[OPENING]}${since ? `&since=${since}` : ''}`)
      ).json()) as {
        asOf: string
        partial: boolean
        entries: { registrationId: string; checkedInAt: string | null }[]
        removed: string[]
      }
    const full = await roster()
    expect(full.partial).toBe(false)
    expect(await roster(full.asOf)).toMatchObject({ partial: true, entries: [], removed: [] })

    const late = await register(event, 'late', [])
    expect((await (await scan(late.code, OPENING)).json()).status).toBe('ok')
    const leaving = full.entries[0]?.registrationId ?? ''
    await server.db
      .updateTable('registrations')
      .set({ status: 'cancelled', updated_at: new Date().toISOString() })
      .where('id', '=', leaving)
      .execute()
    const changes = await roster(full.asOf)
    expect(changes.entries.map((e) => e.registrationId)).toEqual([late.registrationId])
    expect(changes.entries[0]?.checkedInAt).toEqual(expect.any(String))
    expect(changes.removed).toEqual([leaving])
  })

  it('finds people by kana, by Latin name in any case, and by organization', async () => {
    const search = async (q: string) =>
      (await (await api(`/checkin/search?sessionId=${event.sessionIds[FORUM]}&q=${encodeURIComponent(q)}`)).json())
        .results as { registrationId: string; allowed: boolean; attendee: { latinName: string } }[]
    expect((await search('さとう')).map((r) => r.attendee.latinName)).toEqual(['SATO Ken'])
    expect(await search('sato ken')).toMatchObject([{ attendee: { latinName: 'SATO Ken' }, allowed: true }])
    const byOrg = await search('テスト')
    expect(byOrg.length).toBeGreaterThan(2)
    expect(byOrg.find((r) => r.registrationId === registrationIds.waiting)?.allowed).toBe(false)
  })
})

describe('bad input', () => {
  it('answers 400 naming the field for a missing, an extra and a mistyped field, and for broken JSON', async () => {
    const missing = await redeem({ sessionId: event.sessionIds[FORUM], nonce: randomUUID() })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ code: 'badField', field: 'code' })
    const extra = await redeem({ code: 'X', sessionId: event.sessionIds[FORUM], nonce: randomUUID(), admin: true })
    expect(await extra.json()).toMatchObject({ code: 'extraField', field: 'admin' })
    const typed = await redeem({ code: 'X', sessionId: event.sessionIds[FORUM], nonce: randomUUID(), offline: 'yes' })
    expect(await typed.json()).toMatchObject({ code: 'badField', field: 'offline' })
    const broken = await api('/checkin/redeem', { method: 'POST', body: '{"code": ' })
    expect(broken.status).toBe(400)
    expect(await broken.json()).toMatchObject({ code: 'badJson' })
  })

  it('answers in the caller’s language', async () => {
    const response = await api('/checkin/redeem', {
      method: 'POST',
      body: JSON.stringify({ code: 'X' }),
      headers: { 'Accept-Language': 'ja' },
    })
    expect((await response.json()).message).toContain('項目「sessionId」')
  })

  it('answers 404 for an unknown session and never 500 for random bodies', async () => {
    const unknown = await redeem({ code: 'X', sessionId: 'no-such-session', nonce: randomUUID() })
    expect(unknown.status).toBe(404)
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.string()), async (body) => {
        const response = await api('/checkin/redeem', {
          method: 'POST',
          body: typeof body === 'string' ? body : JSON.stringify(body),
        })
        await response.arrayBuffer()
        expect([200, 400, 403, 404]).toContain(response.status)
      }),
      { numRuns: 150 },
    )
  })
})

describe('operator CLI', () => {
  it('creates a device whose token is the last line of output and works, then revokes it', async () => {
    const cli = (...args: string[]) =>
      run('node_modules/.bin/tsx', ['app/cli/cli.ts', ...args], {
        env: { PATH: process.env.PATH, DATABASE_URL: server.databaseUrl, SESSION_SECRET: TEST_SECRET },
        timeout: 30_000,
      })
    const created = await cli('device:create', '--event', event.slug, '--name', '2号车 Bus 2')
    const lines = created.stdout.trim().split('\n')
    const cliToken = lines.at(-1) ?? ''
    const deviceId = /created device (\S+)/.exec(created.stdout)?.[1] ?? ''
    expect(cliToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const listed = await (await api('/sessions', { device: cliToken })).json()
    expect(listed.device.name).toBe('2号车 Bus 2')
    await cli('device:revoke', '--device', deviceId)
    expect((await api('/sessions', { device: cliToken })).status).toBe(401)
  })
})

describe('staff without a device, and organizers watching', () => {
  it('lets a signed-in user with the check-in role scan (origin-checked), and refuses a viewer', async () => {
    await makeUser(server.db, 'door@example.org', { role: { eventSlug: event.slug, role: 'checkin' } })
    await makeUser(server.db, 'viewer@example.org', { role: { eventSlug: event.slug, role: 'viewer' } })
    const door = await signedIn(server.origin, 'door@example.org')
    const { code } = await register(event, 'staffscan', [])
    const body = JSON.stringify({ code, sessionId: event.sessionIds[OPENING], nonce: randomUUID() })
    const headers = { 'Content-Type': 'application/json' }
    const sessions = await door.get(`/api/v1/sessions?event=${event.slug}`)
    expect(sessions.status).toBe(200)
    const crossSite = await door.request('/api/v1/checkin/redeem', {
      method: 'POST',
      body,
      headers,
      origin: 'https://evil.example',
    })
    expect(crossSite.status).toBe(403)
    const scanned = await door.request('/api/v1/checkin/redeem', { method: 'POST', body, headers })
    expect(await scanned.json()).toMatchObject({ status: 'ok' })

    const viewer = await signedIn(server.origin, 'viewer@example.org')
    const refused = await viewer.request('/api/v1/checkin/redeem', {
      method: 'POST',
      body: JSON.stringify({ code, sessionId: event.sessionIds[OPENING], nonce: randomUUID() }),
      headers,
    })
    expect(refused.status).toBe(403)
  })

  it('streams a check-in to the attendance page live, and the counts follow', async () => {
    await makeUser(server.db, 'watch@example.org', { role: { eventSlug: event.slug, role: 'organizer' } })
    const organizer = await signedIn(server.origin, 'watch@example.org')
    const before = await (await organizer.get(`/events/${event.slug}/attendance?lng=en`)).text()
    const checkedIn = (html: string) =>
      Number(
        new RegExp(`data-session="${event.sessionIds[OPENING]}"[\\s\\S]*?data-checked-in="(\\d+)"`).exec(html)?.[1],
      )
    const stream = await openEventStream(
      `${server.origin}/events/${event.slug}/attendance/stream`,
      organizer.cookieHeader,
    )
    const { code } = await register(event, 'streamed', [])
    expect((await (await scan(code, OPENING)).json()).status).toBe('ok')
    // How fast it arrives is the check-in bench's to measure (docs/benchmarks.md), not a test's.
    expect(await stream.readUntil('event: checkin')).toBe(true)
    expect(stream.text).toContain(`"sessionId":"${event.sessionIds[OPENING]}"`)
    stream.close()
    const after = await (await organizer.get(`/events/${event.slug}/attendance?lng=en`)).text()
    expect(checkedIn(after)).toBe(checkedIn(before) + 1)
  })

  it('lists the offline conflicts for review and exports attendance as CSV and XLSX', async () => {
    const organizer = await signedIn(server.origin, 'watch@example.org')
    const page = await (await organizer.get(`/events/${event.slug}/attendance?lng=en`)).text()
    expect(page).toContain('TANAKA offline: Opening')
    const session = await (
      await organizer.get(`/events/${event.slug}/attendance/${event.sessionIds[OPENING]}?lng=en&show=missing`)
    ).text()
    expect(session).toContain('data-state="missing"')
    expect(session).not.toContain('data-state="in"')
    const csv = await organizer.get(`/events/${event.slug}/attendance/export.csv?lng=en`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text).toContain('Session,Starts,Name,Latin name,Organization,State,Checked in at,Door')
    expect(text).toMatch(/Hydrogen forum,.*SATO Ken,.*Checked in/)
    const xlsx = await organizer.get(`/events/${event.slug}/attendance/export.xlsx?lng=en`)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
  })
})

describe('badges, name cards and the badge vendor’s export', () => {
  it('prints a badge for every confirmed registration, with the ticket as a QR code, and name cards for VIPs only', async () => {
    const organizer = await signedIn(server.origin, 'watch@example.org')
    const page = await (await organizer.get(`/events/${event.slug}/badges?lng=en`)).text()
    const confirmed = await server.db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', event.id)
      .where('status', '=', 'confirmed')
      .execute()
    expect(page.match(/data-badge="/g)?.length).toBe(confirmed.length)
    expect(page).toContain('佐藤健')
    expect(page).toContain('SATO Ken')
    expect(page.match(/<svg[^>]*viewBox/g)?.length).toBeGreaterThanOrEqual(confirmed.length)
    expect(page).toContain('badge-sheet-a4')
    expect(await (await organizer.get(`/events/${event.slug}/badges?layout=single&lng=en`)).text()).toContain(
      'badge-sheet-single',
    )

    await server.db
      .updateTable('people')
      .set({ vip: 1 })
      .where(
        'id',
        '=',
        server.db
          .selectFrom('registrations')
          .select('person_id')
          .where('id', '=', registrationIds.sato ?? ''),
      )
      .execute()
    const cards = await (await organizer.get(`/events/${event.slug}/name-cards?lng=en`)).text()
    expect(cards.match(/data-card="/g)?.length).toBe(1)
    expect(cards).toContain('SATO Ken')
  })

  it('prints the role an organizer chose (staff, press) in place of the person’s, and back to automatic', async () => {
    const organizer = await signedIn(server.origin, 'watch@example.org')
    const setRole = (role: string) =>
      organizer.post(`/events/${event.slug}/registrations?lng=en`, {
        intent: 'badge_role',
        registration_id: registrationIds.sato ?? '',
        badge_role: role,
      })
    const saved = await setRole('press')
    expect(await saved.text()).toContain('Badge of ')
    const badgeOf = async () => {
      const page = await (await organizer.get(`/events/${event.slug}/badges?lng=en`)).text()
      return new RegExp(`class="name-badge role-(\\w+)" data-badge="${registrationIds.sato}"`).exec(page)?.[1]
    }
    expect(await badgeOf()).toBe('press')
    expect((await setRole('organizer')).status).toBe(400)
    // Automatic again: sato is a VIP (made one in the test before).
    await setRole('auto')
    expect(await badgeOf()).toBe('vip')
  })

  it('keeps badges from viewers, and ticket codes in the export for admins only', async () => {
    const viewer = await signedIn(server.origin, 'viewer@example.org')
    expect((await viewer.get(`/events/${event.slug}/badges`)).status).toBe(403)
    const organizer = await signedIn(server.origin, 'watch@example.org')
    expect((await organizer.get(`/events/${event.slug}/registrations/export.csv?tickets=1`)).status).toBe(403)
    await makeUser(server.db, 'admin@example.org', { admin: true })
    const admin = await signedIn(server.origin, 'admin@example.org')
    const csv = await (await admin.get(`/events/${event.slug}/registrations/export.csv?tickets=1&lng=en`)).text()
    expect(csv.split('\r\n')[0]).toMatch(/,Ticket code$/)
    expect(csv).toContain(codes.sato)
    const plain = await (await admin.get(`/events/${event.slug}/registrations/export.csv?lng=en`)).text()
    expect(plain).not.toContain(codes.sato)
  })

  it('records in the audit log every export of ticket codes (the admin’s CSV and XLSX, the badges), with who, the event and how many', async () => {
    const ticketExports = () =>
      server.db
        .selectFrom('audit_log')
        .select(['actor_user_id', 'entity_id', 'detail', 'ip'])
        .where('action', '=', 'export.ticket_codes')
        .orderBy('created_at')
        .execute()
    const before = (await ticketExports()).length
    const admin = await signedIn(server.origin, 'admin@example.org')
    const organizer = await signedIn(server.origin, 'watch@example.org')
    await (await admin.get(`/events/${event.slug}/registrations/export.csv?tickets=1`)).arrayBuffer()
    await (await admin.get(`/events/${event.slug}/registrations/export.xlsx?tickets=1`)).arrayBuffer()
    await (await organizer.get(`/events/${event.slug}/badges`)).arrayBuffer()
    // Without ticket codes an export is not one of them.
    await (await admin.get(`/events/${event.slug}/registrations/export.csv`)).arrayBuffer()
    const rows = (await ticketExports()).slice(before)
    const ids = await server.db.selectFrom('users').select(['id', 'email']).execute()
    const idOf = (email: string) => ids.find((u) => u.email === email)?.id
    const confirmed = await server.db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', event.id)
      .where('status', '=', 'confirmed')
      .execute()
    expect(rows.map((r) => [r.actor_user_id, r.entity_id, JSON.parse(r.detail ?? '{}'), r.ip])).toEqual([
      [idOf('admin@example.org'), event.id, { what: 'registrations.csv', count: confirmed.length }, expect.any(String)],
      [
        idOf('admin@example.org'),
        event.id,
        { what: 'registrations.xlsx', count: confirmed.length },
        expect.any(String),
      ],
      [idOf('watch@example.org'), event.id, { what: 'badges', count: confirmed.length }, expect.any(String)],
    ])
  })
})
