/**
 * Public registration without proof of the mailbox (issue 14, findings 1 and 6). The open form
 * answers every email the same way: "check your mail". A known email binds to nothing: the
 * person, their invitation (and its link) and their registration stay as they were, no delegate
 * session is started for whoever typed it, and the mailbox's owner gets their own link in a mail.
 * A form's submission key is kept only as a hash, scoped to its submission: replayed from
 * another browser it repeats nothing and opens nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { withPersonSearchText } from '../../app/people/search'
import { renderMail } from '../../app/server/mails.server'
import { newId, nowIso } from '../../db/ids'
import { type Invitee, makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
/** The server's clock: each test starts a new window of the open form's limit (10 per address). */
let clock = Date.parse('2026-12-02T09:00:00Z')
let event: { id: string; slug: string; sessionIds: string[] }
let vip: Invitee
let invited: Invitee
let registered: Invitee
let fresh: Invitee
let victim: Invitee
const DIRECTORY_VIP = 'chairman@example.test'

const post = (client: TestClient, form: URLSearchParams) =>
  client.request(`/e/${event.slug}/register`, { method: 'POST', body: form })
const vipDinner = () => event.sessionIds[0] as string
const forum = () => event.sessionIds[1] as string

/** A delegate's browser on their own link, and the submission key its registration form carries. */
async function ownLink(token: string): Promise<{ client: TestClient; key: string }> {
  const client = new TestClient(server.origin)
  const opened = await client.request(`/i/${token}`, { method: 'POST' })
  expect(opened.status).toBe(303)
  const page = await (await client.get(`/e/${event.slug}/register`)).text()
  const key = /name="submission_key" value="([^"]+)"/.exec(page)?.[1]
  if (!key) throw new Error('no submission key in the form')
  return { client, key }
}

beforeAll(async () => {
  server = await startTestServer({ SESSION_SECRET: TEST_SECRET }, { now: () => new Date(clock) })
  event = await makeEvent(server.db, {
    slug: 'open-takeover',
    mode: 'open',
    sessions: [
      { title: 'VIP dinner', start: '2030-05-20T18:00', end: '2030-05-20T20:00', capacity: 5, vipOnly: true },
      { title: 'Forum', start: '2030-05-21T09:00', end: '2030-05-21T11:00', capacity: 50 },
    ],
  })
  ;[vip] = (await makeInvitees(server.db, event, 1, { prefix: 'vip', vip: true, language: 'en' })) as [Invitee]
  ;[invited] = (await makeInvitees(server.db, event, 1, { prefix: 'invited', language: 'zh' })) as [Invitee]
  ;[registered] = (await makeInvitees(server.db, event, 1, { prefix: 'done' })) as [Invitee]
  ;[fresh] = (await makeInvitees(server.db, event, 1, { prefix: 'fresh' })) as [Invitee]
  ;[victim] = (await makeInvitees(server.db, event, 1, { prefix: 'victim' })) as [Invitee]
  const done = await ownLink(registered.token)
  const saved = await post(done.client, registrationForm(registered.email, [forum()], { submission_key: done.key }))
  expect(saved.headers.get('Location')).toBe(`/e/${event.slug}/me?saved=registered`)
  const at = nowIso()
  await server.db
    .insertInto('people')
    .values(
      withPersonSearchText({
        id: newId(),
        key: null,
        organization_id: null,
        family_name: '山田',
        given_name: '太郎',
        latin_name: 'YAMADA Taro',
        kana: null,
        title_zh: null,
        title_en: 'Chairman',
        title_ja: '会長',
        email: DIRECTORY_VIP,
        phone: null,
        preferred_language: 'ja',
        vip: 1,
        dietary: null,
        created_at: at,
        updated_at: at,
      }),
    )
    .execute()
})
afterAll(async () => {
  await server?.close()
})
beforeEach(() => {
  clock += 11 * 60_000
})

