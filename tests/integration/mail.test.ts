/**
 * The mail system against a real database and a real SMTP server (smtp-server on 127.0.0.1):
 * every kind renders in zh, en and ja; queued mail arrives once; with the server down nothing is
 * lost and, once it is back, everything arrives exactly once; the file transport writes .eml
 * files mailparser can read; permanent refusals and revoked links fail at once. Time is passed
 * in (`now`), never waited for. Runs on SQLite and on PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ICAL from 'ical.js'
import jsQR from 'jsqr'
import { simpleParser } from 'mailparser'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../../app/i18n/i18n'
import { enqueueMail, type MailRequest } from '../../app/mail/outbox.server'
import type { WorkerConfig } from '../../app/mail/worker.server'
import { queueEventReminders } from '../../app/registration/mail-delivery.server'
import { invitationUrl } from '../../app/registration/mail-parts.server'
import { renderMail, startOutboxWorker } from '../../app/server/mails.server'
import type { MailKind } from '../../db/schema'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { type MailFixture, seedMailFixture, startSmtpServer, TEST_SECRET, type TestSmtpServer } from '../helpers/mail'

// The public address differs from anything a request could carry: links must come from APP_URL.
const APP_URL = 'https://events.example.org'
const LANGUAGES: Language[] = ['zh', 'en', 'ja']
const NOW = new Date('2030-05-20T02:00:00.000Z')
const HOUR = 3_600_000

let testDb: TestDatabase
let fixture: MailFixture
let mailDir: string

beforeAll(async () => {
  testDb = await createTestDatabase()
  fixture = await seedMailFixture(testDb.db)
  mailDir = mkdtempSync(join(tmpdir(), 'signet-mail-'))
})
afterAll(async () => {
  await testDb?.destroy()
  if (mailDir) rmSync(mailDir, { recursive: true, force: true })
})

function config(smtpPort: number | null): WorkerConfig {
  return {
    appUrl: new URL(APP_URL),
    sessionSecret: TEST_SECRET,
    smtpUrl: smtpPort === null ? null : new URL(`smtp://127.0.0.1:${smtpPort}`),
    mailDir,
    mailFrom: 'Signet <no-reply@signet.test>',
  }
}

function request(kind: MailKind, lng: Language, data?: Record<string, unknown>): MailRequest {
  const person = fixture.people[lng]
  const byInvitation = kind === 'invitation' || kind === 'reminder'
  return {
    kind,
    eventId: fixture.eventId,
    recipient: person.email,
    language: lng,
    invitationId: byInvitation ? person.invitationId : null,
    registrationId: byInvitation ? null : person.registrationId,
    data,
  }
}

const KINDS: { kind: MailKind; data?: Record<string, unknown> }[] = [
  { kind: 'invitation' },
  { kind: 'reminder' },
  { kind: 'confirmation' },
  { kind: 'changes' },
  { kind: 'waitlist', data: { sessionIds: [], state: 'waitlisted' } },
  { kind: 'waitlist', data: { sessionIds: [], state: 'promoted' } },
  { kind: 'event_reminder' },
  { kind: 'cancellation' },
  { kind: 'cancellation', data: { sessionIds: [] } },
]

function withSessions(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (data && Array.isArray(data.sessionIds)) return { ...data, sessionIds: [fixture.sessionIds.forum] }
  return data
}

/** The outbox rows of `ids`, in that order. */
async function rowsOf(ids: readonly string[]) {
  const rows = await testDb.db.selectFrom('outbox').selectAll().where('id', 'in', ids).execute()
  return ids.flatMap((id) => rows.filter((r) => r.id === id))
}

function messageIdsOf(server: TestSmtpServer): string[] {
  return server.received.map((m) => m.messageId ?? '')
}

