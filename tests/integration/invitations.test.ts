/**
 * The organizers' screens for invitations and registrations, over HTTP against the real build:
 * inviting from the directory, sending (outbox rows), revoking links, who may do what, the
 * registrations list with its search, filters and seat counts, the actions on registrations, the
 * planning summary, and an import that also invites (with its sessions column). Runs on SQLite
 * and on PostgreSQL.
 */

import ExcelJS from 'exceljs'
import type { Insertable } from 'kysely'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withOrganizationSearchText, withPersonSearchText, withRegistrationSearchText } from '../../app/people/search'
import { invitePeople } from '../../app/registration/invitations.server'
import { newId, nowIso } from '../../db/ids'
import type { Database, Diet, RegistrationStatus, SeatStatus } from '../../db/schema'
import { countRows } from '../helpers/db'
import { makeUser, signedIn } from '../helpers/fixtures'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let organizer: TestClient
let viewer: TestClient
let outsider: TestClient
const A = { id: '', slug: 'invite-a', sessions: {} as Record<'forum' | 'gala' | 'visit' | 'opening', string> }
const B = { id: '', slug: 'invite-b', sessions: {} as Record<string, string> }
const people: Record<'sato' | 'li' | 'smith' | 'nomail' | 'tanaka', string> = {
  sato: '',
  li: '',
  smith: '',
  nomail: '',
  tanaka: '',
}

async function insertEvent(db: TestServer['db'], slug: string): Promise<string> {
  const id = newId()
  const at = nowIso()
  await db
    .insertInto('events')
    .values({
      id,
      slug,
      title_zh: `邀请测试 ${slug}`,
      title_en: `Invitation test ${slug}`,
      title_ja: `招待テスト ${slug}`,
      description_zh: '',
      description_en: '',
      description_ja: '',
      timezone: 'Asia/Shanghai',
      starts_on: '2030-05-20',
      ends_on: '2030-05-22',
      venue_zh: '',
      venue_en: '',
      venue_ja: '',
      address_zh: '',
      address_en: '',
      address_ja: '',
      registration_mode: 'approval',
      registration_opens_at: null,
      registration_closes_at: null,
      status: 'published',
      languages: 'zh,ja,en',
      created_at: at,
      updated_at: at,
    })
    .execute()
  return id
}

async function insertSession(
  db: TestServer['db'],
  eventId: string,
  spec: {
    zh: string
    en: string
    ja: string
    kind?: 'forum' | 'banquet'
    capacity?: number | null
    open?: boolean
    start: string
  },
): Promise<string> {
  const id = newId()
  const at = nowIso()
  const startsAt = new Date(`${spec.start}:00+08:00`)
  await db
    .insertInto('sessions')
    .values({
      id,
      event_id: eventId,
      kind: spec.kind ?? 'forum',
      title_zh: spec.zh,
      title_en: spec.en,
      title_ja: spec.ja,
      description_zh: '',
      description_en: '',
      description_ja: '',
      starts_at: startsAt.toISOString(),
      ends_at: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      room_zh: '',
      room_en: '',
      room_ja: '',
      capacity: spec.capacity ?? null,
      registration_required: spec.open ? 0 : 1,
      interpretation: 'zh-ja',
      chain: null,
      meeting_point_zh: '',
      meeting_point_en: '',
      meeting_point_ja: '',
      meeting_at: null,
      vip_only: 0,
      created_at: at,
      updated_at: at,
    })
    .execute()
  return id
}

async function insertPerson(
  db: TestServer['db'],
  p: { family: string; given: string; latin: string; kana?: string; email: string | null; org?: string; vip?: boolean },
): Promise<string> {
  const id = newId()
  const at = nowIso()
  let organizationId: string | null = null
  if (p.org) {
    organizationId = newId()
    await db
      .insertInto('organizations')
      .values(
        withOrganizationSearchText({
          id: organizationId,
          key: null,
          name_zh: p.org,
          name_en: p.org,
          name_ja: p.org,
          country: p.org === '三菱商事' ? 'JP' : 'CN',
          kind: 'company',
          fortune500: 0,
          created_at: at,
          updated_at: at,
        }),
      )
      .execute()
  }
  await db
    .insertInto('people')
    .values(
      withPersonSearchText({
        id,
        key: null,
        organization_id: organizationId,
        family_name: p.family,
        given_name: p.given,
        latin_name: p.latin,
        kana: p.kana ?? null,
        title_zh: null,
        title_en: null,
        title_ja: null,
        email: p.email,
        phone: null,
        preferred_language: 'ja',
        vip: p.vip ? 1 : 0,
        dietary: null,
        created_at: at,
        updated_at: at,
      }),
    )
    .execute()
  return id
}