/**
 * A page without what every response draws anew: its CSP nonce and a form's fresh submission
 * key (in attributes and in the router's data alike).
 */
function withoutNonce(html: string): string {
  let out = html
  for (const pattern of [/nonce="([^"]+)"/, /name="submission_key" value="([^"]+)"/]) {
    const value = pattern.exec(out)?.[1]
    if (value) out = out.replaceAll(value, '')
  }
  return out
}

/** Everything of a person's that a stranger must not change. */
async function holdings(email: string) {
  const db = server.db
  const person = await db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
  const invitations = await db
    .selectFrom('invitations')
    .selectAll()
    .where('person_id', '=', person.id)
    .orderBy('id')
    .execute()
  const registrations = await db
    .selectFrom('registrations')
    .selectAll()
    .where('person_id', '=', person.id)
    .orderBy('id')
    .execute()
  const seats = await db
    .selectFrom('registration_sessions as rs')
    .innerJoin('registrations as r', 'r.id', 'rs.registration_id')
    .selectAll('rs')
    .where('r.person_id', '=', person.id)
    .execute()
  const sessions = await db
    .selectFrom('delegate_sessions as d')
    .innerJoin('invitations as i', 'i.id', 'd.invitation_id')
    .select('d.id')
    .where('i.person_id', '=', person.id)
    .execute()
  return { person, invitations, registrations, seats, sessions: sessions.length }
}

/** What a browser sees of an answer: status, where it goes, the cookies it sets, its body. */
async function outside(response: Response) {
  return {
    status: response.status,
    location: response.headers.get('Location'),
    cookies: response.headers.getSetCookie().map((c) => c.split('=')[0]),
    body: await response.text(),
  }
}