describe('rendering', () => {
  it('renders every kind in zh, en and ja with a subject, HTML in that language and a plain-text part', async () => {
    for (const lng of LANGUAGES) {
      for (const { kind, data } of KINDS) {
        const [id = ''] = await enqueueMail(testDb.db, [request(kind, lng, withSessions(data))], NOW)
        const [row] = await rowsOf([id])
        if (!row) throw new Error('no row')
        const result = await renderMail(testDb.db, config(null), row)
        if (!result.ok) throw new Error(`${kind}/${lng}: ${result.reason}`)
        expect(result.subject, `${kind}/${lng}`).toMatch(/\S/)
        expect(result.subject).not.toMatch(/[\r\n]/)
        // Every element that declares a language declares the mail's (react-email's Body says "en" unless told).
        const declared = new Set([...result.html.matchAll(/\slang="([^"]*)"/g)].map((m) => m[1]))
        expect([...declared], `${kind}/${lng}`).toEqual([lng])
        expect(result.html).toMatch(/^<!DOCTYPE html PUBLIC "-\/\/W3C\/\/DTD XHTML 1.0 Transitional\/\/EN"/)
        expect(result.html).not.toMatch(/<!--(\$|\/\$|html|head)-->/)
        expect(result.text.length, `${kind}/${lng}`).toBeGreaterThan(50)
        await testDb.db.deleteFrom('outbox').where('id', '=', id).execute()
      }
    }
  })

  it('writes a Japanese invitation politely, with links built from APP_URL', async () => {
    const [id = ''] = await enqueueMail(testDb.db, [request('invitation', 'ja')], NOW)
    const [row] = await rowsOf([id])
    if (!row) throw new Error('no row')
    const result = await renderMail(testDb.db, config(null), row)
    if (!result.ok) throw new Error(result.reason)
    const token = fixture.people.ja.token
    const link = `${APP_URL}/i/${token}`
    expect(invitationUrl(new URL(APP_URL), token)).toBe(link)
    expect(result.subject).toBe('ご招待：2030 日系企業煙台視察ツアー')
    expect(result.html).toContain(`href="${link}"`)
    expect(result.html).toContain(`href="${link}?next=decline"`)
    expect(result.text).toContain(link)
    expect(result.text).toContain('佐藤 健一 様')
    expect(result.text).toContain('2030年6月12日')
    await testDb.db.deleteFrom('outbox').where('id', '=', id).execute()
  })

  it('lists the programme in the event’s time zone: open sessions, confirmed seats and the waitlist, never a VIP-only session for others', async () => {
    const [id = ''] = await enqueueMail(testDb.db, [request('confirmation', 'en')], NOW)
    const [row] = await rowsOf([id])
    if (!row) throw new Error('no row')
    const result = await renderMail(testDb.db, config(null), row)
    if (!result.ok) throw new Error(result.reason)
    expect(result.text).toContain('Dear Jane SMITH,')
    expect(result.text).toContain('09:00–10:30')
    expect(result.text).toContain('Opening Ceremony')
    expect(result.text).toMatch(/14:00–16:30 · Waitlist\s+Hydrogen Forum/)
    expect(result.text).toContain('Meeting point: Hotel lobby, 08:15')
    expect(result.text).not.toContain('VIP Dinner')
    expect(result.html).toContain('src="cid:ticket@signet"')
    expect(result.text).toContain(fixture.people.en.ticketCode.slice(0, 4))
    const ics = result.attachments.find((a) => a.filename.endsWith('.ics'))
    const calendar = new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? ''))
    // Confirmed only: the opening and the visit, not the waitlisted forum.
    expect(calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary)).toEqual([
      'Opening Ceremony',
      'Site Visit',
    ])
    await testDb.db.deleteFrom('outbox').where('id', '=', id).execute()
  })
})

