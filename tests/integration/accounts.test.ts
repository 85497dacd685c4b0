/**
 * Teams and access (issue 15), through the real HTTP layer on SQLite and PostgreSQL: the
 * last-admin and last-organizer rules, invitations and resets by one-time link (single use,
 * expiry), a reset ending every session, the same answer for known and unknown emails, door
 * staff landing on the scanner, and viewers who may read but never write.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { renderMail } from '../../app/server/mails.server'
import { setAccountAdmin } from '../../app/users/accounts.server'
import { changeTeamMember } from '../../app/users/team.server'
import type { MailKind } from '../../db/schema'
import { makeUser, PASSWORD, signedIn } from '../helpers/fixtures'
import { makeEvent, TEST_SECRET } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let clock = new Date('2026-12-03T02:00:00.000Z')
const tick = (ms = 1000) => {
  clock = new Date(clock.getTime() + ms)
}
const NEW_PASSWORD = 'harbour lanterns at dusk 7'

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock })
  await makeEvent(server.db, {
    slug: 'team-event',
    sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
  })
  await makeUser(server.db, 'root@example.org', { admin: true })
  await makeUser(server.db, 'lead@example.org', { role: { eventSlug: 'team-event', role: 'organizer' } })
})
afterAll(async () => {
  await server?.close()
})
// Each test starts a minute after the last: the sign-ins of one test never count against the
// next test's (30 a minute per address), whatever the order.
beforeEach(() => tick(61_000))

async function userRow(email: string) {
  return server.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
}

/** The token in the newest mail of this kind to this address that can still be sent. */
async function linkIn(email: string, kind: MailKind): Promise<string> {
  const rows = await server.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', email)
    .where('kind', '=', kind)
    .execute()
  for (const row of rows) {
    const mail = await renderMail(server.db, { appUrl: new URL(server.origin), sessionSecret: TEST_SECRET }, row, {
      now: clock,
    })
    const token = mail.ok ? /\/password\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] : undefined
    if (token) return token
  }
  throw new Error(`no live ${kind} link for ${email}`)
}

async function teamOf(slug: string) {
  return server.db
    .selectFrom('event_members as m')
    .innerJoin('events as e', 'e.id', 'm.event_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.email', 'm.role'])
    .where('e.slug', '=', slug)
    .orderBy('u.email')
    .execute()
}