describe('a stranger registering with someone else’s email on an open event', () => {
  it('gets no session, no ticket and no VIP seat for an invited VIP, whose invitation, link and record stay as they were', async () => {
    const before = await holdings(vip.email)
    const stranger = new TestClient(server.origin)
    // The VIP dinner is refused as it is to anyone on the open form, whatever the address.
    const dinner = await outside(await post(stranger, registrationForm(vip.email, [vipDinner(), forum()])))
    const anyone = await outside(
      await post(new TestClient(server.origin), registrationForm('someone-new@example.test', [vipDinner(), forum()])),
    )
    expect(dinner.status).toBe(400)
    expect(withoutNonce(dinner.body)).toBe(withoutNonce(anyone.body.replaceAll('someone-new@example.test', vip.email)))
    const answer = await post(stranger, registrationForm(vip.email, [forum()]))
    expect(answer.status).toBe(303)
    expect(stranger.cookies.has('signet_delegate')).toBe(false)
    const portal = await stranger.get(`/e/${event.slug}/me`)
    expect(portal.status).not.toBe(200)
    expect(await holdings(vip.email)).toEqual(before)
    const dinnerSeats = await server.db
      .selectFrom('registration_sessions')
      .select('registration_id')
      .where('session_id', '=', vipDinner())
      .execute()
    expect(dinnerSeats).toEqual([])
    // The VIP's own link still opens.
    await ownLink(vip.token)
  })

  it('gets no session and no VIP seat for a VIP of the directory who was never invited', async () => {
    const before = await holdings(DIRECTORY_VIP)
    const stranger = new TestClient(server.origin)
    await post(stranger, registrationForm(DIRECTORY_VIP, [forum()]))
    expect(stranger.cookies.has('signet_delegate')).toBe(false)
    const after = await holdings(DIRECTORY_VIP)
    expect(after.person).toEqual(before.person)
    expect(after.registrations).toEqual([])
    expect(after.seats).toEqual([])
    expect(after.sessions).toBe(0)
  })

  it('leaves an invited delegate’s own link working, and they register with it afterwards', async () => {
    const before = await holdings(invited.email)
    const stranger = new TestClient(server.origin)
    await post(stranger, registrationForm(invited.email, [forum()]))
    expect(stranger.cookies.has('signet_delegate')).toBe(false)
    expect(await holdings(invited.email)).toEqual(before)
    const own = await ownLink(invited.token)
    const saved = await post(own.client, registrationForm(invited.email, [forum()], { submission_key: own.key }))
    expect(saved.headers.get('Location')).toBe(`/e/${event.slug}/me?saved=registered`)
  })

  it('is answered exactly as a new email is: same status, page, cookies and body, registered or not', async () => {
    const answers = []
    for (const email of ['nobody-new@example.test', registered.email, fresh.email]) {
      const client = new TestClient(server.origin)
      const answer = await outside(await post(client, registrationForm(email, [forum()])))
      const page = await client.get(answer.location ?? '/')
      answers.push({
        ...answer,
        page: { status: page.status, body: withoutNonce(await page.text()) },
      })
    }
    expect(answers[0]?.status).toBe(303)
    expect(answers[0]?.cookies).toEqual([])
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    // A new email is registered; the known ones are not touched (one registration, the first).
    const rows = await server.db
      .selectFrom('registrations')
      .select('email')
      .where('email', 'in', ['nobody-new@example.test', registered.email, fresh.email])
      .orderBy('email')
      .execute()
    expect(rows.map((r) => r.email)).toEqual([registered.email, 'nobody-new@example.test'])
  })

  it('mails the mailbox’s owner, in their language, a message with their own link', async () => {
    const config = { appUrl: new URL(server.origin), sessionSecret: TEST_SECRET }
    for (const [who, language] of [
      [invited, 'zh'],
      [vip, 'en'],
    ] as const) {
      const mails = await server.db
        .selectFrom('outbox')
        .selectAll()
        .where('recipient', '=', who.email)
        .where('kind', '=', 'access_link')
        .execute()
      expect(mails).toHaveLength(1)
      const mail = mails[0]
      if (!mail) throw new Error('no mail')
      expect(mail.language).toBe(language)
      const rendered = await renderMail(server.db, config, mail)
      if (!rendered.ok) throw new Error(rendered.reason)
      expect(rendered.text).toContain(`/i/${who.token}`)
    }
    // The directory's VIP gets a link of their own, to an invitation nobody else holds.
    const [directory] = await server.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', DIRECTORY_VIP)
      .execute()
    if (!directory) throw new Error('no mail to the directory’s VIP')
    expect(directory.language).toBe('ja')
    const rendered = await renderMail(server.db, config, directory)
    expect(rendered.ok && /\/i\/[\w-]{43}/.test(rendered.text)).toBe(true)
  })
})