/** A registration as the delegate form would leave it, with its seats. */
async function insertRegistration(
  db: TestServer['db'],
  personId: string,
  spec: {
    status: RegistrationStatus
    family: string
    given: string
    latin: string
    kana?: string
    email: string
    organization: string
    diet?: Diet
    allergies?: string
    interpretation?: string
    arrival?: [string, string]
    hotel?: boolean
    seats: [string, SeatStatus][]
    requestedAt?: string
  },
): Promise<string> {
  const id = newId()
  const at = nowIso()
  const row: Insertable<Database['registrations']> = withRegistrationSearchText({
    id,
    event_id: A.id,
    person_id: personId,
    invitation_id: null,
    status: spec.status,
    source: 'public',
    family_name: spec.family,
    given_name: spec.given,
    latin_name: spec.latin,
    kana: spec.kana ?? null,
    title: '',
    organization_name: spec.organization,
    email: spec.email,
    phone: '',
    language: 'ja',
    diet: spec.diet ?? 'none',
    allergies: spec.allergies ?? '',
    accessibility: '',
    interpretation: spec.interpretation ?? '',
    arrival_date: spec.arrival?.[0] ?? null,
    arrival_transport: spec.arrival?.[1] ?? '',
    departure_date: null,
    departure_transport: '',
    hotel_needed: spec.hotel ? 1 : 0,
    consent_at: at,
    ticket_nonce: spec.status === 'confirmed' ? newId() : null,
    ticket_hash: spec.status === 'confirmed' ? newId() : null,
    ticket_issued_at: spec.status === 'confirmed' ? at : null,
    submission_key: null,
    cancelled_at: null,
    created_at: at,
    updated_at: at,
  })
  await db.insertInto('registrations').values(row).execute()
  for (const [sessionId, status] of spec.seats) {
    await db
      .insertInto('registration_sessions')
      .values({
        registration_id: id,
        session_id: sessionId,
        status,
        requested_at: spec.requestedAt ?? at,
        updated_at: at,
      })
      .execute()
  }
  return id
}

beforeAll(async () => {
  server = await startTestServer()
  const { db } = server
  A.id = await insertEvent(db, A.slug)
  B.id = await insertEvent(db, B.slug)
  A.sessions.forum = await insertSession(db, A.id, {
    zh: '氢能论坛',
    en: 'Hydrogen forum',
    ja: '水素フォーラム',
    capacity: 2,
    start: '2030-05-20T09:00',
  })
  A.sessions.gala = await insertSession(db, A.id, {
    zh: '欢迎晚宴',
    en: 'Gala dinner',
    ja: '歓迎夕食会',
    kind: 'banquet',
    start: '2030-05-20T18:00',
  })
  A.sessions.visit = await insertSession(db, A.id, {
    zh: '企业参观',
    en: 'Site visit',
    ja: '企業視察',
    start: '2030-05-21T09:00',
  })
  A.sessions.opening = await insertSession(db, A.id, {
    zh: '开幕式',
    en: 'Opening',
    ja: '開会式',
    open: true,
    start: '2030-05-20T08:00',
  })
  B.sessions.other = await insertSession(db, B.id, { zh: '其他', en: 'Other', ja: 'その他', start: '2030-05-20T09:00' })
  people.sato = await insertPerson(db, {
    family: '佐藤',
    given: '健一',
    latin: 'SATO Kenichi',
    kana: 'さとう けんいち',
    email: 'sato@example.jp',
    org: '三菱商事',
    vip: true,
  })
  people.li = await insertPerson(db, {
    family: '李',
    given: '娜',
    latin: 'LI Na',
    email: 'li.na@example.cn',
    org: '烟台港集团',
  })
  people.smith = await insertPerson(db, { family: '', given: '', latin: 'Jane Smith', email: 'jane@acme.example' })
  people.nomail = await insertPerson(db, { family: '王', given: '五', latin: 'WANG Wu', email: null })
  people.tanaka = await insertPerson(db, {
    family: '田中',
    given: '花子',
    latin: 'TANAKA Hanako',
    kana: 'たなか はなこ',
    email: 'tanaka@example.jp',
  })
  await makeUser(db, 'organizer@example.org', { role: { eventSlug: A.slug, role: 'organizer' } })
  await makeUser(db, 'viewer@example.org', { role: { eventSlug: A.slug, role: 'viewer' } })
  await makeUser(db, 'outsider@example.org', { role: { eventSlug: B.slug, role: 'organizer' } })
  organizer = await signedIn(server.origin, 'organizer@example.org')
  viewer = await signedIn(server.origin, 'viewer@example.org')
  outsider = await signedIn(server.origin, 'outsider@example.org')
})
afterAll(async () => {
  await server?.close()
})

