/**
 * The organizers' Outbox over HTTP, against the real build: who sees which messages, filters,
 * the message page, and the rendered mail's own strict headers. Runs on SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueMail } from '../../app/mail/outbox.server'
import { startOutboxWorker } from '../../app/server/mails.server'
import { makeUser, signedIn } from '../helpers/fixtures'
import { type MailFixture, seedMailFixture, TEST_SECRET } from '../helpers/mail'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

const APP_URL = 'https://events.example.org'
const NOW = new Date('2030-05-20T02:00:00.000Z')

let server: TestServer
let mailDir: string
let ours: MailFixture
let theirs: MailFixture
let sentConfirmation: string
let queuedInvitation: string
let otherEventMessage: string
let admin: TestClient
let organizer: TestClient

beforeAll(async () => {
  mailDir = mkdtempSync(join(tmpdir(), 'signet-outbox-'))
  server = await startTestServer({ APP_URL, MAIL_DIR: mailDir })
  ours = await seedMailFixture(server.db, 'ours-2030')
  theirs = await seedMailFixture(server.db, 'theirs-2030')
  ;[sentConfirmation = ''] = await enqueueMail(
    server.db,
    [
      {
        kind: 'confirmation',
        eventId: ours.eventId,
        registrationId: ours.people.ja.registrationId,
        recipient: ours.people.ja.email,
        language: 'ja',
      },
    ],
    NOW,
  )
  const worker = startOutboxWorker({
    db: server.db,
    config: {
      appUrl: new URL(APP_URL),
      sessionSecret: TEST_SECRET,
      smtpUrl: null,
      mailDir,
      mailFrom: 'Signet <x@y.z>',
    },
    intervalMs: 0,
    log: () => {},
  })
  await worker.drain(NOW)
  await worker.stop()
  ;[queuedInvitation = '', otherEventMessage = ''] = await enqueueMail(
    server.db,
    [
      {
        kind: 'invitation',
        eventId: ours.eventId,
        invitationId: ours.people.zh.invitationId,
        recipient: ours.people.zh.email,
        language: 'zh',
      },
      {
        kind: 'invitation',
        eventId: theirs.eventId,
        invitationId: theirs.people.en.invitationId,
        recipient: theirs.people.en.email,
        language: 'en',
      },
    ],
    NOW,
  )
  await makeUser(server.db, 'admin@example.org', { admin: true })
  await makeUser(server.db, 'organizer@example.org', { role: { eventSlug: 'ours-2030', role: 'organizer' } })
  await makeUser(server.db, 'viewer@example.org', { role: { eventSlug: 'ours-2030', role: 'viewer' } })
  admin = await signedIn(server.origin, 'admin@example.org')
  organizer = await signedIn(server.origin, 'organizer@example.org')
})
afterAll(async () => {
  await server?.close()
  if (mailDir) rmSync(mailDir, { recursive: true, force: true })
})

describe('the outbox list', () => {
  it('shows an admin every message, newest first, and where mail goes', async () => {
    const response = await admin.get('/outbox?lng=en')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain(ours.people.ja.email)
    expect(html).toContain(ours.people.zh.email)
    expect(html).toContain(theirs.people.en.email)
    expect(html).toContain('2 queued, 1 sent, 0 failed')
    expect(html).toContain(`written as .eml files to ${mailDir}`)
    expect(html).toContain('ご登録完了：2030 日系企業煙台視察ツアー')
  })

  it('shows an organizer the mail of their own events only', async () => {
    const html = await (await organizer.get('/outbox?lng=zh')).text()
    expect(html).toContain(ours.people.zh.email)
    expect(html).not.toContain(theirs.people.en.email)
    expect(html).toContain('待发送 1 封，已发送 1 封，失败 0 封')
  })

  it('filters by status, kind and event', async () => {
    const queued = await (await admin.get('/outbox?lng=en&status=queued&kind=invitation&event=theirs-2030')).text()
    expect(queued).toContain(theirs.people.en.email)
    expect(queued).not.toContain(ours.people.zh.email)
    const none = await (await admin.get('/outbox?lng=en&status=failed')).text()
    expect(none).toContain('No messages match this filter.')
  })

  it('refuses users who organize no event', async () => {
    const viewer = await signedIn(server.origin, 'viewer@example.org')
    expect((await viewer.get('/outbox')).status).toBe(403)
  })
})

describe('a message', () => {
  it('shows its record and frames the mail rendered now', async () => {
    const response = await organizer.get(`/outbox/${sentConfirmation}?lng=en`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    const html = await response.text()
    expect(html).toContain(`src="/outbox/${sentConfirmation}/html"`)
    expect(html).toContain('sandbox=""')
    expect(html).toContain(`&lt;${sentConfirmation}@signet&gt;`)
    expect(html).toContain(`${sentConfirmation}.eml`)
    expect(html).toContain('ticket.png')
    expect(html).toContain('ours-2030.ics')
  })

  it('serves the mail’s HTML with a strict policy, framable by our pages only, images inlined', async () => {
    const response = await organizer.get(`/outbox/${sentConfirmation}/html`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
    )
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const html = await response.text()
    expect(html).toContain('src="data:image/png;base64,')
    expect(html).not.toContain('cid:')
    expect(html).toContain('佐藤 健一 様')
  })

  it('builds links from APP_URL, not from the address the page was asked on', async () => {
    const html = await (await organizer.get(`/outbox/${queuedInvitation}/html`)).text()
    expect(html).toContain(`href="${APP_URL}/i/${ours.people.zh.token}"`)
    expect(html).not.toContain(server.origin)
  })

  it('looks like nothing to an organizer of another event', async () => {
    expect((await organizer.get(`/outbox/${otherEventMessage}`)).status).toBe(404)
    expect((await organizer.get(`/outbox/${otherEventMessage}/html`)).status).toBe(404)
    expect((await admin.get(`/outbox/${otherEventMessage}/html`)).status).toBe(200)
  })
})