describe('sending through SMTP', () => {
  let smtp: TestSmtpServer
  beforeAll(async () => {
    smtp = await startSmtpServer()
  })
  afterAll(async () => {
    await smtp?.close()
  })

  it('delivers queued mail once, marks it sent and the invitation sent', async () => {
    const ids = await enqueueMail(
      testDb.db,
      [request('invitation', 'zh'), request('confirmation', 'ja'), request('cancellation', 'en')],
      NOW,
    )
    const worker = startOutboxWorker({ db: testDb.db, config: config(smtp.port), intervalMs: 0, log: () => {} })
    try {
      expect(await worker.drain(NOW)).toBe(3)
      expect(await worker.drain(new Date(NOW.getTime() + 48 * HOUR))).toBe(0)
    } finally {
      await worker.stop()
    }
    const rows = await rowsOf(ids)
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent'])
    expect(rows.every((r) => r.sent_at === NOW.toISOString() && r.attempts === 1 && r.subject)).toBe(true)
    expect(messageIdsOf(smtp).sort()).toEqual(rows.map((r) => r.message_id).sort())

    const invitation = await testDb.db
      .selectFrom('invitations')
      .select(['status', 'sent_at'])
      .where('id', '=', fixture.people.zh.invitationId)
      .executeTakeFirstOrThrow()
    expect(invitation).toEqual({ status: 'sent', sent_at: NOW.toISOString() })

    const invitationMail = smtp.received.find((m) => m.messageId === rows[0]?.message_id)
    expect(invitationMail?.subject).toBe('邀请函：2030 日资企业烟台行')
    expect(invitationMail?.from?.value[0]).toMatchObject({ name: 'Signet', address: 'no-reply@signet.test' })
    expect(invitationMail?.text).toContain(`${APP_URL}/i/${fixture.people.zh.token}`)
    expect(invitationMail?.headers.get('auto-submitted')).toBe('auto-generated')
  })

  it('sends under the event’s sender name with its Reply-To, and every mail says whom to contact', async () => {
    await testDb.db
      .updateTable('events')
      .set({
        sender_name: '烟台市商务局',
        reply_to: 'desk@bureau.example.cn',
        contact_name: '投资促进科 王芳',
        contact_phone: '+86 535 555 0100',
        contact_email: 'wang.fang@bureau.example.cn',
        contact_wechat: 'yantai_desk',
      })
      .where('id', '=', fixture.eventId)
      .execute()
    try {
      const ids = await enqueueMail(testDb.db, [request('invitation', 'zh'), request('invitation', 'ja')], NOW)
      const worker = startOutboxWorker({ db: testDb.db, config: config(smtp.port), intervalMs: 0, log: () => {} })
      try {
        expect(await worker.drain(NOW)).toBe(2)
      } finally {
        await worker.stop()
      }
      const rows = await rowsOf(ids)
      const [zh, ja] = rows.map((r) => smtp.received.find((m) => m.messageId === r.message_id))
      // MAIL_FROM's address, the event's name; replies go to the event's desk
      expect(zh?.from?.value[0]).toMatchObject({ name: '烟台市商务局', address: 'no-reply@signet.test' })
      expect(zh?.replyTo?.value[0]?.address).toBe('desk@bureau.example.cn')
      expect(zh?.text).toContain(
        '如有疑问，请联系主办方：投资促进科 王芳 · 电话 +86 535 555 0100 · 邮箱 wang.fang@bureau.example.cn · 微信 yantai_desk',
      )
      expect(ja?.text).toContain('お問い合わせ先（主催者）：投资促进科 王芳 · 電話 +86 535 555 0100')
      // no Reply-To of its own: the contact email
      await testDb.db.updateTable('events').set({ reply_to: '' }).where('id', '=', fixture.eventId).execute()
      const [id] = await enqueueMail(testDb.db, [request('invitation', 'en')], NOW)
      const again = startOutboxWorker({ db: testDb.db, config: config(smtp.port), intervalMs: 0, log: () => {} })
      try {
        expect(await again.drain(NOW)).toBe(1)
      } finally {
        await again.stop()
      }
      const [row] = await rowsOf([id ?? ''])
      const en = smtp.received.find((m) => m.messageId === row?.message_id)
      expect(en?.replyTo?.value[0]?.address).toBe('wang.fang@bureau.example.cn')
    } finally {
      await testDb.db
        .updateTable('events')
        .set({
          sender_name: '',
          reply_to: '',
          contact_name: '',
          contact_phone: '',
          contact_email: '',
          contact_wechat: '',
        })
        .where('id', '=', fixture.eventId)
        .execute()
    }
  })

  it('sends the ticket as an inline QR image that decodes to the ticket code, and an .ics that parses', async () => {
    const [id = ''] = await enqueueMail(testDb.db, [request('confirmation', 'zh')], NOW)
    const worker = startOutboxWorker({ db: testDb.db, config: config(smtp.port), intervalMs: 0, log: () => {} })
    try {
      expect(await worker.drain(NOW)).toBe(1)
    } finally {
      await worker.stop()
    }
    const [row] = await rowsOf([id])
    const mail = smtp.received.find((m) => m.messageId === row?.message_id)
    if (!mail) throw new Error('not received')
    expect(mail.html).toContain('src="cid:ticket@signet"')
    const qr = mail.attachments.find((a) => a.cid === 'ticket@signet')
    expect(qr?.contentType).toBe('image/png')
    const png = PNG.sync.read(qr?.content ?? Buffer.alloc(0))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(fixture.people.zh.ticketCode)
    const ics = mail.attachments.find((a) => a.contentType === 'text/calendar')
    const calendar = new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? ''))
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(2)
  })

  it('lets two workers drain the same outbox at once and still sends each message once', async () => {
    const ids = await enqueueMail(
      testDb.db,
      Array.from({ length: 8 }, (_, i) => request('cancellation', LANGUAGES[i % 3] ?? 'en')),
      NOW,
    )
    const before = smtp.received.length
    const a = startOutboxWorker({ db: testDb.db, config: config(smtp.port), intervalMs: 0, log: () => {} })
    const b = startOutboxWorker({ db: testDb.db, config: config(smtp.port), intervalMs: 0, log: () => {} })
    try {
      const [sentByA, sentByB] = await Promise.all([a.drain(NOW), b.drain(NOW)])
      expect(sentByA + sentByB).toBe(8)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
    const rows = await rowsOf(ids)
    expect(smtp.received.length - before).toBe(8)
    expect(messageIdsOf(smtp).slice(before).sort()).toEqual(rows.map((r) => r.message_id).sort())
  })

  it('bounces a recipient the server refuses for good at once, and marks the invitation bounced', async () => {
    const refusing = await startSmtpServer(0, [fixture.people.en.email])
    const [id = ''] = await enqueueMail(testDb.db, [request('invitation', 'en')], NOW)
    const worker = startOutboxWorker({ db: testDb.db, config: config(refusing.port), intervalMs: 0, log: () => {} })
    try {
      expect(await worker.drain(NOW)).toBe(0)
    } finally {
      await worker.stop()
      await refusing.close()
    }
    const [row] = await rowsOf([id])
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    expect(row?.last_error).toMatch(/550/)
    const invitation = await testDb.db
      .selectFrom('invitations')
      .select('status')
      .where('id', '=', fixture.people.en.invitationId)
      .executeTakeFirstOrThrow()
    expect(invitation.status).toBe('bounced')
  })

  it('fails a mail whose link was revoked without sending it, and leaves the invitation alone', async () => {
    const { invitationId } = fixture.people.ja
    const before = await testDb.db
      .selectFrom('invitations')
      .select(['status', 'token_nonce', 'token_hash'])
      .where('id', '=', invitationId)
      .executeTakeFirstOrThrow()
    await testDb.db
      .updateTable('invitations')
      .set({ token_nonce: null, token_hash: null })
      .where('id', '=', invitationId)
      .execute()
    const received = smtp.received.length
    const [id = ''] = await enqueueMail(testDb.db, [request('reminder', 'ja')], NOW)
    const worker = startOutboxWorker({ db: testDb.db, config: config(smtp.port), intervalMs: 0, log: () => {} })
    try {
      expect(await worker.drain(NOW)).toBe(0)
    } finally {
      await worker.stop()
      await testDb.db
        .updateTable('invitations')
        .set({ token_nonce: before.token_nonce, token_hash: before.token_hash })
        .where('id', '=', invitationId)
        .execute()
    }
    const [row] = await rowsOf([id])
    expect(row).toMatchObject({ status: 'failed', last_error: 'revoked' })
    expect(smtp.received.length).toBe(received)
    const after = await testDb.db
      .selectFrom('invitations')
      .select('status')
      .where('id', '=', invitationId)
      .executeTakeFirstOrThrow()
    expect(after.status).toBe(before.status)
  })
})