describe('the open form’s mail', () => {
  it('on an approval event, tells a new address its registration awaits approval, with its link', async () => {
    const approval = await makeEvent(server.db, {
      slug: 'approval-takeover',
      mode: 'approval',
      sessions: [{ title: 'Forum', start: '2030-05-21T09:00', end: '2030-05-21T11:00', capacity: 50 }],
    })
    const client = new TestClient(server.origin)
    const answer = await client.request(`/e/${approval.slug}/register`, {
      method: 'POST',
      body: registrationForm('waiting@example.test', approval.sessionIds),
    })
    expect(answer.headers.get('Location')).toBe(`/e/${approval.slug}/register?sent=1`)
    expect(client.cookies.has('signet_delegate')).toBe(false)
    const registration = await server.db
      .selectFrom('registrations')
      .select(['status', 'invitation_id'])
      .where('email', '=', 'waiting@example.test')
      .executeTakeFirstOrThrow()
    expect(registration.status).toBe('pending')
    const mail = await server.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'waiting@example.test')
      .executeTakeFirstOrThrow()
    expect([mail.kind, mail.language, mail.invitation_id]).toEqual(['access_link', 'ja', registration.invitation_id])
    const rendered = await renderMail(server.db, { appUrl: new URL(server.origin), sessionSecret: TEST_SECRET }, mail)
    if (!rendered.ok) throw new Error(rendered.reason)
    expect(rendered.subject).toContain('ご登録を受け付けました')
    const link = /\/i\/([\w-]{43})/.exec(rendered.text)?.[1] ?? ''
    const owner = new TestClient(server.origin)
    expect((await owner.request(`/i/${link}`, { method: 'POST' })).status).toBe(303)
    expect((await owner.get(`/e/${approval.slug}/me`)).status).toBe(200)
  })

  it('does not renew a link the organizers revoked: the mail is queued but cannot be sent', async () => {
    const [revoked] = (await makeInvitees(server.db, event, 1, { prefix: 'revoked' })) as [Invitee]
    await server.db
      .updateTable('invitations')
      .set({ token_nonce: null, token_hash: null })
      .where('id', '=', revoked.invitationId)
      .execute()
    const before = await holdings(revoked.email)
    await post(new TestClient(server.origin), registrationForm(revoked.email, [forum()]))
    expect(await holdings(revoked.email)).toEqual(before)
    const mail = await server.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', revoked.email)
      .where('kind', '=', 'access_link')
      .executeTakeFirstOrThrow()
    const rendered = await renderMail(server.db, { appUrl: new URL(server.origin), sessionSecret: TEST_SECRET }, mail)
    expect(rendered).toEqual({ ok: false, reason: 'revoked' })
  })
})

describe('a submission key', () => {
  it('is stored only hashed, and replayed from another browser or delegate opens no session, shows no ticket and repeats nothing', async () => {
    const own = await ownLink(victim.token)
    const saved = await post(own.client, registrationForm(victim.email, [forum()], { submission_key: own.key }))
    expect(saved.headers.get('Location')).toBe(`/e/${event.slug}/me?saved=registered`)
    const row = await server.db
      .selectFrom('registrations')
      .select('submission_key')
      .where('invitation_id', '=', victim.invitationId)
      .executeTakeFirstOrThrow()
    expect(row.submission_key).not.toBeNull()
    expect(row.submission_key).not.toBe(own.key)
    for (const key of [own.key, row.submission_key ?? '']) {
      const attacker = new TestClient(server.origin)
      await post(attacker, registrationForm('attacker@example.test', [], { submission_key: key }))
      expect(attacker.cookies.has('signet_delegate')).toBe(false)
      const portal = await attacker.get(`/e/${event.slug}/me`)
      expect(portal.status).not.toBe(200)
    }
    // Another delegate sending the victim's key is not answered with the victim's registration:
    // it is their own first submission, and registers them.
    const [other] = (await makeInvitees(server.db, event, 1, { prefix: 'other' })) as [Invitee]
    const theirs = await ownLink(other.token)
    const sent = await post(theirs.client, registrationForm(other.email, [forum()], { submission_key: own.key }))
    expect(sent.headers.get('Location')).toBe(`/e/${event.slug}/me?saved=registered`)
    const registrations = await server.db
      .selectFrom('registrations')
      .select('invitation_id')
      .where('invitation_id', 'in', [victim.invitationId, other.invitationId])
      .orderBy('created_at')
      .execute()
    expect(registrations).toHaveLength(2)
  })

  it('still makes a double submit of the open form register once', async () => {
    const client = new TestClient(server.origin)
    const form = registrationForm('twice@example.test', [forum()], { submission_key: 'double-submit-key-0123456789' })
    const first = await outside(await post(client, form))
    const second = await outside(await post(client, form))
    expect(second).toEqual(first)
    const rows = await server.db
      .selectFrom('registrations')
      .select('id')
      .where('email', '=', 'twice@example.test')
      .execute()
    expect(rows).toHaveLength(1)
    const mails = await server.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', '=', 'twice@example.test')
      .execute()
    expect(mails).toHaveLength(1)
  })
})
