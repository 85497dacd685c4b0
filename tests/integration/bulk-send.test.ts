/**
 * Bulk sends that confirm (issue 19), over HTTP against the real build, with a real SMTP server:
 * the page says how many and to whom, previews the mail in each recipient language without
 * anyone's personal link, sends a test to the organizer that changes no invitation, confirms
 * once (the same batch key twice queues nothing more), and shows the batch's progress as the
 * worker sends. Who may do it, and bad input. Runs on SQLite and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withPersonSearchText } from '../../app/people/search'
import { invitePeople } from '../../app/registration/invitations.server'
import { startOutboxWorker } from '../../app/server/mails.server'
import { newId, nowIso } from '../../db/ids'
import type { Language } from '../../db/schema'
import { makeUser, signedIn } from '../helpers/fixtures'
import { recipientOf, startSmtpServer, TEST_SECRET, type TestSmtpServer } from '../helpers/mail'
import { makeEvent } from '../helpers/registration'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let smtp: TestSmtpServer
let mailDir: string
let organizer: TestClient
let viewer: TestClient
let outsider: TestClient
const SLUG = 'bulk-a'
let eventId = ''
let otherEventSlug = ''
const people: { id: string; email: string | null; language: Language; latin: string }[] = []

async function addPeople(specs: { latin: string; email: string | null; language: Language }[]): Promise<void> {
  const at = nowIso()
  for (const spec of specs) {
    const person = withPersonSearchText({
      id: newId(),
      key: null,
      organization_id: null,
      family_name: '山田',
      given_name: '太郎',
      latin_name: spec.latin,
      kana: 'やまだ たろう',
      title_zh: null,
      title_en: null,
      title_ja: null,
      email: spec.email,
      phone: null,
      preferred_language: spec.language,
      vip: 0,
      dietary: null,
      created_at: at,
      updated_at: at,
    })
    await server.db.insertInto('people').values(person).execute()
    people.push({ id: person.id, ...spec })
  }
}

const invitationOf = (personId: string) =>
  server.db
    .selectFrom('invitations')
    .select(['id', 'status', 'sent_at'])
    .where('person_id', '=', personId)
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow()

async function drain(): Promise<number> {
  const worker = startOutboxWorker({
    db: server.db,
    config: {
      appUrl: new URL(server.origin),
      sessionSecret: TEST_SECRET,
      smtpUrl: new URL(`smtp://127.0.0.1:${smtp.port}`),
      mailDir,
      mailFrom: 'Signet <no-reply@signet.test>',
    },
    intervalMs: 0,
    log: () => {},
  })
  try {
    return await worker.drain(new Date())
  } finally {
    await worker.stop()
  }
}

/** The hidden batch key of a bulk send page. */
const keyOf = (html: string) => /name="key" value="([^"]+)"/.exec(html)?.[1] ?? ''