describe('the last active admin', () => {
  it('cannot lose admin rights or be disabled, with a clear message, and nothing changes', async () => {
    const root = await signedIn(server.origin, 'root@example.org')
    const rootId = (await userRow('root@example.org')).id
    const revoke = await root.post('/admin/users?lng=en', { intent: 'admin_revoke', user_id: rootId })
    expect(revoke.status).toBe(409)
    expect(await revoke.text()).toContain('Signet always keeps at least one active admin')
    expect((await userRow('root@example.org')).is_admin).toBe(1)
    const disable = await root.post('/admin/users?lng=zh', { intent: 'disable', user_id: rootId })
    expect(disable.status).toBe(409)
    expect(await disable.text()).toContain('您不能停用自己的账号')
    expect((await userRow('root@example.org')).disabled_at).toBeNull()
  })

  it('may step down once another admin is active, but an invited admin without a password does not count', async () => {
    await makeUser(server.db, 'second@example.org')
    const root = await signedIn(server.origin, 'root@example.org')
    const pending = await root.post('/admin/users?lng=en', {
      intent: 'invite',
      email: 'pending-admin@example.org',
      name: 'Pending Admin',
      language: 'en',
      is_admin: 'on',
    })
    expect(pending.status).toBe(200)
    const rootId = (await userRow('root@example.org')).id
    const stillLast = await root.post('/admin/users?lng=en', { intent: 'admin_revoke', user_id: rootId })
    expect(stillLast.status).toBe(409)

    const second = (await userRow('second@example.org')).id
    expect((await root.post('/admin/users', { intent: 'admin_grant', user_id: second })).status).toBe(200)
    expect((await root.post('/admin/users', { intent: 'admin_revoke', user_id: rootId })).status).toBe(200)
    expect((await userRow('root@example.org')).is_admin).toBe(0)
    const actions = await server.db.selectFrom('audit_log').select('action').where('entity_id', '=', rootId).execute()
    expect(actions.map((a) => a.action)).toContain('user.admin_revoke')

    // and back, for the tests that follow
    const secondAdmin = await signedIn(server.origin, 'second@example.org')
    expect((await secondAdmin.post('/admin/users', { intent: 'admin_grant', user_id: rootId })).status).toBe(200)
  })

  it('lets only one of two admins who demote each other at the same moment succeed', async () => {
    const a = await makeUser(server.db, 'twin-a@example.org', { admin: true })
    const b = await makeUser(server.db, 'twin-b@example.org', { admin: true })
    // Only the twins are admins for this race: the others step aside for it and come back after.
    const others = await server.db
      .selectFrom('users')
      .select('id')
      .where('is_admin', '=', 1)
      .where('id', 'not in', [a, b])
      .execute()
    const ids = others.map((o) => o.id)
    await server.db.updateTable('users').set({ is_admin: 0 }).where('id', 'in', ids).execute()
    try {
      const results = await Promise.all([
        setAccountAdmin(server.db, { userId: a }, b, false, clock),
        setAccountAdmin(server.db, { userId: b }, a, false, clock),
      ])
      expect(results.map((r) => (r.ok ? 'ok' : r.reason)).sort()).toEqual(['last_admin', 'ok'])
      const left = await server.db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', [a, b])
        .where('is_admin', '=', 1)
        .execute()
      expect(left).toHaveLength(1)
    } finally {
      await server.db.updateTable('users').set({ is_admin: 1 }).where('id', 'in', ids).execute()
    }
  })

  it('disabling an account ends every one of its sessions at once', async () => {
    await makeUser(server.db, 'leaver@example.org')
    const phone = await signedIn(server.origin, 'leaver@example.org')
    const laptop = await signedIn(server.origin, 'leaver@example.org')
    const root = await signedIn(server.origin, 'root@example.org')
    const id = (await userRow('leaver@example.org')).id
    const answer = await root.post('/admin/users?lng=en', { intent: 'disable', user_id: id })
    expect(answer.status).toBe(200)
    expect(await answer.text()).toContain('2 session(s) were ended')
    for (const client of [phone, laptop]) {
      const page = await client.get('/account')
      expect(page.status).toBe(302)
      expect(page.headers.get('Location')).toMatch(/^\/login\?/)
    }
    expect((await root.post('/admin/users', { intent: 'enable', user_id: id })).status).toBe(200)
    expect((await userRow('leaver@example.org')).disabled_at).toBeNull()
  })

  it('is for admins only: an organizer gets 403, a visitor is sent to sign in', async () => {
    const lead = await signedIn(server.origin, 'lead@example.org')
    expect((await lead.get('/admin/users')).status).toBe(403)
    const post = await lead.post('/admin/users', {
      intent: 'invite',
      email: 'x@example.org',
      name: 'X',
      language: 'en',
    })
    expect(post.status).toBe(403)
    expect((await new TestClient(server.origin).get('/admin/users')).status).toBe(302)
    expect(await server.db.selectFrom('users').select('id').where('email', '=', 'x@example.org').execute()).toEqual([])
  })
})

