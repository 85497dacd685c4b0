import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationToken, ticketCode, ticketHash } from '../../app/registration/secrets.server'
import { countRows } from '../helpers/db'
import { makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let event: { id: string; slug: string; sessionIds: string[] }

beforeAll(async () => {
  server = await startTestServer({ SESSION_SECRET: TEST_SECRET })
  event = await makeEvent(server.db, {
    slug: 'reg-test',
    sessions: [
      { title: 'Hydrogen forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00', capacity: 50 },
      { title: 'Biomedicine seminar', start: '2030-05-20T10:00', end: '2030-05-20T12:00', capacity: 100 },
      { title: 'Site visit', start: '2030-05-21T09:00', end: '2030-05-21T12:00', capacity: 2 },
    ],
  })
})
afterAll(async () => {
  await server?.close()
})

/** A delegate's browser that has opened its personal link. */
async function openLink(token: string): Promise<{ client: TestClient; response: Response }> {
  const client = new TestClient(server.origin)
  const response = await client.request(`/i/${token}`, { method: 'POST' })
  return { client, response }
}

function post(client: TestClient, path: string, form: URLSearchParams) {
  return client.request(path, { method: 'POST', body: form })
}

const [FORUM, SEMINAR, VISIT] = [0, 1, 2]
const sid = (i: number) => event.sessionIds[i] as string

describe('the personal link', () => {
  it('opens a page that POSTs: a GET (a mail scanner’s prefetch) starts no session and writes nothing', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'prefetch' })
    if (!invitee) throw new Error('no invitee')
    const sessions = await countRows(server.db, 'delegate_sessions')
    const response = await new TestClient(server.origin).get(`/i/${invitee.token}?lng=ja`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Set-Cookie') ?? '').not.toContain('signet_delegate')
    expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
    const page = await response.text()
    expect(page).toContain('<form method="post">')
    expect(page).toContain('招待状を開く')
    expect(await countRows(server.db, 'delegate_sessions')).toBe(sessions)
  })

  it('is exchanged for a delegate cookie and a clean URL without the token, with no Referer', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'link' })
    if (!invitee) throw new Error('no invitee')
    const { client, response } = await openLink(invitee.token)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/e/${event.slug}/register`)
    expect(response.headers.get('Location')).not.toContain(invitee.token)
    // Only our own origin ever sees the link's URL (see app/server/app.ts).
    expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
    expect(response.headers.get('Set-Cookie')).toMatch(/signet_delegate=.*Path=\/e\/reg-test.*HttpOnly.*SameSite=Lax/i)
    const form = await client.get(`/e/${event.slug}/register`)
    expect(form.status).toBe(200)
    expect(form.headers.get('Referrer-Policy')).toBe('same-origin')
    const html = await form.text()
    expect(html).toContain('value="SATO Kena"')
    expect(html).toContain('Hydrogen forum')
  })

  it('shows the same friendly page for an unknown, a revoked and a malformed token', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'revoked' })
    if (!invitee) throw new Error('no invitee')
    await server.db
      .updateTable('invitations')
      .set({ token_hash: null, token_nonce: null })
      .where('id', '=', invitee.invitationId)
      .execute()
    const bodies: string[] = []
    for (const token of [invitee.token, 'x'.repeat(43), 'not a token']) {
      const response = await new TestClient(server.origin).request(`/i/${encodeURIComponent(token)}?lng=en`, {
        method: 'POST',
      })
      expect(response.status).toBe(404)
      // what a visitor reads (the page's own data names the path it was asked for)
      const body = (await response.text()).replaceAll('<!-- -->', '')
      bodies.push(/<main[\s\S]*<\/main>/.exec(body)?.[0] ?? body)
    }
    expect(bodies[0]).toContain('This link cannot be used')
    expect(new Set(bodies).size).toBe(1)
  })
})

describe('registering', () => {
  it('refuses two sessions at the same time, naming both, and saves nothing', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'overlap' })
    if (!invitee) throw new Error('no invitee')
    const { client } = await openLink(invitee.token)
    const response = await post(
      client,
      `/e/${event.slug}/register?lng=en`,
      registrationForm(invitee.email, [sid(FORUM), sid(SEMINAR)]),
    )
    expect(response.status).toBe(400)
    const html = (await response.text()).replaceAll('<!-- -->', '')
    expect(html).toContain('“Hydrogen forum” and “Biomedicine seminar” take place at the same time.')
    const saved = await server.db
      .selectFrom('registrations')
      .select('id')
      .where('person_id', '=', invitee.personId)
      .execute()
    expect(saved).toEqual([])
  })

  it('names each field at fault: emoji in a name, Arabic in the Latin name, a bad phone, no consent', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'badinput' })
    if (!invitee) throw new Error('no invitee')
    const { client } = await openLink(invitee.token)
    const form = registrationForm(invitee.email, [sid(FORUM)], {
      given_name: '健一😀',
      latin_name: 'كينيتشي',
      phone: 'call me',
      consent: '',
    })
    const response = await post(client, `/e/${event.slug}/register?lng=en`, form)
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Use letters only: no digits, emoji or symbols.')
    expect(html).toContain('Use Latin letters only, as in your passport')
    expect(html).toContain('Enter a phone number with digits')
    expect(html).toContain('Please agree to the processing of your personal data')
    expect(
      await server.db.selectFrom('registrations').select('id').where('person_id', '=', invitee.personId).execute(),
    ).toEqual([])
  })

  it('confirms, issues a ticket stored only as a hash, queues the confirmation, and shows the ticket in the portal', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'happy' })
    if (!invitee) throw new Error('no invitee')
    const { client } = await openLink(invitee.token)
    const form = registrationForm(invitee.email, [sid(SEMINAR)], { submission_key: 'happy-path-key-0123456789' })
    const response = await post(client, `/e/${event.slug}/register`, form)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/e/${event.slug}/me?saved=registered`)
    // a double submit of the same form changes nothing
    const again = await post(client, `/e/${event.slug}/register`, form)
    expect(again.status).toBe(303)
    const rows = await server.db
      .selectFrom('registrations')
      .selectAll()
      .where('person_id', '=', invitee.personId)
      .execute()
    expect(rows).toHaveLength(1)
    const registration = rows[0]
    if (!registration?.ticket_nonce) throw new Error('no ticket')
    expect(registration.status).toBe('confirmed')
    const code = ticketCode(TEST_SECRET, registration.ticket_nonce)
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{26}$/)
    expect(registration.ticket_hash).toBe(ticketHash(code))
    const mails = await server.db
      .selectFrom('outbox')
      .selectAll()
      .where('registration_id', '=', registration.id)
      .execute()
    expect(mails.map((m) => [m.kind, m.recipient, m.language])).toEqual([['confirmation', invitee.email, 'ja']])
    const invitation = await server.db
      .selectFrom('invitations')
      .select('status')
      .where('id', '=', invitee.invitationId)
      .executeTakeFirstOrThrow()
    expect(invitation.status).toBe('registered')

    const portal = await client.get(`/e/${event.slug}/me?lng=ja`)
    expect(portal.status).toBe(200)
    const html = (await portal.text()).replaceAll('<!-- -->', '')
    expect(html).toContain(code.match(/.{1,4}/g)?.join(' '))
    expect(html).toContain('<svg')
    expect(html).toContain('Biomedicine seminar')
    expect(html).toContain('10:00–12:00')

    const ics = await client.get(`/e/${event.slug}/me/calendar.ics`)
    expect(ics.status).toBe(200)
    expect(await ics.text()).toContain('SUMMARY:Biomedicine seminar')
  })

  it('keeps no raw token or ticket code anywhere in the database', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'dump' })
    if (!invitee) throw new Error('no invitee')
    const { client } = await openLink(invitee.token)
    await post(client, `/e/${event.slug}/register`, registrationForm(invitee.email, [sid(SEMINAR)]))
    const registration = await server.db
      .selectFrom('registrations')
      .selectAll()
      .where('person_id', '=', invitee.personId)
      .executeTakeFirstOrThrow()
    const code = ticketCode(TEST_SECRET, registration.ticket_nonce ?? '')
    const cookie = client.cookies.get('signet_delegate') ?? ''
    const dump: string[] = []
    for (const table of [
      'invitations',
      'registrations',
      'delegate_sessions',
      'outbox',
      'audit_log',
      'people',
      'login_attempts',
    ] as const) {
      dump.push(JSON.stringify(await server.db.selectFrom(table).selectAll().execute()))
    }
    const text = dump.join('\n')
    expect(text).not.toContain(invitee.token)
    expect(text).not.toContain(code)
    expect(cookie).not.toBe('')
    expect(text).not.toContain(decodeURIComponent(cookie).split('.')[0]?.replace(/^"|"$/g, '') ?? 'x')
  })
})