const invitationsOf = (eventId: string) =>
  server.db.selectFrom('invitations').selectAll().where('event_id', '=', eventId).execute()

function pickForm(personIds: string[], sessionIds: string[] = []) {
  const form = new URLSearchParams()
  for (const id of personIds) form.append('person', id)
  for (const id of sessionIds) form.append('session', id)
  return form
}

describe('inviting from the directory', () => {
  it('finds people by a CJK substring and creates draft invitations, limited to the chosen sessions', async () => {
    const search = await (
      await organizer.get(`/events/${A.slug}/invitations/new?q=${encodeURIComponent('藤健')}&lng=en`)
    ).text()
    expect(search).toContain('SATO Kenichi')
    expect(search).not.toContain('LI Na')
    expect(search).toContain('Hydrogen forum')
    // the session open to every attendee is not offered
    expect(search).not.toContain('Opening')

    const response = await organizer.request(`/events/${A.slug}/invitations/new?lng=en`, {
      method: 'POST',
      body: pickForm([people.sato, people.li], [A.sessions.forum, A.sessions.gala]),
    })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') ?? '', server.origin)
    expect(location.pathname).toBe(`/events/${A.slug}/invitations`)
    expect(Object.fromEntries(location.searchParams)).toEqual({ invited: '2', already: '0' })
    const invitations = await invitationsOf(A.id)
    expect(invitations.map((i) => i.status)).toEqual(['draft', 'draft'])
    const named = await server.db
      .selectFrom('invitation_sessions')
      .select('session_id')
      .where(
        'invitation_id',
        'in',
        invitations.map((i) => i.id),
      )
      .execute()
    expect(named).toHaveLength(4)
    const page = await (await organizer.get(`${location.pathname}${location.search}&lng=en`)).text()
    expect(page).toContain('2 draft invitation(s) created; 0 were already invited.')
  })

  it('marks people already invited and does not invite them twice; invites the rest to every session', async () => {
    const page = await (await organizer.get(`/events/${A.slug}/invitations/new?lng=en`)).text()
    expect(page).toContain('Already invited')
    expect(page).not.toContain(`name="person" value="${people.sato}"`)
    expect(page).toContain(`name="person" value="${people.smith}"`)
    const response = await organizer.request(`/events/${A.slug}/invitations/new`, {
      method: 'POST',
      body: pickForm([people.sato, people.smith, people.nomail]),
    })
    expect(new URL(response.headers.get('location') ?? '', server.origin).searchParams.get('already')).toBe('1')
    expect(await invitationsOf(A.id)).toHaveLength(4)
  })

  it('refuses a session of another event and an empty pick, creating nothing', async () => {
    const before = await countRows(server.db, 'invitations')
    const foreign = await organizer.request(`/events/${A.slug}/invitations/new?lng=en`, {
      method: 'POST',
      body: pickForm([people.tanaka], [B.sessions.other as string]),
    })
    expect(foreign.status).toBe(400)
    expect(await foreign.text()).toContain('not one of this event’s sessions')
    const empty = await organizer.request(`/events/${A.slug}/invitations/new?lng=en`, {
      method: 'POST',
      body: pickForm([]),
    })
    expect(empty.status).toBe(400)
    expect(await countRows(server.db, 'invitations')).toBe(before)
  })

  it('refuses a VIP-only session for someone who is not a VIP, naming both in the reader’s language, creating nothing', async () => {
    const gala = A.sessions.gala
    await server.db.updateTable('sessions').set({ vip_only: 1 }).where('id', '=', gala).execute()
    try {
      const before = await countRows(server.db, 'invitations')
      const said = async (lng: string) => {
        const response = await organizer.request(`/events/${A.slug}/invitations/new?lng=${lng}`, {
          method: 'POST',
          body: pickForm([people.tanaka], [gala]),
        })
        expect(response.status).toBe(400)
        return response.text()
      }
      const en = await said('en')
      expect(en).toContain('TANAKA Hanako is not a VIP')
      expect(en).toContain('“Gala dinner” is for VIPs only')
      const ja = await said('ja')
      expect(ja).toContain('田中')
      expect(ja).toContain('「歓迎夕食会」は VIP 専用です')
      expect(await countRows(server.db, 'invitations')).toBe(before)
    } finally {
      await server.db.updateTable('sessions').set({ vip_only: 0 }).where('id', '=', gala).execute()
    }
  })

  it('invites each person once when two organizers invite the same people at the same moment', async () => {
    const ids = await Promise.all(
      ['岡田', '山本', '中村'].map((family, n) =>
        insertPerson(server.db, { family, given: '一郎', latin: `RACE Ichiro${n}`, email: `race${n}@example.jp` }),
      ),
    )
    // An event of its own, so the other tests' counts stay as they are.
    const eventId = await insertEvent(server.db, 'invite-race')
    const forum = await insertSession(server.db, eventId, {
      zh: '论坛',
      en: 'Forum',
      ja: 'フォーラム',
      start: '2030-05-20T09:00',
    })
    const event = await server.db
      .selectFrom('events')
      .select(['id', 'ends_on', 'timezone'])
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow()
    const pick = ids.map((personId) => ({ personId, sessionIds: [forum] }))
    const results = await Promise.all([
      invitePeople(server.db, event, pick, { userId: null }),
      invitePeople(server.db, event, pick, { userId: null }),
    ])
    expect(results.map((r) => r.created).reduce((a, b) => a + b)).toBe(3)
    expect(results.map((r) => r.alreadyInvited).reduce((a, b) => a + b)).toBe(3)
    const rows = await server.db
      .selectFrom('invitations as i')
      .innerJoin('invitation_sessions as s', 's.invitation_id', 'i.id')
      .select(['i.person_id', 's.session_id'])
      .where('i.person_id', 'in', ids)
      .execute()
    expect(rows).toHaveLength(3)
    expect(new Set(rows.map((r) => r.session_id))).toEqual(new Set([forum]))
  })

  it('refuses, as a programming error, to attach another event’s session to an invitation', async () => {
    const personId = await insertPerson(server.db, {
      family: '森',
      given: '花',
      latin: 'MORI Hana',
      email: 'mori.foreign@example.jp',
    })
    const event = await server.db
      .selectFrom('events')
      .select(['id', 'ends_on', 'timezone'])
      .where('slug', '=', 'invite-race')
      .executeTakeFirstOrThrow()
    await expect(
      invitePeople(server.db, event, [{ personId, sessionIds: [B.sessions.other as string] }], { userId: null }),
    ).rejects.toThrow(/not sessions of event/)
    expect(await server.db.selectFrom('invitations').select('id').where('person_id', '=', personId).execute()).toEqual(
      [],
    )
  })
})