beforeAll(async () => {
  server = await startTestServer()
  smtp = await startSmtpServer()
  mailDir = mkdtempSync(join(tmpdir(), 'signet-bulk-'))
  const event = await makeEvent(server.db, { slug: SLUG, sessions: [] })
  eventId = event.id
  otherEventSlug = (await makeEvent(server.db, { slug: 'bulk-b', sessions: [] })).slug
  await makeUser(server.db, 'organizer@example.org', { role: { eventSlug: SLUG, role: 'organizer' } })
  await makeUser(server.db, 'organizer-b@example.org', { role: { eventSlug: 'bulk-b', role: 'organizer' } })
  await makeUser(server.db, 'viewer@example.org', { role: { eventSlug: SLUG, role: 'viewer' } })
  await makeUser(server.db, 'outsider@example.org')
  organizer = await signedIn(server.origin, 'organizer@example.org')
  viewer = await signedIn(server.origin, 'viewer@example.org')
  outsider = await signedIn(server.origin, 'outsider@example.org')
  await addPeople([
    { latin: 'YAMADA Ichiro', email: 'ichiro@example.jp', language: 'ja' },
    { latin: 'YAMADA Jiro', email: 'jiro@example.jp', language: 'ja' },
    { latin: 'YAMADA Saburo', email: 'saburo@example.jp', language: 'ja' },
    { latin: 'SMITH Jane', email: 'jane@example.com', language: 'en' },
    { latin: 'BROWN Joe', email: 'joe@example.com', language: 'en' },
    { latin: 'NOMAIL Li', email: null, language: 'zh' },
    { latin: 'DECLINED Kim', email: 'kim@example.kr', language: 'en' },
  ])
  const row = await server.db
    .selectFrom('events')
    .select(['id', 'ends_on', 'timezone'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow()
  await invitePeople(
    server.db,
    row,
    people.map((p) => ({ personId: p.id })),
    { userId: null },
  )
  const declined = people.find((p) => p.latin === 'DECLINED Kim')
  await server.db
    .updateTable('invitations')
    .set({ status: 'declined' })
    .where('person_id', '=', declined?.id ?? '')
    .execute()
})

afterAll(async () => {
  await smtp?.close()
  await server?.close()
  if (mailDir) rmSync(mailDir, { recursive: true, force: true })
})

describe('a bulk send, before it is confirmed', () => {
  it('says how many get the mail, who is left out and why, and the mail in each language', async () => {
    const response = await organizer.get(`/events/${SLUG}/invitations/send?mode=send&lng=en`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('data-recipients="5"')
    expect(html).toContain('Invitations to send: 5.')
    expect(html).toContain('Chosen from everyone invited to this event (7 listed).')
    expect(html).toContain('Without an email address, so nothing is sent to them: 1.')
    expect(html).toContain('Already sent or answered, and left alone: 1.')
    expect(html).toContain('data-preview="ja"')
    expect(html).toContain('data-preview="en"')
    expect(html).not.toContain('data-preview="zh"')
    expect(html).toContain('Send the invitations (5)')
    expect(keyOf(html)).toMatch(/^[A-Za-z0-9_-]{22}$/)
    // a fresh key for every preview
    expect(keyOf(await (await organizer.get(`/events/${SLUG}/invitations/send?mode=send`)).text())).not.toBe(
      keyOf(html),
    )
    // nothing has happened yet
    expect((await invitationOf(people[0]?.id ?? '')).status).toBe('draft')
    expect(await server.db.selectFrom('outbox').select('id').execute()).toEqual([])
  })

  it('says a draft has no link yet, rather than "no link or revoked"', async () => {
    const html = await (await organizer.get(`/events/${SLUG}/invitations?status=draft&lng=en`)).text()
    expect(html).toContain('No link yet: it is made when the invitation is sent')
    expect(html).not.toContain('Link revoked')
  })

  it('narrows to the list’s filter and says it in words', async () => {
    const html = await (await organizer.get(`/events/${SLUG}/invitations/send?mode=send&q=smith&lng=zh`)).text()
    expect(html).toContain('data-recipients="1"')
    expect(html).toContain('范围：与“smith”匹配的邀请（共 1 条）。')
    expect(html).toContain('发送 1 封邀请函')
  })

  it('previews the mail as a recipient gets it, in a frame only our pages may hold, without a personal link', async () => {
    const page = await (await organizer.get(`/events/${SLUG}/invitations/send?mode=send`)).text()
    const frame = /<iframe[^>]*src="([^"]*\/preview\/ja[^"]*)"/.exec(page)?.[1]?.replaceAll('&amp;', '&') ?? ''
    expect(frame).toMatch(/invitation=/)
    const response = await organizer.get(frame)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const html = await response.text()
    expect(html).toContain('山田')
    expect(html).toContain(`${server.origin}/e/${SLUG}`)
    expect(html).not.toContain('/i/')
    // it names its invitation, so it still shows once that invitation has been sent
    const invitation = new URL(frame, server.origin).searchParams.get('invitation') ?? ''
    await server.db.updateTable('invitations').set({ status: 'sent' }).where('id', '=', invitation).execute()
    expect((await organizer.get(frame)).status).toBe(200)
    await server.db.updateTable('invitations').set({ status: 'draft' }).where('id', '=', invitation).execute()
    // an invitation that is not the event's, no invitation, or no such language: not found
    expect((await organizer.get(`/events/${SLUG}/invitations/send/preview/ja?mode=send&invitation=x`)).status).toBe(404)
    expect((await organizer.get(`/events/${SLUG}/invitations/send/preview/ja?mode=send`)).status).toBe(404)
    expect((await organizer.get(frame.replace('/preview/ja', '/preview/xx'))).status).toBe(404)
  })

  it('sends a test to the organizer in the chosen language that changes no invitation', async () => {
    const page = await (await organizer.get(`/events/${SLUG}/invitations/send?mode=send&lng=en`)).text()
    const sample = /name="language" value="ja"\/><input type="hidden" name="invitation" value="([^"]+)"/.exec(page)?.[1]
    expect(sample).toBeTruthy()
    const response = await organizer.post(`/events/${SLUG}/invitations/send?mode=send&lng=en`, {
      intent: 'test',
      language: 'ja',
      invitation: sample ?? '',
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('A test is on its way to organizer@example.org.')
    expect(await drain()).toBe(1)
    const mail = smtp.received.find((m) => recipientOf(m) === 'organizer@example.org')
    expect(mail?.subject).toContain('ご招待')
    expect(mail?.text).not.toContain('/i/')
    const invitation = await server.db
      .selectFrom('invitations')
      .select(['status', 'sent_at'])
      .where('id', '=', sample ?? '')
      .executeTakeFirstOrThrow()
    expect(invitation).toEqual({ status: 'draft', sent_at: null })
    // an invitation of another event is no sample of this one
    const foreign = await organizer.post(`/events/${SLUG}/invitations/send?mode=send&lng=en`, {
      intent: 'test',
      language: 'ja',
      invitation: 'not-an-invitation',
    })
    expect(foreign.status).toBe(400)
    await server.db.deleteFrom('outbox').execute()
  })

  it('lets only the event’s organizers in, and refuses an unknown mode or a stale key', async () => {
    expect((await viewer.get(`/events/${SLUG}/invitations/send?mode=send`)).status).toBe(403)
    expect((await viewer.post(`/events/${SLUG}/invitations/send?mode=send`, { intent: 'confirm' })).status).toBe(403)
    expect((await outsider.get(`/events/${SLUG}/invitations/send?mode=send`)).status).toBe(404)
    expect((await outsider.get(`/events/${SLUG}/invitations/send/preview/ja?mode=send`)).status).toBe(404)
    expect((await organizer.get(`/events/${SLUG}/invitations/send?mode=everything`)).status).toBe(404)
    const stale = await organizer.post(`/events/${SLUG}/invitations/send?mode=send&lng=zh`, {
      intent: 'confirm',
      key: '<script>',
    })
    expect(stale.status).toBe(400)
    expect(await stale.text()).toContain('此确认已过期，请刷新页面后重新确认。')
    expect(await server.db.selectFrom('outbox').select('id').execute()).toEqual([])
  })
})

describe('a confirmed bulk send', () => {
  let batchPath = ''

  it('queues each mail once, however often the confirmation arrives', async () => {
    const key = keyOf(await (await organizer.get(`/events/${SLUG}/invitations/send?mode=send`)).text())
    const [first, second] = await Promise.all([
      organizer.post(`/events/${SLUG}/invitations/send?mode=send`, { intent: 'confirm', key }),
      organizer.post(`/events/${SLUG}/invitations/send?mode=send`, { intent: 'confirm', key }),
    ])
    expect([first?.status, second?.status]).toEqual([302, 302])
    batchPath = first?.headers.get('location') ?? ''
    expect(batchPath).toBe(`/events/${SLUG}/invitations/batches/${key}`)
    expect(second?.headers.get('location')).toBe(batchPath)
    const again = await organizer.post(`/events/${SLUG}/invitations/send?mode=send`, { intent: 'confirm', key })
    expect(again.headers.get('location')).toBe(batchPath)
    const mails = await server.db.selectFrom('outbox').select(['recipient', 'batch_id']).execute()
    expect(mails).toHaveLength(5)
    expect(new Set(mails.map((m) => m.batch_id))).toEqual(new Set([key]))
    expect((await invitationOf(people[0]?.id ?? '')).status).toBe('queued')
  })

  it('shows its progress: queued at first, then sent once the worker has sent them', async () => {
    const before = await (await organizer.get(`${batchPath}?lng=en`)).text()
    expect(before).toContain('0 of 5 done')
    expect(before).toMatch(/data-count="pending"><dt>Queued<\/dt><dd>5<\/dd>/)
    expect(before).toContain('This page updates itself while mails are queued.')
    expect(await drain()).toBe(5)
    const after = await (await organizer.get(`${batchPath}?lng=en`)).text()
    expect(after).toContain('5 of 5 done')
    expect(after).toMatch(/data-count="sent"><dt>Sent<\/dt><dd>5<\/dd>/)
    expect(after).toContain('Every mail of this send has been handled.')
    expect(new Set(smtp.received.map(recipientOf))).toEqual(
      new Set([
        'organizer@example.org',
        'ichiro@example.jp',
        'jiro@example.jp',
        'saburo@example.jp',
        'jane@example.com',
        'joe@example.com',
      ]),
    )
  })

  it('has nothing left to send after it, and says so', async () => {
    const html = await (await organizer.get(`/events/${SLUG}/invitations/send?mode=send&lng=en`)).text()
    expect(html).toContain('data-recipients="0"')
    expect(html).toContain('Nobody on this list gets this mail: nothing to send.')
    const reminders = await (await organizer.get(`/events/${SLUG}/invitations/send?mode=remind&lng=en`)).text()
    expect(reminders).toContain('Reminders to send: 5.')
  })

  it('is the event’s own: another event’s organizer, or another event’s address, finds nothing', async () => {
    const other = await signedIn(server.origin, 'organizer-b@example.org')
    expect((await other.get(batchPath)).status).toBe(404)
    const key = batchPath.split('/').pop() ?? ''
    expect((await other.get(`/events/${otherEventSlug}/invitations/batches/${key}`)).status).toBe(404)
    expect((await viewer.get(batchPath)).status).toBe(200)
  })
})