describe('capacity', () => {
  it('300 concurrent registrations for a 50-seat session: exactly 50 confirmed and 250 waitlisted, no errors', async () => {
    const invitees = await makeInvitees(server.db, event, 300, { prefix: 'burst' })
    const clients = await Promise.all(invitees.map(async (i) => (await openLink(i.token)).client))
    const responses = await Promise.all(
      invitees.map((invitee, n) =>
        post(clients[n] as TestClient, `/e/${event.slug}/register`, registrationForm(invitee.email, [sid(FORUM)])),
      ),
    )
    expect(responses.map((r) => r.status).filter((s) => s !== 303)).toEqual([])
    const seats = await server.db
      .selectFrom('registration_sessions')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('session_id', '=', sid(FORUM))
      .groupBy('status')
      .execute()
    const count = (s: string) => Number(seats.find((r) => r.status === s)?.n ?? 0)
    expect(count('confirmed')).toBe(50)
    expect(count('waitlisted')).toBe(250)
  })

  it('a cancellation promotes the first person waiting, and mails them', async () => {
    const invitees = await makeInvitees(server.db, event, 4, { prefix: 'visit' })
    const clients: TestClient[] = []
    for (const invitee of invitees) {
      const { client } = await openLink(invitee.token)
      clients.push(client)
      const r = await post(client, `/e/${event.slug}/register`, registrationForm(invitee.email, [sid(VISIT)]))
      expect(r.status).toBe(303)
    }
    const status = async (personId: string) =>
      (
        await server.db
          .selectFrom('registration_sessions as rs')
          .innerJoin('registrations as r', 'r.id', 'rs.registration_id')
          .select('rs.status')
          .where('r.person_id', '=', personId)
          .where('rs.session_id', '=', sid(VISIT))
          .executeTakeFirstOrThrow()
      ).status
    const [first, , third, fourth] = invitees
    if (!first || !third || !fourth) throw new Error('no invitees')
    expect(await status(third.personId)).toBe('waitlisted')
    expect(await status(fourth.personId)).toBe('waitlisted')
    // the first one cancels from the portal, through the confirmation step
    const confirm = await (clients[0] as TestClient).get(`/e/${event.slug}/me?confirm=cancel&lng=en`)
    expect(await confirm.text()).toContain('Yes, cancel my registration')
    const cancel = await (clients[0] as TestClient).request(`/e/${event.slug}/me`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'cancel' }),
    })
    expect(cancel.status).toBe(303)
    expect(await status(first.personId)).toBe('cancelled')
    expect(await status(third.personId)).toBe('confirmed')
    expect(await status(fourth.personId)).toBe('waitlisted')
    const promoted = await server.db
      .selectFrom('outbox')
      .select(['kind', 'data'])
      .where('recipient', '=', third.email)
      .where('kind', '=', 'waitlist')
      .execute()
    expect(promoted).toHaveLength(1)
    expect(JSON.parse(promoted[0]?.data ?? '{}')).toEqual({ sessionIds: [sid(VISIT)], state: 'promoted' })
    const cancelled = await server.db.selectFrom('outbox').select('kind').where('recipient', '=', first.email).execute()
    expect(cancelled.map((m) => m.kind).sort()).toEqual(['cancellation', 'confirmation', 'invitation'])
  })
})