describe('while the mail server is down', () => {
  it('keeps every message queued with backoff, then delivers each exactly once when it is back', async () => {
    // Learn a free port, then stop listening on it: the server is "down".
    const probe = await startSmtpServer()
    const port = probe.port
    await probe.close()

    const ids = await enqueueMail(
      testDb.db,
      [request('invitation', 'ja'), request('confirmation', 'en'), request('changes', 'zh'), request('reminder', 'zh')],
      NOW,
    )
    const worker = startOutboxWorker({
      db: testDb.db,
      config: config(port),
      intervalMs: 0,
      log: () => {},
      random: () => 0.5,
    })
    try {
      expect(await worker.drain(NOW)).toBe(0)
      let rows = await rowsOf(ids)
      for (const row of rows) {
        expect(row.status).toBe('queued')
        expect(row.attempts).toBe(1)
        expect(row.next_attempt_at > NOW.toISOString()).toBe(true)
        expect(row.locked_until).toBeNull()
        expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/)
      }

      // Still down a while later: another attempt each, further apart.
      const later = new Date(NOW.getTime() + 60_000)
      expect(await worker.drain(later)).toBe(0)
      rows = await rowsOf(ids)
      expect(rows.map((r) => r.attempts)).toEqual([2, 2, 2, 2])
      expect(rows.every((r) => r.next_attempt_at > later.toISOString())).toBe(true)

      // Not due yet: nothing is attempted.
      expect(await worker.drain(later)).toBe(0)
      expect((await rowsOf(ids)).map((r) => r.attempts)).toEqual([2, 2, 2, 2])

      const smtp = await startSmtpServer(port)
      try {
        expect(await worker.drain(new Date(NOW.getTime() + HOUR))).toBe(4)
        expect(await worker.drain(new Date(NOW.getTime() + 30 * HOUR))).toBe(0)
        rows = await rowsOf(ids)
        expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent'])
        expect(messageIdsOf(smtp).sort()).toEqual(rows.map((r) => r.message_id).sort())
      } finally {
        await smtp.close()
      }
    } finally {
      await worker.stop()
    }
  })
})

