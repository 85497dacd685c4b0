/**
 * Mail test helpers: a real SMTP server (smtp-server) on 127.0.0.1 that parses what it receives
 * with mailparser, and rows for an event with invitations and registrations written straight
 * into the schema.
 */
import type { AddressInfo } from 'node:net'
import type { Kysely } from 'kysely'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { withPersonSearchText } from '../../app/people/search'
import { invitationToken, newNonce, ticketCode, ticketHash, tokenHash } from '../../app/registration/secrets.server'
import { newId } from '../../db/ids'
import type { Database, Language } from '../../db/schema'
import { registrationRow } from './registration'

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789'

export interface TestSmtpServer {
  port: number
  received: ParsedMail[]
  /**
   * The first mail received, or to come, that `test` accepts: resolved when the server receives
   * it, never by polling or sleeping (the test's own timeout bounds the wait).
   */
  waitFor: (test: (mail: ParsedMail) => boolean) => Promise<ParsedMail>
  close: () => Promise<void>
}

/** The first address a mail is to. */
export const recipientOf = (mail: ParsedMail) =>
  mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined

/**
 * Listens on `port` (0: any free one). Recipients in `reject` are refused with 550 at RCPT TO.
 */
export async function startSmtpServer(port = 0, reject: readonly string[] = []): Promise<TestSmtpServer> {
  const received: ParsedMail[] = []
  const waiters: { test: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void }[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (reject.includes(address.address)) {
        const error = Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 })
        callback(error)
        return
      }
      callback()
    },
    onData(stream, _session, callback) {
      simpleParser(stream, { skipImageLinks: true }).then(
        (mail) => {
          received.push(mail)
          for (const waiter of waiters.filter((w) => w.test(mail))) {
            waiters.splice(waiters.indexOf(waiter), 1)
            waiter.resolve(mail)
          }
          callback()
        },
        (error: Error) => callback(error),
      )
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.server.address() as AddressInfo
  return {
    port: address.port,
    received,
    waitFor: (test) => {
      const mail = received.find(test)
      if (mail) return Promise.resolve(mail)
      return new Promise((resolve) => waiters.push({ test, resolve }))
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface MailFixture {
  eventId: string
  slug: string
  sessionIds: { opening: string; forum: string; visit: string; vipDinner: string }
  /** one invitee and registration per language */
  people: Record<
    Language,
    {
      personId: string
      email: string
      invitationId: string
      registrationId: string
      token: string
      ticketCode: string
    }
  >
}

/**
 * A published event on 2030-06-10..12 in Asia/Shanghai with four sessions (an open opening, a
 * forum that needs registration, a site visit with a meeting point, a VIP-only dinner) and, per
 * language, a person with an invitation ('queued') and a confirmed registration (opening and
 * visit confirmed, forum waitlisted).
 */
export async function seedMailFixture(
  db: Kysely<Database>,
  slug = `mail-${newId().slice(0, 8)}`,
): Promise<MailFixture> {
  const at = '2030-05-01T00:00:00.000Z'
  const eventId = newId()
  await db
    .insertInto('events')
    .values({
      id: eventId,
      slug,
      title_zh: '2030 日资企业烟台行',
      title_en: '2030 Japanese Enterprises Yantai Tour',
      title_ja: '2030 日系企業煙台視察ツアー',
      description_zh: '',
      description_en: '',
      description_ja: '',
      timezone: 'Asia/Shanghai',
      starts_on: '2030-06-10',
      ends_on: '2030-06-12',
      venue_zh: '烟台国际博览中心',
      venue_en: 'Yantai International Expo Center',
      venue_ja: '煙台国際博覧センター',
      address_zh: '烟台市莱山区',
      address_en: 'Laishan District, Yantai',
      address_ja: '煙台市萊山区',
      registration_mode: 'invite_only',
      registration_opens_at: null,
      registration_closes_at: null,
      status: 'published',
      languages: 'zh,en,ja',
      created_at: at,
      updated_at: at,
    })
    .execute()
  const session = (
    title: string,
    startsAt: string,
    endsAt: string,
    extra: Partial<Database['sessions']> = {},
  ): Database['sessions'] => ({
    id: newId(),
    event_id: eventId,
    kind: 'forum',
    title_zh: `${title}（中）`,
    title_en: title,
    title_ja: `${title}（日）`,
    description_zh: '',
    description_en: '',
    description_ja: '',
    starts_at: startsAt,
    ends_at: endsAt,
    room_zh: '大厅',
    room_en: 'Grand Hall',
    room_ja: '大ホール',
    capacity: null,
    registration_required: 1,
    interpretation: 'zh-ja',
    chain: null,
    meeting_point_zh: '',
    meeting_point_en: '',
    meeting_point_ja: '',
    meeting_at: null,
    vip_only: 0,
    created_at: at,
    updated_at: at,
    ...extra,
  })
  const opening = session('Opening Ceremony', '2030-06-10T01:00:00.000Z', '2030-06-10T02:30:00.000Z', {
    kind: 'ceremony',
    registration_required: 0,
  })
  const forum = session('Hydrogen Forum', '2030-06-10T06:00:00.000Z', '2030-06-10T08:30:00.000Z', { capacity: 1 })
  const visit = session('Site Visit', '2030-06-11T00:30:00.000Z', '2030-06-11T04:00:00.000Z', {
    kind: 'site_visit',
    room_zh: '',
    room_en: '',
    room_ja: '',
    meeting_point_zh: '酒店大堂',
    meeting_point_en: 'Hotel lobby',
    meeting_point_ja: 'ホテルロビー',
    meeting_at: '2030-06-11T00:15:00.000Z',
  })
  const vipDinner = session('VIP Dinner', '2030-06-10T11:00:00.000Z', '2030-06-10T13:00:00.000Z', {
    kind: 'banquet',
    registration_required: 0,
    vip_only: 1,
  })
  await db.insertInto('sessions').values([opening, forum, visit, vipDinner]).execute()

  const names: Record<Language, { family: string; given: string; latin: string; kana: string | null }> = {
    zh: { family: '李', given: '娜', latin: 'LI Na', kana: null },
    en: { family: '', given: '', latin: 'Jane SMITH', kana: null },
    ja: { family: '佐藤', given: '健一', latin: 'SATO Kenichi', kana: 'さとう けんいち' },
  }
  const people = {} as MailFixture['people']
  for (const lng of ['zh', 'en', 'ja'] as const) {
    const personId = newId()
    const email = `${lng}.${slug}@example.org`
    const name = names[lng]
    await db
      .insertInto('people')
      .values(
        withPersonSearchText({
          id: personId,
          key: null,
          organization_id: null,
          family_name: name.family,
          given_name: name.given,
          latin_name: name.latin,
          kana: name.kana,
          title_zh: null,
          title_en: null,
          title_ja: null,
          email,
          phone: null,
          preferred_language: lng,
          vip: 0,
          dietary: null,
          created_at: at,
          updated_at: at,
        }),
      )
      .execute()
    const tokenNonce = newNonce()
    const token = invitationToken(TEST_SECRET, tokenNonce)
    const invitationId = newId()
    await db
      .insertInto('invitations')
      .values({
        id: invitationId,
        event_id: eventId,
        person_id: personId,
        status: 'queued',
        token_nonce: tokenNonce,
        token_hash: tokenHash(token),
        expires_at: '2030-06-12T16:00:00.000Z',
        sent_at: null,
        reminded_at: null,
        responded_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute()
    const ticketNonce = newNonce()
    const code = ticketCode(TEST_SECRET, ticketNonce)
    const registrationId = newId()
    await db
      .insertInto('registrations')
      .values(
        registrationRow({
          id: registrationId,
          event_id: eventId,
          person_id: personId,
          invitation_id: invitationId,
          source: 'invitation',
          family_name: name.family,
          given_name: name.given,
          latin_name: name.latin,
          kana: name.kana,
          organization_name: lng === 'ja' ? '株式会社テスト' : 'Test Co.',
          email,
          language: lng,
          consent_at: at,
          ticket_nonce: ticketNonce,
          ticket_hash: ticketHash(code),
          ticket_issued_at: at,
          created_at: at,
          updated_at: at,
        }),
      )
      .execute()
    await db
      .insertInto('registration_sessions')
      .values([
        {
          registration_id: registrationId,
          session_id: visit.id,
          status: 'confirmed',
          requested_at: at,
          updated_at: at,
        },
        {
          registration_id: registrationId,
          session_id: forum.id,
          status: 'waitlisted',
          requested_at: at,
          updated_at: at,
        },
      ])
      .execute()
    people[lng] = { personId, email, invitationId, registrationId, token, ticketCode: code }
  }
  return {
    eventId,
    slug,
    sessionIds: { opening: opening.id, forum: forum.id, visit: visit.id, vipDinner: vipDinner.id },
    people,
  }
}
