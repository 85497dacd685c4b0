/**
 * Events, sessions and invited people made directly in the database for registration tests,
 * and the tokens of their links (rebuilt from the nonces, as the mail worker does).
 */
import type { Insertable, Kysely } from 'kysely'
import { registrationSearchText, withPersonSearchText } from '../../app/people/search'
import { invitePeople, queueInvitations } from '../../app/registration/invitations.server'
import { invitationToken } from '../../app/registration/secrets.server'
import { newId, nowIso } from '../../db/ids'
import type { Database, Language, RegistrationMode, RegistrationsTable } from '../../db/schema'

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789'

export interface TestSessionSpec {
  title: string
  /** local date-time in Asia/Shanghai (UTC+8), e.g. '2030-05-20T09:00' */
  start: string
  end: string
  capacity?: number | null
  vipOnly?: boolean
  registrationRequired?: boolean
}

const shanghai = (local: string) => new Date(`${local}:00+08:00`).toISOString()

export async function makeEvent(
  db: Kysely<Database>,
  spec: { slug: string; mode?: RegistrationMode; sessions: TestSessionSpec[]; startsOn?: string; endsOn?: string },
): Promise<{ id: string; slug: string; sessionIds: string[] }> {
  const id = newId()
  const at = nowIso()
  await db
    .insertInto('events')
    .values({
      id,
      slug: spec.slug,
      title_zh: `测试活动 ${spec.slug}`,
      title_en: `Test event ${spec.slug}`,
      title_ja: `テストイベント ${spec.slug}`,
      description_zh: '',
      description_en: '',
      description_ja: '',
      timezone: 'Asia/Shanghai',
      starts_on: spec.startsOn ?? '2030-05-20',
      ends_on: spec.endsOn ?? '2030-05-22',
      venue_zh: '烟台国际博览中心',
      venue_en: 'Yantai International Expo Center',
      venue_ja: '煙台国際博覧センター',
      address_zh: '',
      address_en: '',
      address_ja: '',
      registration_mode: spec.mode ?? 'invite_only',
      registration_opens_at: null,
      registration_closes_at: null,
      status: 'published',
      languages: 'zh,ja,en',
      created_at: at,
      updated_at: at,
    })
    .execute()
  const sessionIds: string[] = []
  for (const s of spec.sessions) {
    const sessionId = newId()
    sessionIds.push(sessionId)
    await db
      .insertInto('sessions')
      .values({
        id: sessionId,
        event_id: id,
        kind: 'forum',
        title_zh: s.title,
        title_en: s.title,
        title_ja: s.title,
        description_zh: '',
        description_en: '',
        description_ja: '',
        starts_at: shanghai(s.start),
        ends_at: shanghai(s.end),
        room_zh: '1号厅',
        room_en: 'Hall 1',
        room_ja: '第1ホール',
        capacity: s.capacity ?? null,
        registration_required: s.registrationRequired === false ? 0 : 1,
        interpretation: '',
        chain: null,
        meeting_point_zh: '',
        meeting_point_en: '',
        meeting_point_ja: '',
        meeting_at: null,
        vip_only: s.vipOnly ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .execute()
  }
  return { id, slug: spec.slug, sessionIds }
}

export interface Invitee {
  personId: string
  invitationId: string
  email: string
  token: string
}

/** `count` people invited to the event, with links issued (mails queued), in `language`. */
export async function makeInvitees(
  db: Kysely<Database>,
  event: { id: string },
  count: number,
  options: { language?: Language; prefix?: string; vip?: boolean } = {},
): Promise<Invitee[]> {
  const at = nowIso()
  const prefix = options.prefix ?? 'guest'
  const people = Array.from({ length: count }, (_, i) =>
    withPersonSearchText({
      id: newId(),
      key: null,
      organization_id: null,
      family_name: '佐藤',
      given_name: `健${i}`,
      latin_name: `SATO Ken${'abcdefghij'[i % 10]}`,
      kana: 'さとう けん',
      title_zh: null,
      title_en: 'Director',
      title_ja: '部長',
      email: `${prefix}${i}@example.test`,
      phone: null,
      preferred_language: options.language ?? 'ja',
      vip: options.vip ? 1 : 0,
      dietary: null,
      created_at: at,
      updated_at: at,
    }),
  )
  for (let i = 0; i < people.length; i += 200) {
    await db
      .insertInto('people')
      .values(people.slice(i, i + 200))
      .execute()
  }
  const row = await db
    .selectFrom('events')
    .select(['id', 'ends_on', 'timezone'])
    .where('id', '=', event.id)
    .executeTakeFirstOrThrow()
  await invitePeople(
    db,
    row,
    people.map((p) => ({ personId: p.id })),
    { userId: null },
  )
  await queueInvitations(db, TEST_SECRET, event.id, 'all', 'send', { userId: null })
  const invitations = await db
    .selectFrom('invitations as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .select(['i.id', 'i.person_id', 'i.token_nonce', 'p.email'])
    .where('i.event_id', '=', event.id)
    .where('p.email', 'like', `${prefix}%`)
    .execute()
  const byPerson = new Map(invitations.map((i) => [i.person_id, i]))
  return people.map((p) => {
    const inv = byPerson.get(p.id)
    if (!inv?.token_nonce) throw new Error('invitation without a link')
    return {
      personId: p.id,
      invitationId: inv.id,
      email: p.email,
      token: invitationToken(TEST_SECRET, inv.token_nonce),
    }
  })
}

/** A complete registration form, as a browser would post it. */
export function registrationForm(
  email: string,
  sessionIds: readonly string[],
  extra: Record<string, string> = {},
): URLSearchParams {
  const form = new URLSearchParams({
    family_name: '佐藤',
    given_name: '健一',
    latin_name: 'SATO Kenichi',
    kana: 'さとう けんいち',
    title: '部長',
    organization: '株式会社テスト',
    email,
    phone: '+81 90-1234-5678',
    language: 'ja',
    diet: 'none',
    allergies: '',
    accessibility: '',
    interpretation: 'ja',
    arrival_date: '2030-05-19',
    arrival_transport: 'NH 921',
    departure_date: '2030-05-22',
    departure_transport: 'NH 922',
    hotel_needed: 'on',
    consent: 'yes',
    ...extra,
  })
  for (const id of sessionIds) form.append('sessions', id)
  return form
}

/**
 * A whole registration row for tests that write one straight into the database: every column
 * filled with a plain default (a confirmed public registration in Japanese, no ticket), `fields`
 * over them, and the search text made of them as the application makes it.
 */
export function registrationRow(
  fields: Pick<Insertable<RegistrationsTable>, 'event_id' | 'person_id'> & Partial<Insertable<RegistrationsTable>>,
): Insertable<RegistrationsTable> {
  const at = nowIso()
  const row = {
    id: newId(),
    invitation_id: null,
    status: 'confirmed',
    source: 'public',
    family_name: '佐藤',
    given_name: '健',
    latin_name: 'SATO Ken',
    kana: null,
    title: '',
    organization_name: '',
    email: 'sato@example.jp',
    phone: '',
    language: 'ja',
    diet: 'none',
    allergies: '',
    accessibility: '',
    interpretation: '',
    arrival_date: null,
    arrival_transport: '',
    departure_date: null,
    departure_transport: '',
    hotel_needed: 0,
    consent_at: at,
    ticket_nonce: null,
    ticket_hash: null,
    ticket_issued_at: null,
    submission_key: null,
    cancelled_at: null,
    created_at: at,
    updated_at: at,
    ...fields,
  } satisfies Partial<Insertable<RegistrationsTable>>
  return { ...row, search_text: fields.search_text ?? registrationSearchText(row) }
}