describe('ten minutes without a mail server', () => {
  it('retries with a growing backoff (about five tries, never a storm), loses nothing, then sends each once', async () => {
    const probe = await startSmtpServer()
    const port = probe.port
    await probe.close()
    const ids = await enqueueMail(testDb.db, [request('invitation', 'zh'), request('confirmation', 'ja')], NOW)
    const worker = startOutboxWorker({
      db: testDb.db,
      config: config(port),
      intervalMs: 0,
      log: () => {},
      random: () => 0.5,
    })
    try {
      // The worker looks every 5 seconds of simulated time for 10 minutes.
      for (let t = 0; t <= 10 * 60_000; t += 5_000) {
        expect(await worker.drain(new Date(NOW.getTime() + t))).toBe(0)
      }
      const rows = await rowsOf(ids)
      expect(rows.map((r) => r.status)).toEqual(['queued', 'queued'])
      for (const row of rows) {
        expect(row.attempts).toBeGreaterThanOrEqual(3)
        expect(row.attempts).toBeLessThanOrEqual(7)
      }
      const smtp = await startSmtpServer(port)
      try {
        // Back after 10 minutes: the next due try sends each message, once.
        for (let t = 10 * 60_000; t <= 30 * 60_000; t += 5_000) await worker.drain(new Date(NOW.getTime() + t))
        const done = await rowsOf(ids)
        expect(done.map((r) => r.status)).toEqual(['sent', 'sent'])
        expect(messageIdsOf(smtp).sort()).toEqual(done.map((r) => r.message_id).sort())
      } finally {
        await smtp.close()
      }
    } finally {
      await worker.stop()
    }
  })
})

describe('without a mail server', () => {
  it('writes each message as an .eml file that mailparser reads, and records the file', async () => {
    const ids = await enqueueMail(testDb.db, [request('confirmation', 'ja'), request('invitation', 'en')], NOW)
    const worker = startOutboxWorker({ db: testDb.db, config: config(null), intervalMs: 0, log: () => {} })
    try {
      expect(await worker.drain(NOW)).toBe(2)
    } finally {
      await worker.stop()
    }
    const rows = await rowsOf(ids)
    for (const row of rows) {
      expect(row.status).toBe('sent')
      expect(row.file).toBe(`${row.id}.eml`)
      const mail = await simpleParser(readFileSync(join(mailDir, row.file ?? '')), { skipImageLinks: true })
      expect(mail.messageId).toBe(row.message_id)
      expect(mail.subject).toBe(row.subject)
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(row.recipient)
      expect(mail.html).toBeTruthy()
      expect(mail.text).toBeTruthy()
    }
    const confirmation = await simpleParser(readFileSync(join(mailDir, rows[0]?.file ?? '')), { skipImageLinks: true })
    expect(confirmation.attachments.map((a) => a.contentType).sort()).toEqual(['image/png', 'text/calendar'])
  })
})

describe('the day-before reminder', () => {
  it('is queued once per confirmed registration, on the day before in the event’s zone', async () => {
    const countReminders = async () =>
      (
        await testDb.db
          .selectFrom('outbox')
          .select('registration_id')
          .where('kind', '=', 'event_reminder')
          .where('event_id', '=', fixture.eventId)
          .execute()
      ).length
    // 08:59 in Shanghai on the 9th: not yet.
    expect(await queueEventReminders(testDb.db, new Date('2030-06-09T00:59:00.000Z'))).toBe(0)
    // 10:00 in Shanghai on the 9th.
    const due = new Date('2030-06-09T02:00:00.000Z')
    expect(await queueEventReminders(testDb.db, due)).toBe(3)
    expect(await queueEventReminders(testDb.db, new Date(due.getTime() + HOUR))).toBe(0)
    expect(await countReminders()).toBe(3)

    const worker = startOutboxWorker({ db: testDb.db, config: config(null), intervalMs: 0, log: () => {} })
    try {
      expect(await worker.drain(due)).toBe(3)
    } finally {
      await worker.stop()
    }
    const rows = await testDb.db
      .selectFrom('outbox')
      .select(['subject', 'language'])
      .where('kind', '=', 'event_reminder')
      .where('event_id', '=', fixture.eventId)
      .execute()
    expect(rows.find((r) => r.language === 'en')?.subject).toBe('Tomorrow: 2030 Japanese Enterprises Yantai Tour')
    expect(await countReminders()).toBe(3)
  })
})
