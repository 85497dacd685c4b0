/**
 * Who holds a place in a session (issue 16): one rule (placeIn, app/registration/rules.ts) for
 * the portal, the personal calendar file, the mails and the door. A VIP-only session open to every
 * VIP (no registration needed) is on a VIP's portal, calendar, confirmation mail and door roster,
 * and on none of them for a delegate who is not a VIP, whom the door refuses too. SQLite and
 * PostgreSQL, through the real HTTP layer for the delegate's pages.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redeem } from '../../app/checkin/checkin.server'
import { sessionRoster } from '../../app/checkin/roster.server'
import { renderMail } from '../../app/server/mails.server'
import { makeUser } from '../helpers/fixtures'
import { type Invitee, makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

const SLUG = 'places-event'
let server: TestServer
let sessions: { forum: string; opening: string; banquet: string; briefing: string }
const delegates: Record<'guest' | 'vip', { invitee: Invitee; client: TestClient; registrationId: string }> = {} as never

beforeAll(async () => {
  server = await startTestServer()
  const event = await makeEvent(server.db, {
    slug: SLUG,
    sessions: [
      { title: 'Hydrogen forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' },
      { title: 'Opening ceremony', start: '2030-05-20T08:00', end: '2030-05-20T08:45', registrationRequired: false },
      {
        title: 'VIP banquet',
        start: '2030-05-20T19:00',
        end: '2030-05-20T21:00',
        registrationRequired: false,
        vipOnly: true,
      },
      // Chosen by the delegate, and at the same time as the opening ceremony (08:00–08:45).
      { title: 'Morning briefing', start: '2030-05-20T08:30', end: '2030-05-20T09:00' },
    ],
  })
  const [forum = '', opening = '', banquet = '', briefing = ''] = event.sessionIds
  sessions = { forum, opening, banquet, briefing }
  for (const kind of ['guest', 'vip'] as const) {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: `${kind}-`, vip: kind === 'vip' })
    if (!invitee) throw new Error('no invitee')
    const client = new TestClient(server.origin)
    expect((await client.request(`/i/${invitee.token}`, { method: 'POST' })).status).toBe(303)
    const form = await (await client.get(`/e/${SLUG}/register`)).text()
    const key = /name="submission_key" value="([^"]+)"/.exec(form)?.[1] ?? ''
    const saved = await client.request(`/e/${SLUG}/register`, {
      method: 'POST',
      body: registrationForm(invitee.email, [forum], { submission_key: key }),
    })
    expect(saved.status).toBe(303)
    const row = await server.db
      .selectFrom('registrations')
      .select('id')
      .where('email', '=', invitee.email)
      .executeTakeFirstOrThrow()
    delegates[kind] = { invitee, client, registrationId: row.id }
  }
})
afterAll(async () => {
  await server?.close()
})

async function confirmationText(registrationId: string): Promise<string> {
  const row = await server.db
    .selectFrom('outbox')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .where('kind', '=', 'confirmation')
    .executeTakeFirstOrThrow()
  const mail = await renderMail(server.db, { appUrl: new URL(server.origin), sessionSecret: TEST_SECRET }, row)
  if (!mail.ok) throw new Error(mail.reason)
  return mail.text
}

async function atTheDoor(registrationId: string) {
  const userId = await makeUser(server.db, `door-${randomUUID()}@example.org`, { admin: true })
  const event = await server.db.selectFrom('events').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow()
  const scanner = { kind: 'user' as const, userId, name: 'door', eventId: event.id }
  const roster = await sessionRoster(server.db, scanner, sessions.banquet, null)
  if (!roster.ok) throw new Error(roster.reason)
  const banquet = await server.db
    .selectFrom('sessions')
    .select('starts_at')
    .where('id', '=', sessions.banquet)
    .executeTakeFirstOrThrow()
  // At the banquet's start: its door takes scans then.
  const verdict = await redeem(
    server.db,
    scanner,
    { code: { registrationId }, sessionId: sessions.banquet, nonce: randomUUID() },
    new Date(banquet.starts_at),
  )
  if (!verdict.ok) throw new Error(verdict.reason)
  return {
    onRoster: roster.roster.entries.some((e) => e.registrationId === registrationId),
    admitted: verdict.verdict.status,
  }
}

describe('a VIP-only session open to every VIP', () => {
  it('is on none of a non-VIP’s portal, calendar file and mail, and the door refuses them', async () => {
    const { client, registrationId } = delegates.guest
    const portal = await (await client.get(`/e/${SLUG}/me?lng=en`)).text()
    expect(portal).toContain('Opening ceremony')
    expect(portal).toContain('Hydrogen forum')
    expect(portal).not.toContain('VIP banquet')
    const calendar = await (await client.get(`/e/${SLUG}/me/calendar.ics`)).text()
    expect(calendar).toContain('SUMMARY:Opening ceremony')
    expect(calendar).not.toContain('VIP banquet')
    const mail = await confirmationText(registrationId)
    expect(mail).toContain('Opening ceremony')
    expect(mail).not.toContain('VIP banquet')
    const door = await atTheDoor(registrationId)
    expect(door.onRoster).toBe(false)
    expect(door.admitted).not.toBe('ok')
  })

  it('is on all four for a VIP, and the door lets them in', async () => {
    const { client, registrationId } = delegates.vip
    expect(await (await client.get(`/e/${SLUG}/me?lng=en`)).text()).toContain('VIP banquet')
    expect(await (await client.get(`/e/${SLUG}/me/calendar.ics`)).text()).toContain('SUMMARY:VIP banquet')
    expect(await confirmationText(registrationId)).toContain('VIP banquet')
    expect(await atTheDoor(registrationId)).toEqual({ onRoster: true, admitted: 'ok' })
  })
})

describe('a session at the same time as one open to all', () => {
  it('is flagged on the form before it is chosen, and in the plan once it is', async () => {
    const { client, invitee } = delegates.guest
    const form = await (await client.get(`/e/${SLUG}/register?lng=en`)).text()
    expect(form).toContain('At the same time as Opening ceremony, open to every attendee.')
    const key = /name="submission_key" value="([^"]+)"/.exec(form)?.[1] ?? ''
    const changed = await client.request(`/e/${SLUG}/register`, {
      method: 'POST',
      body: registrationForm(invitee.email, [sessions.forum, sessions.briefing], { submission_key: key }),
    })
    expect(changed.status).toBe(303)
    const portal = await (await client.get(`/e/${SLUG}/me?lng=en`)).text()
    expect(portal).toContain('At the same time as Opening ceremony.')
    expect(portal).toContain('At the same time as Morning briefing.')
  })
})