describe('sending and links', () => {
  it('queues the invitation mails in the outbox, sets the invitations queued, and says who has no email', async () => {
    // everyone listed: through the confirmation page (ADR 0023), not straight from the list
    expect((await organizer.post(`/events/${A.slug}/invitations?lng=en`, { intent: 'send_all' })).status).toBe(400)
    const confirmPage = await (await organizer.get(`/events/${A.slug}/invitations/send?mode=send&lng=en`)).text()
    const key = /name="key" value="([^"]+)"/.exec(confirmPage)?.[1] ?? ''
    const response = await organizer.post(`/events/${A.slug}/invitations/send?mode=send&lng=en`, {
      intent: 'confirm',
      key,
    })
    expect(response.status).toBe(302)
    const batch = new URL(response.headers.get('location') ?? '', server.origin)
    batch.searchParams.set('lng', 'en')
    const html = await (await organizer.get(`${batch.pathname}${batch.search}`)).text()
    expect(html).toMatch(/data-count="pending"><dt>[^<]*<\/dt><dd>3<\/dd>/)
    expect(html).toContain('Without an email address, so nothing is sent to them: 1.')
    const invitations = await invitationsOf(A.id)
    expect(invitations.filter((i) => i.status === 'queued')).toHaveLength(3)
    expect(invitations.filter((i) => i.status === 'draft')).toHaveLength(1)
    const mails = await server.db
      .selectFrom('outbox')
      .select(['kind', 'status', 'recipient'])
      .where('event_id', '=', A.id)
      .execute()
    expect(mails.map((m) => m.recipient).sort()).toEqual(['jane@acme.example', 'li.na@example.cn', 'sato@example.jp'])
    expect(new Set(mails.map((m) => `${m.kind}:${m.status}`))).toEqual(new Set(['invitation:queued']))
    // the page shows the mails waiting (and polls while any is)
    const page = await (await organizer.get(`/events/${A.slug}/invitations?lng=en`)).text()
    expect(page).toContain('data-queued="3"')
    expect(page).toContain('Sending invitation mails: 3 waiting, 0 sent, 0 failed.')
  })

  it('resends only the selected invitations, and refuses an empty selection', async () => {
    const none = await organizer.post(`/events/${A.slug}/invitations?lng=en`, { intent: 'resend_selected' })
    expect(none.status).toBe(400)
    expect(await none.text()).toContain('Select at least one invitation first.')
    const sato = (await invitationsOf(A.id)).find((i) => i.person_id === people.sato)
    const before = await countRows(server.db, 'outbox')
    const response = await organizer.post(`/events/${A.slug}/invitations?lng=en`, {
      intent: 'resend_selected',
      id: sato?.id ?? '',
    })
    expect(await response.text()).toContain('1 invitation(s) queued for sending.')
    expect(await countRows(server.db, 'outbox')).toBe(before + 1)
  })

  it('shows organizers each personal link, and revoking one clears it after a confirmation', async () => {
    const sato = (await invitationsOf(A.id)).find((i) => i.person_id === people.sato)
    if (!sato) throw new Error('no invitation')
    const list = await (await organizer.get(`/events/${A.slug}/invitations?lng=en`)).text()
    expect(list.match(new RegExp(`value="${server.origin}/i/[A-Za-z0-9_-]{43}"`, 'g'))).toHaveLength(3)
    const confirm = await (
      await organizer.get(`/events/${A.slug}/invitations?confirm=revoke&invitation=${sato.id}&lng=en`)
    ).text()
    expect(confirm).toContain('Revoke the link of SATO Kenichi?')
    const response = await organizer.post(`/events/${A.slug}/invitations?lng=en`, {
      intent: 'revoke',
      invitation_id: sato.id,
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('The link of SATO Kenichi was revoked')
    const after = await server.db
      .selectFrom('invitations')
      .select(['token_nonce', 'token_hash'])
      .where('id', '=', sato.id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual({ token_nonce: null, token_hash: null })
    const page = await (await organizer.get(`/events/${A.slug}/invitations?lng=en`)).text()
    expect(page.match(/value="http:\/\/127\.0\.0\.1:\d+\/i\//g)).toHaveLength(2)
  })

  it('searches invitations by kana and filters by status', async () => {
    const byKana = await (
      await organizer.get(`/events/${A.slug}/invitations?q=${encodeURIComponent('けんいち')}&lng=en`)
    ).text()
    expect(byKana).toContain('SATO Kenichi')
    expect(byKana).not.toContain('Jane Smith')
    const drafts = await (await organizer.get(`/events/${A.slug}/invitations?status=draft&lng=en`)).text()
    expect(drafts).toContain('WANG Wu')
    expect(drafts).not.toContain('Jane Smith')
  })

  it('lets a viewer read the list without links, refuses them every action with 403, and hides the event from others', async () => {
    const list = await viewer.get(`/events/${A.slug}/invitations?lng=en`)
    expect(list.status).toBe(200)
    const html = await list.text()
    expect(html).toContain('SATO Kenichi')
    expect(html).not.toContain('/i/')
    expect(html).not.toContain('Send selected')
    const actions: Record<string, string>[] = [
      { intent: 'send_selected', id: 'x' },
      { intent: 'revoke', invitation_id: 'x' },
    ]
    for (const form of actions) {
      expect((await viewer.post(`/events/${A.slug}/invitations`, form)).status).toBe(403)
    }
    expect((await viewer.get(`/events/${A.slug}/invitations/new`)).status).toBe(403)
    expect(
      (await viewer.post(`/events/${A.slug}/registrations`, { intent: 'approve', registration_id: 'x' })).status,
    ).toBe(403)
    for (const path of [
      'invitations',
      'invitations/new',
      'registrations',
      'registrations/summary',
      'registrations/export.csv',
    ]) {
      expect((await outsider.get(`/events/${A.slug}/${path}`)).status, path).toBe(404)
    }
    expect((await outsider.post(`/events/${A.slug}/invitations`, { intent: 'send_selected', id: 'x' })).status).toBe(
      404,
    )
    expect((await outsider.post(`/events/${A.slug}/invitations/send?mode=send`, { intent: 'confirm' })).status).toBe(
      404,
    )
  })
})

describe('registrations', () => {
  const reg: Record<string, string> = {}
  beforeAll(async () => {
    reg.sato = await insertRegistration(server.db, people.sato, {
      status: 'confirmed',
      family: '佐藤',
      given: '健一',
      latin: 'SATO Kenichi',
      kana: 'さとう けんいち',
      email: 'sato@example.jp',
      organization: '三菱商事',
      diet: 'halal',
      allergies: 'Peanuts',
      interpretation: 'ja',
      arrival: ['2030-05-19', 'NH 921'],
      hotel: true,
      seats: [
        [A.sessions.forum, 'confirmed'],
        [A.sessions.gala, 'confirmed'],
      ],
    })
    reg.li = await insertRegistration(server.db, people.li, {
      status: 'confirmed',
      family: '李',
      given: '娜',
      latin: 'LI Na',
      email: 'li.na@example.cn',
      organization: '烟台港集团',
      diet: 'vegetarian',
      interpretation: 'zh',
      arrival: ['2030-05-19', 'nh 921'],
      seats: [
        [A.sessions.forum, 'confirmed'],
        [A.sessions.gala, 'confirmed'],
      ],
    })
    reg.tanaka = await insertRegistration(server.db, people.tanaka, {
      status: 'confirmed',
      family: '田中',
      given: '花子',
      latin: 'TANAKA Hanako',
      kana: 'たなか はなこ',
      email: 'tanaka@example.jp',
      organization: '三菱商事',
      interpretation: 'ja',
      seats: [[A.sessions.forum, 'waitlisted']],
    })
    reg.smith = await insertRegistration(server.db, people.smith, {
      status: 'pending',
      family: '',
      given: '',
      latin: 'Jane Smith',
      email: 'jane@acme.example',
      organization: 'Acme Ltd',
      seats: [[A.sessions.visit, 'confirmed']],
    })
  })

  it('shows a session’s confirmed seats and waiting list on its page, linking to its registrations', async () => {
    const page = await (await organizer.get(`/events/${A.slug}/sessions/${A.sessions.forum}?lng=en`)).text()
    expect(page).toContain('Seats confirmed: 2 of 2<!-- --> · Waiting list: 1')
    expect(page).toContain(`href="/events/${A.slug}/registrations?session=${A.sessions.forum}"`)
  })

  it('lists registrations with seats against capacity, and finds them by CJK and kana substrings', async () => {
    const page = await (await organizer.get(`/events/${A.slug}/registrations?lng=en`)).text()
    expect(page).toContain('4 of 4 registrations')
    expect(page).toMatch(new RegExp(`data-seats="${A.sessions.forum}">2 / 2`))
    expect(page).toMatch(new RegExp(`data-waiting="${A.sessions.forum}">1<`))
    expect(page).toMatch(new RegExp(`data-seats="${A.sessions.gala}">2 / unlimited`))
    const cjk = await (
      await organizer.get(`/events/${A.slug}/registrations?q=${encodeURIComponent('藤健')}&lng=en`)
    ).text()
    expect(cjk).toContain('1 of 4 registrations')
    expect(cjk).toContain('SATO Kenichi')
    const kana = await (
      await organizer.get(`/events/${A.slug}/registrations?q=${encodeURIComponent('はなこ')}&lng=en`)
    ).text()
    expect(kana).toContain('TANAKA Hanako')
    expect(kana).toContain('1 of 4 registrations')
    const org = await (
      await organizer.get(`/events/${A.slug}/registrations?q=${encodeURIComponent('烟台港')}&lng=en`)
    ).text()
    expect(org).toContain('LI Na')
  })

  it('filters by status, session, organization, country and VIP', async () => {
    const count = async (query: string) => {
      const html = await (await organizer.get(`/events/${A.slug}/registrations?${query}&lng=en`)).text()
      return html.match(/(\d+) of 4 registrations/)?.[1]
    }
    expect(await count('status=pending')).toBe('1')
    expect(await count(`session=${A.sessions.forum}`)).toBe('3')
    expect(await count(`organization=${encodeURIComponent('三菱商事')}`)).toBe('2')
    expect(await count('country=JP')).toBe('1')
    expect(await count('vip=yes')).toBe('1')
    expect(await count(`status=confirmed&session=${A.sessions.gala}&vip=no`)).toBe('1')
  })

  it('exports the filtered registrations as CSV with a BOM', async () => {
    const response = await organizer.get(`/events/${A.slug}/registrations/export.csv?status=confirmed&lng=zh`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    // ignoreBOM keeps the BOM in the text instead of consuming it
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data
    expect(rows[0]?.[0]).toBe('状态')
    expect(rows).toHaveLength(4)
    expect(text).toContain('佐藤健一')
    expect(text).not.toContain('Jane Smith')
  })

  it('exports the same rows as an Excel workbook that opens with CJK intact', async () => {
    const response = await organizer.get(`/events/${A.slug}/registrations/export.xlsx?status=confirmed&lng=zh`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.worksheets[0]
    expect(sheet?.getRow(1).getCell(1).value).toBe('状态')
    expect(sheet?.rowCount).toBe(4)
    const cells = (sheet?.getSheetValues() ?? []).flat().map(String)
    expect(cells).toContain('佐藤健一')
    expect(cells.join('|')).not.toContain('Jane Smith')
  })

  it('counts headsets, diets, arrivals and rooms from confirmed registrations on the summary', async () => {
    const page = await (await organizer.get(`/events/${A.slug}/registrations/summary?lng=en`)).text()
    expect(page).toContain('Counted from the 3 confirmed registrations. 1 awaiting approval')
    const cell = (attr: string) => page.match(new RegExp(`${attr}">(\\d+)<`))?.[1]
    expect(cell(`data-headsets="${A.sessions.forum}:ja`)).toBe('1')
    expect(cell(`data-headsets="${A.sessions.forum}:zh`)).toBe('1')
    // the opening is open to every attendee: all three confirmed delegates count
    expect(cell(`data-headsets="${A.sessions.opening}:total`)).toBe('3')
    expect(cell(`data-diet="${A.sessions.gala}:halal`)).toBe('1')
    expect(cell(`data-diet="${A.sessions.gala}:vegetarian`)).toBe('1')
    expect(cell('data-diet="event:none')).toBe('1')
    expect(cell('data-travel="arrivals:2030-05-19')).toBe('2')
    expect(page).toContain('NH 921: 2')
    expect(page).toContain('Peanuts: 1')
    expect(cell('data-count="hotel')).toBe('1')
  })

  it('approves a pending registration with a ticket and a mail', async () => {
    const response = await organizer.post(`/events/${A.slug}/registrations?lng=en`, {
      intent: 'approve',
      registration_id: reg.smith as string,
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Jane Smith is approved')
    const row = await server.db
      .selectFrom('registrations')
      .select(['status', 'ticket_hash'])
      .where('id', '=', reg.smith as string)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('confirmed')
    expect(row.ticket_hash).not.toBeNull()
    const again = await organizer.post(`/events/${A.slug}/registrations?lng=en`, {
      intent: 'approve',
      registration_id: reg.smith as string,
    })
    expect(again.status).toBe(409)
  })

  it('cancels after a confirmation, moving the first waiting person up and mailing both', async () => {
    const confirm = await (
      await organizer.get(`/events/${A.slug}/registrations?confirm=cancel&registration=${reg.sato}&lng=en`)
    ).text()
    expect(confirm).toContain('Cancel the registration of SATO Kenichi?')
    const response = await organizer.post(`/events/${A.slug}/registrations?lng=en`, {
      intent: 'cancel',
      registration_id: reg.sato as string,
    })
    expect(await response.text()).toContain('1 person(s) moved up from the waiting list')
    const seat = await server.db
      .selectFrom('registration_sessions')
      .select('status')
      .where('registration_id', '=', reg.tanaka as string)
      .executeTakeFirstOrThrow()
    expect(seat.status).toBe('confirmed')
    const mails = await server.db
      .selectFrom('outbox')
      .select('kind')
      .where('registration_id', 'in', [reg.sato as string, reg.tanaka as string])
      .execute()
    expect(mails.map((m) => m.kind).sort()).toEqual(['cancellation', 'waitlist'])
    const page = await (await organizer.get(`/events/${A.slug}/registrations?lng=en`)).text()
    expect(page).toMatch(new RegExp(`data-waiting="${A.sessions.forum}">0<`))
  })

  it('refuses an action on another event’s registration id as not found', async () => {
    const response = await outsider.post(`/events/${B.slug}/registrations?lng=en`, {
      intent: 'cancel',
      registration_id: reg.li as string,
    })
    expect(response.status).toBe(404)
    const row = await server.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', reg.li as string)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('confirmed')
  })
})

describe('importing with invitations', () => {
  const HEADER = '邮箱,姓,名,latin_name,单位,国家,议程'

  function upload(csv: string, event: string) {
    const form = new FormData()
    form.set('intent', 'preview')
    form.set('encoding', 'auto')
    form.set('on_duplicate', 'skip')
    form.set('event', event)
    form.set('file', new Blob([csv]), 'list.csv')
    return form
  }

  it('marks a row naming an unknown session invalid, naming it, and offers no commit', async () => {
    const csv = `${HEADER}\nnew1@example.cn,张,三,ZHANG San,烟台港集团,CN,氢能论坛；闭幕式\n`
    const response = await organizer.request('/people/import?lng=en', { method: 'POST', body: upload(csv, A.slug) })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('data-count="invalid">1<')
    expect(html).toContain('No session of this event is called “闭幕式”.')
    expect(html).not.toContain('name="import_id"')
  })

  it('accepts a session open to all in the sessions column, with a note that it needs no invitation', async () => {
    const csv = `${HEADER}\nopen1@example.cn,张,三,ZHANG San,烟台港集团,CN,开幕式；氢能论坛\n`
    const response = await organizer.request('/people/import?lng=en', { method: 'POST', body: upload(csv, A.slug) })
    const html = await response.text()
    expect(html).toContain('data-count="valid">1<')
    expect(html).toContain('“开幕式” is open to every attendee: nothing to invite to, so it is left out.')
    expect(html).toContain('name="import_id"')
  })

  it('saves the people and their draft invitations with the named sessions in one go', async () => {
    const csv = [
      HEADER,
      // a new person, invited to two sessions named in two languages and full-width separators
      'new2@example.cn,赵,六,ZHAO Liu,烟台港集团,CN,氢能论坛；Gala dinner',
      // already in the directory (skipped as a person) but not yet invited: invited to every session
      'tanaka@example.jp,田中,花子,TANAKA Hanako,,,',
      // already invited: counted as such
      'li.na@example.cn,李,娜,LI Na,,,企业参观',
    ].join('\n')
    const shown = await organizer.request('/people/import?lng=en', { method: 'POST', body: upload(csv, A.slug) })
    const html = await shown.text()
    expect(html).toContain('Also invites every row to:')
    const importId = html.match(/name="import_id" value="([^"]+)"/)?.[1]
    if (!importId) throw new Error(`no commit form: ${html.slice(0, 200)}`)
    expect(html).toContain(`name="event" value="${A.slug}"`)
    const commit = await organizer.post('/people/import?lng=en', {
      intent: 'commit',
      import_id: importId,
      on_duplicate: 'skip',
      event: A.slug,
    })
    expect(commit.status).toBe(302)
    const location = new URL(commit.headers.get('location') ?? '', server.origin)
    expect(location.pathname).toBe(`/events/${A.slug}/invitations`)
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      imported: '1',
      created: '1',
      skipped: '2',
      invited: '2',
      already: '1',
    })
    const zhao = await server.db
      .selectFrom('invitations as i')
      .innerJoin('people as p', 'p.id', 'i.person_id')
      .select(['i.id', 'i.status'])
      .where('p.email', '=', 'new2@example.cn')
      .where('i.event_id', '=', A.id)
      .executeTakeFirstOrThrow()
    expect(zhao.status).toBe('draft')
    const named = await server.db
      .selectFrom('invitation_sessions')
      .select('session_id')
      .where('invitation_id', '=', zhao.id)
      .execute()
    expect(named.map((n) => n.session_id).sort()).toEqual([A.sessions.forum, A.sessions.gala].sort())
    const page = await (await organizer.get(`${location.pathname}${location.search}&lng=en`)).text()
    expect(page).toContain('Import saved: 1 new, 0 updated, 2 skipped.')
    expect(page).toContain('2 draft invitation(s) created; 1 were already invited.')
  })

  it('refuses to invite to an event the organizer may not change', async () => {
    const csv = `${HEADER}\nnew3@example.cn,钱,七,QIAN Qi,,,\n`
    const response = await outsider.request('/people/import?lng=en', { method: 'POST', body: upload(csv, A.slug) })
    expect(response.status).toBe(404)
  })

  it('still ignores the sessions column when no event is chosen', async () => {
    const csv = `${HEADER}\nnew4@example.cn,孙,八,SUN Ba,,,闭幕式\n`
    const response = await organizer.request('/people/import?lng=en', { method: 'POST', body: upload(csv, '') })
    const html = await response.text()
    expect(html).toContain('data-count="valid">1<')
    expect(html).toContain('Columns ignored: 议程')
  })
})

describe('the event overview', () => {
  it('links to the invitations and registrations with the funnel numbers', async () => {
    const page = await (await organizer.get(`/events/${A.slug}?lng=en`)).text()
    expect(page).toContain(`href="/events/${A.slug}/invitations"`)
    expect(page).toContain(`href="/events/${A.slug}/registrations"`)
    expect(page).toMatch(/data-count="invited">\d+</)
  })
})