describe('declining', () => {
  it('is one click on the mail link, then one confirmation', async () => {
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'decline' })
    if (!invitee) throw new Error('no invitee')
    const client = new TestClient(server.origin)
    const link = await client.request(`/i/${invitee.token}?next=decline`, { method: 'POST' })
    expect(link.headers.get('Location')).toBe(`/e/${event.slug}/decline`)
    const page = await client.get(`/e/${event.slug}/decline?lng=en`)
    expect(await page.text()).toContain('Decline the invitation')
    const done = await client.request(`/e/${event.slug}/decline`, { method: 'POST', body: new URLSearchParams() })
    expect(done.status).toBe(303)
    const invitation = await server.db
      .selectFrom('invitations')
      .select('status')
      .where('id', '=', invitee.invitationId)
      .executeTakeFirstOrThrow()
    expect(invitation.status).toBe('declined')
  })
})

describe('the open registration form', () => {
  it('registers a stranger on an open event, who goes on from the mailed link, and drops a bot that fills the hidden field', async () => {
    const open = await makeEvent(server.db, {
      slug: 'open-test',
      mode: 'open',
      sessions: [{ title: 'Open forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00', capacity: 10 }],
    })
    const bot = new TestClient(server.origin)
    const refused = await post(
      bot,
      `/e/${open.slug}/register`,
      registrationForm('bot@example.test', [], { website: 'http://spam' }),
    )
    expect(refused.status).toBe(400)
    const client = new TestClient(server.origin)
    const ok = await post(
      client,
      `/e/${open.slug}/register`,
      registrationForm('stranger@example.test', open.sessionIds),
    )
    // "Check your mail", with no session: typing an address proves nothing (ADR 0008, 2026-12-02).
    expect(ok.status).toBe(303)
    expect(ok.headers.get('Location')).toBe(`/e/${open.slug}/register?sent=1`)
    expect(client.cookies.has('signet_delegate')).toBe(false)
    const sent = await client.get(`/e/${open.slug}/register?sent=1`)
    expect(await sent.text()).toContain('Please check your email')
    // The confirmation mailed to the address carries the link, which opens the portal.
    const mail = await server.db
      .selectFrom('outbox as o')
      .innerJoin('registrations as r', 'r.id', 'o.registration_id')
      .innerJoin('invitations as i', 'i.id', 'r.invitation_id')
      .select(['o.kind', 'i.token_nonce'])
      .where('o.recipient', '=', 'stranger@example.test')
      .executeTakeFirstOrThrow()
    expect(mail.kind).toBe('confirmation')
    const { client: delegate } = await openLink(invitationToken(TEST_SECRET, mail.token_nonce ?? ''))
    const portal = await delegate.get(`/e/${open.slug}/me`)
    expect(portal.status).toBe(200)
    const regs = await server.db
      .selectFrom('registrations')
      .select(['email', 'status', 'source'])
      .where('event_id', '=', open.id)
      .execute()
    expect(regs).toEqual([{ email: 'stranger@example.test', status: 'confirmed', source: 'public' }])
  })

  it('refuses an invite-only event without a link', async () => {
    const response = await post(
      new TestClient(server.origin),
      `/e/${event.slug}/register`,
      registrationForm('x@example.test', []),
    )
    expect(response.status).toBe(403)
  })
})