describe('an invitation to an account', () => {
  it('sets the password once from the link in the mail, and then the account signs in', async () => {
    const root = await signedIn(server.origin, 'root@example.org')
    const invited = await root.post('/admin/users?lng=en', {
      intent: 'invite',
      email: 'Colleague@Example.org',
      name: '王芳',
      language: 'zh',
    })
    expect(invited.status).toBe(200)
    expect(await invited.text()).toContain('An invitation was sent to Colleague@Example.org')
    const user = await userRow('colleague@example.org')
    expect(user.activated_at).toBeNull()
    expect(user.password_hash).toBe('')
    const mail = await server.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'colleague@example.org')
      .executeTakeFirstOrThrow()
    expect([mail.kind, mail.language]).toEqual(['account_invite', 'zh'])
    // No token in the outbox row, and only a hash of it in account_tokens.
    const token = await linkIn('colleague@example.org', 'account_invite')
    expect(JSON.stringify(mail)).not.toContain(token)
    const stored = await server.db.selectFrom('account_tokens').selectAll().where('user_id', '=', user.id).execute()
    expect(JSON.stringify(stored)).not.toContain(token)

    // The Outbox shows the mail, but never the link: no admin holds a colleague's password.
    for (const path of [`/outbox/${mail.id}`, `/outbox/${mail.id}/html`]) {
      const shown = await root.get(path)
      const html = await shown.text()
      expect(shown.status, path).toBe(200)
      expect(html, path).toContain('/password/')
      expect(html, path).not.toContain(token)
    }

    // Before the password is set, no password signs in.
    const early = await new TestClient(server.origin).post('/login', {
      email: 'colleague@example.org',
      password: 'anything at all 123',
    })
    expect(early.status).toBe(401)

    const visitor = new TestClient(server.origin)
    const form = await visitor.get(`/password/${token}?lng=zh`)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('设置密码')

    const weak = await visitor.post(`/password/${token}?lng=en`, { password: 'password1234', confirm: 'password1234' })
    expect(weak.status).toBe(400)
    expect(await weak.text()).toContain('This password is too common')
    const mismatch = await visitor.post(`/password/${token}?lng=ja`, { password: NEW_PASSWORD, confirm: 'other' })
    expect(mismatch.status).toBe(400)
    expect(await mismatch.text()).toContain('2 つのパスワードが一致しません')
    expect((await userRow('colleague@example.org')).activated_at).toBeNull()

    tick()
    const set = await visitor.post(`/password/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })
    expect(set.status).toBe(302)
    expect(set.headers.get('Location')).toMatch(/^\/login\?reason=password_set/)
    expect((await userRow('colleague@example.org')).activated_at).toBe(clock.toISOString())

    const again = await new TestClient(server.origin).post(`/password/${token}?lng=en`, {
      password: 'someone else entirely 99',
      confirm: 'someone else entirely 99',
    })
    expect(again.status).toBe(410)
    expect(await again.text()).toContain('This link has already been used')
    expect((await new TestClient(server.origin).get(`/password/${token}`)).status).toBe(410)

    await signedIn(server.origin, 'colleague@example.org', NEW_PASSWORD)
    const audit = await server.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.invite', 'user.activate']))
  })

  it('expires after 7 days, and sending it again makes the older link stop working', async () => {
    const root = await signedIn(server.origin, 'root@example.org')
    await root.post('/admin/users', { intent: 'invite', email: 'late@example.org', name: 'Late', language: 'en' })
    const first = await linkIn('late@example.org', 'account_invite')
    const id = (await userRow('late@example.org')).id
    tick()
    expect((await root.post('/admin/users', { intent: 'resend', user_id: id })).status).toBe(200)
    const second = await linkIn('late@example.org', 'account_invite')
    expect(second).not.toBe(first)
    expect((await new TestClient(server.origin).get(`/password/${first}`)).status).toBe(410)
    expect((await new TestClient(server.origin).get(`/password/${second}`)).status).toBe(200)

    const start = clock
    clock = new Date(start.getTime() + 7 * 24 * 60 * 60_000 + 1000)
    try {
      const expired = await new TestClient(server.origin).post(`/password/${second}?lng=en`, {
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      })
      expect(expired.status).toBe(410)
      expect(await expired.text()).toContain('This link has expired')
      expect((await userRow('late@example.org')).activated_at).toBeNull()
    } finally {
      clock = start
    }
  })

  it('refuses a malformed email, a foreign language and an account that already works, and changes nothing', async () => {
    const root = await signedIn(server.origin, 'root@example.org')
    const before = await server.db.selectFrom('users').select('id').execute()
    const bad = await root.post('/admin/users?lng=en', {
      intent: 'invite',
      email: 'no-at-sign',
      name: '',
      language: 'fr',
    })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('id="email-error"')
    expect(html).toContain('id="name-error"')
    expect(html).toContain('id="language-error"')
    const taken = await root.post('/admin/users?lng=en', {
      intent: 'invite',
      email: 'lead@example.org',
      name: 'Lead',
      language: 'en',
    })
    expect(taken.status).toBe(409)
    expect(await taken.text()).toContain('This email already has an account')
    const crossSite = await root.post(
      '/admin/users',
      { intent: 'invite', email: 'csrf@example.org', name: 'C', language: 'en' },
      { origin: 'https://evil.example' },
    )
    expect(crossSite.status).toBe(403)
    expect(await server.db.selectFrom('users').select('id').execute()).toHaveLength(before.length)
  })
})

describe('a forgotten password', () => {
  it('gives the same answer for a known and an unknown email, and mails only the known one', async () => {
    const client = new TestClient(server.origin)
    const known = await client.post('/forgot-password?lng=en', { email: 'lead@example.org' })
    const unknown = await client.post('/forgot-password?lng=en', { email: 'nobody@example.org' })
    expect(known.status).toBe(unknown.status)
    const strip = (html: string, email: string) =>
      html.replaceAll(email, 'EMAIL').replace(/[A-Za-z0-9+/]{22}==/g, 'NONCE')
    const [a, b] = [strip(await known.text(), 'lead@example.org'), strip(await unknown.text(), 'nobody@example.org')]
    expect(a).toBe(b)
    const mails = await server.db
      .selectFrom('outbox')
      .select('recipient')
      .where('kind', '=', 'password_reset')
      .execute()
    expect(mails.map((m) => m.recipient)).toEqual(['lead@example.org'])
  })

  it('resets once within the hour, and the reset ends every session of the account', async () => {
    await makeUser(server.db, 'forgetful@example.org')
    const stolen = await signedIn(server.origin, 'forgetful@example.org')
    expect((await stolen.get('/account')).status).toBe(200)
    await new TestClient(server.origin).post('/forgot-password', { email: 'forgetful@example.org' })
    const token = await linkIn('forgetful@example.org', 'password_reset')
    tick()
    const reset = await new TestClient(server.origin).post(`/password/${token}`, {
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    })
    expect(reset.status).toBe(302)
    expect(reset.headers.get('Location')).toMatch(/^\/login\?reason=password_reset/)
    const after = await stolen.get('/account')
    expect(after.status).toBe(302)
    expect(after.headers.get('Location')).toMatch(/^\/login\?/)
    const old = await new TestClient(server.origin).post('/login', {
      email: 'forgetful@example.org',
      password: PASSWORD,
    })
    expect(old.status).toBe(401)
    await signedIn(server.origin, 'forgetful@example.org', NEW_PASSWORD)
    expect((await new TestClient(server.origin).get(`/password/${token}`)).status).toBe(410)
  })

  it('expires after one hour', async () => {
    await makeUser(server.db, 'slow@example.org')
    await new TestClient(server.origin).post('/forgot-password', { email: 'slow@example.org' })
    const token = await linkIn('slow@example.org', 'password_reset')
    const start = clock
    clock = new Date(start.getTime() + 60 * 60_000 + 1000)
    try {
      const page = await new TestClient(server.origin).get(`/password/${token}?lng=en`)
      expect(page.status).toBe(410)
      expect(await page.text()).toContain('This link has expired')
    } finally {
      clock = start
    }
  })

  it('is limited per email, known or not, with the same answer', async () => {
    const answers: number[] = []
    for (const email of ['lead@example.org', 'ghost@example.org']) {
      for (let i = 0; i < 6; i++) {
        const client = new TestClient(server.origin)
        const response = await client.post('/forgot-password?lng=en', { email })
        answers.push(response.status)
        await response.body?.cancel()
      }
    }
    // lead@ asked once already above, so its fifth here is its sixth; ghost@ has never asked.
    expect(answers.slice(0, 6)).toEqual([200, 200, 200, 200, 429, 429])
    expect(answers.slice(6, 11)).toEqual([200, 200, 200, 200, 200])
    expect(answers[11]).toBe(429)
  })

  it('names the field when the email is malformed', async () => {
    const response = await new TestClient(server.origin).post('/forgot-password?lng=ja', { email: 'not an email' })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('有効なメールアドレスを入力してください')
  })
})

describe('an event team', () => {
  it('keeps at least one organizer', async () => {
    const lead = await signedIn(server.origin, 'lead@example.org')
    const leadId = (await userRow('lead@example.org')).id
    const alone = await lead.post('/events/team-event/team?lng=en', { intent: 'remove', user_id: leadId })
    expect(alone.status).toBe(409)
    expect(await alone.text()).toContain('An event always keeps at least one organizer')
    const demote = await lead.post('/events/team-event/team?lng=zh', {
      intent: 'role',
      user_id: leadId,
      role: 'viewer',
    })
    expect(demote.status).toBe(409)
    expect(await demote.text()).toContain('每个活动至少要保留一名组织者')
    expect(await teamOf('team-event')).toEqual([{ email: 'lead@example.org', role: 'organizer' }])
  })

  it('lets only one of two organizers who step down at the same moment do so', async () => {
    await makeEvent(server.db, { slug: 'race-event', sessions: [] })
    const a = await makeUser(server.db, 'race-a@example.org', { role: { eventSlug: 'race-event', role: 'organizer' } })
    const b = await makeUser(server.db, 'race-b@example.org', { role: { eventSlug: 'race-event', role: 'organizer' } })
    const event = await server.db
      .selectFrom('events')
      .select('id')
      .where('slug', '=', 'race-event')
      .executeTakeFirstOrThrow()
    const results = await Promise.all([
      changeTeamMember(server.db, { userId: a }, event.id, a, null, clock),
      changeTeamMember(server.db, { userId: b }, event.id, b, 'viewer', clock),
    ])
    expect(results.map((r) => (r.ok ? 'ok' : r.reason)).sort()).toEqual(['last_organizer', 'ok'])
    const organizers = (await teamOf('race-event')).filter((m) => m.role === 'organizer')
    expect(organizers).toHaveLength(1)
  })

  it('adds a known account at once and invites an unknown email with its role', async () => {
    const lead = await signedIn(server.origin, 'lead@example.org')
    const known = await lead.post('/events/team-event/team?lng=en', {
      intent: 'add',
      email: 'second@example.org',
      role: 'organizer',
      language: 'en',
    })
    const knownHtml = await known.text()
    expect(known.status).toBe(200)
    expect(knownHtml).toContain('second@example.org was added as Organizer')
    const unknown = await lead.post('/events/team-event/team?lng=en', {
      intent: 'add',
      email: 'door@example.org',
      role: 'checkin',
      name: '',
      language: 'ja',
    })
    expect(unknown.status).toBe(200)
    expect(await unknown.text()).toContain('an invitation to set a password was sent')
    const mail = await server.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'door@example.org')
      .executeTakeFirstOrThrow()
    expect([mail.kind, mail.language, mail.event_id === null]).toEqual(['account_invite', 'ja', false])
    const rendered = await renderMail(server.db, { appUrl: new URL(server.origin), sessionSecret: TEST_SECRET }, mail, {
      now: clock,
    })
    expect(rendered.ok && rendered.text).toContain('受付スタッフ')
    expect(await teamOf('team-event')).toEqual([
      { email: 'door@example.org', role: 'checkin' },
      { email: 'lead@example.org', role: 'organizer' },
      { email: 'second@example.org', role: 'organizer' },
    ])

    // Now that a second organizer is there, the first may step down.
    const leadId = (await userRow('lead@example.org')).id
    // Stepping down, they leave the team page for the event's.
    const down = await lead.post('/events/team-event/team', { intent: 'role', user_id: leadId, role: 'viewer' })
    expect([down.status, down.headers.get('Location')]).toEqual([302, '/events/team-event'])
    const second = await signedIn(server.origin, 'second@example.org')
    const back = await second.post('/events/team-event/team', { intent: 'role', user_id: leadId, role: 'organizer' })
    expect(back.status).toBe(200)
  })

  it('refuses a role that does not exist, a member twice and a cross-site post, and changes nothing', async () => {
    const lead = await signedIn(server.origin, 'lead@example.org')
    const before = await teamOf('team-event')
    const bogus = await lead.post('/events/team-event/team?lng=en', {
      intent: 'add',
      email: 'someone@example.org',
      role: 'owner',
      language: 'en',
    })
    expect(bogus.status).toBe(400)
    expect(await bogus.text()).toContain('id="role-error"')
    const twice = await lead.post('/events/team-event/team?lng=en', {
      intent: 'add',
      email: 'second@example.org',
      role: 'viewer',
      language: 'en',
    })
    expect(twice.status).toBe(409)
    expect(await twice.text()).toContain('already on the team as Organizer')
    const crossSite = await lead.post(
      '/events/team-event/team',
      { intent: 'add', email: 'csrf@example.org', role: 'organizer', language: 'en' },
      { origin: 'https://evil.example' },
    )
    expect(crossSite.status).toBe(403)
    expect(await teamOf('team-event')).toEqual(before)
  })

  it('shows what each role may do from the table the code checks', async () => {
    const lead = await signedIn(server.origin, 'lead@example.org')
    const html = await (await lead.get('/events/team-event/team?lng=en')).text()
    expect(html).toContain('Scan tickets at the doors with the scanner')
    expect(html).toMatch(/data-capability="checkin.scan"/)
  })
})

describe('roles at sign-in and after', () => {
  it('lands door staff on the scanner of their event', async () => {
    await makeUser(server.db, 'scanner@example.org', { role: { eventSlug: 'team-event', role: 'checkin' } })
    const response = await new TestClient(server.origin).post('/login', {
      email: 'scanner@example.org',
      password: PASSWORD,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/scan?event=team-event')
    const organizer = await new TestClient(server.origin).post('/login', {
      email: 'lead@example.org',
      password: PASSWORD,
    })
    expect(organizer.headers.get('Location')).toBe('/events')
  })

  it('lets a viewer read attendance and refuses every write', async () => {
    await makeUser(server.db, 'watcher@example.org', { role: { eventSlug: 'team-event', role: 'viewer' } })
    const viewer = await signedIn(server.origin, 'watcher@example.org')
    expect((await viewer.get('/events/team-event/attendance')).status).toBe(200)
    expect((await viewer.get('/events/team-event')).status).toBe(200)
    for (const [path, form] of [
      ['/events/team-event', { intent: 'publish' }],
      ['/events/team-event/team', { intent: 'add', email: 'v@example.org', role: 'viewer', language: 'en' }],
      ['/events/team-event/devices', { intent: 'create', name: 'Door' }],
      ['/events/team-event/invitations/new', { intent: 'invite' }],
    ] as const) {
      const response = await viewer.post(path, form)
      await response.body?.cancel()
      expect(`${path} → ${response.status}`).toBe(`${path} → 403`)
    }
    expect((await viewer.get('/events/team-event/team')).status).toBe(403)
  })
})

describe('one’s own account', () => {
  it('changes the password only with the current one, ending the other sessions but not this one', async () => {
    await makeUser(server.db, 'self@example.org')
    const other = await signedIn(server.origin, 'self@example.org')
    const here = await signedIn(server.origin, 'self@example.org')
    const wrong = await here.post('/account?lng=en', {
      intent: 'password',
      current: 'not my password',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('The current password is not correct')
    const weak = await here.post('/account?lng=en', {
      intent: 'password',
      current: PASSWORD,
      password: 'self@example.org',
      confirm: 'self@example.org',
    })
    expect(weak.status).toBe(400)
    expect(await weak.text()).toContain('Do not build the password from your email')
    const changed = await here.post('/account?lng=en', {
      intent: 'password',
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    })
    expect(changed.status).toBe(200)
    expect(await changed.text()).toContain('1 other session(s) were ended')
    expect((await here.get('/account')).status).toBe(200)
    expect((await other.get('/account')).status).toBe(302)
  })

  it('stops guessing the current password after 10 tries an hour, even the right one', async () => {
    await makeUser(server.db, 'guessed@example.org')
    const thief = await signedIn(server.origin, 'guessed@example.org')
    for (let i = 0; i < 10; i++) {
      const wrong = await thief.post('/account?lng=en', {
        intent: 'password',
        current: `guess number ${i}`,
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      })
      expect(wrong.status).toBe(400)
      await wrong.body?.cancel()
    }
    const right = await thief.post('/account?lng=en', {
      intent: 'password',
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    })
    expect(right.status).toBe(400)
    expect(await right.text()).toContain('Too many attempts. Try again in 60 minute(s).')
    // Nothing changed: the old password still signs in.
    await signedIn(server.origin, 'guessed@example.org')
  })

  it('lists its sessions and ends one of them, or all the others', async () => {
    await makeUser(server.db, 'many@example.org')
    const a = await signedIn(server.origin, 'many@example.org')
    const b = await signedIn(server.origin, 'many@example.org')
    const c = await signedIn(server.origin, 'many@example.org')
    const page = await (await a.get('/account?lng=en')).text()
    const handles = [...page.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1])
    expect(handles).toHaveLength(3)
    // The page never carries a stored session id.
    const stored = await server.db.selectFrom('user_sessions').select('id').execute()
    for (const row of stored) expect(page).not.toContain(row.id)
    // The last handle is one of the others (the current one is listed first).
    const ended = await a.post('/account?lng=en', { intent: 'end', session: handles[2] ?? '' })
    expect(await ended.text()).toContain('1 session(s) were ended')
    const alive = [(await b.get('/account')).status, (await c.get('/account')).status].sort()
    expect(alive).toEqual([200, 302])
    await a.post('/account', { intent: 'end_others' })
    expect([(await b.get('/account')).status, (await c.get('/account')).status]).toEqual([302, 302])
    expect((await a.get('/account')).status).toBe(200)
    // Someone else's handle ends nothing.
    const stranger = await signedIn(server.origin, 'lead@example.org')
    const handle = /name="session" value="([^"]+)"/.exec(await (await a.get('/account')).text())?.[1] ?? ''
    const foreign = await stranger.post('/account?lng=en', { intent: 'end', session: handle })
    expect(await foreign.text()).toContain('0 session(s) were ended')
    expect((await a.get('/account')).status).toBe(200)
  })

  it('changes its name and language, and names the field at fault', async () => {
    await makeUser(server.db, 'rename@example.org')
    const client = await signedIn(server.origin, 'rename@example.org')
    const bad = await client.post('/account?lng=en', { intent: 'profile', name: '', language: 'de' })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('id="name-error"')
    expect(html).toContain('id="language-error"')
    const ok = await client.post('/account', { intent: 'profile', name: '佐藤 健一', language: 'ja' })
    expect(ok.status).toBe(200)
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('lng='))).toBe(true)
    const row = await userRow('rename@example.org')
    expect([row.name, row.language]).toEqual(['佐藤 健一', 'ja'])
  })
})
