/**
 * Seeds the reference event (db/seed/demo-event.json) into an empty database: organizations,
 * people, the event and its hosts, and an admin account. All or nothing, in one transaction.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type {
  Database,
  HostRole,
  Language,
  OrganizationKind,
  RegistrationMode,
  SegmentKind,
  SessionKind,
  StageRole,
} from '../../db/schema'
import demo from '../../db/seed/demo-event.json'
import { exclusively } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { generatePassword, hashPassword } from '../auth/password.server'
import { addDays, localDateOf } from '../i18n/format'
import { organizationSearchText, personSearchText } from '../people/search'
import { invitePeople, queueInvitations } from '../registration/invitations.server'
import { declineInvitation, submitRegistration } from '../registration/registration.server'
import { roomKey } from '../run-of-show/rooms'
import { zonedToUtc } from '../time/zoned'

export const DEMO_ADMIN_EMAIL = 'admin@signet.test'
/** The demo event starts this many days after the day it is seeded. */
export const DEMO_LEAD_DAYS = 30

const HOST_ROLES: Record<string, HostRole> = { host: 'host', organizer: 'organizer', 'co-organizer': 'co_organizer' }

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const [users, events] = await Promise.all([
    db.selectFrom('users').select('id').limit(1).execute(),
    db.selectFrom('events').select('id').limit(1).execute(),
  ])
  return users.length === 0 && events.length === 0
}

export interface SeedResult {
  adminEmail: string
  adminPassword: string
  eventSlug: string
}

export type FirstStart = { status: 'seeded'; seed: SeedResult } | { status: 'empty' } | { status: 'not_empty' }

/**
 * At boot: seeds the demo (when `seed`) if the database is empty, and says what it found. The
 * check and the seed run under one lock, so instances starting together on one empty PostgreSQL
 * database seed it once: the others wait, then find it seeded. Run again, it changes nothing.
 */
export function seedDemoOnce(
  db: Kysely<Database>,
  options: { seed: boolean; now?: Date; secret?: string },
): Promise<FirstStart> {
  return exclusively(db, 'demo:seed', async (): Promise<FirstStart> => {
    if (!(await isEmpty(db))) return { status: 'not_empty' }
    if (!options.seed) return { status: 'empty' }
    return { status: 'seeded', seed: await seedDemo(db, options.now ?? new Date(), options.secret) }
  })
}

/**
 * Seeds the demo. With the server's `secret`, the demo people are also invited, most of them
 * registered (through the same domain calls a delegate's form makes), so every screen has data.
 */
export async function seedDemo(db: Kysely<Database>, now = new Date(), secret?: string): Promise<SeedResult> {
  const adminPassword = generatePassword()
  const passwordHash = await hashPassword(adminPassword)
  const stamp = nowIso(now)
  const e = demo.event
  const startsOn = addDays(localDateOf(now, e.timezone), DEMO_LEAD_DAYS)
  const at = (date: string, time: string) => zonedIso(date, time, e.timezone)

  await db.transaction().execute(async (trx) => {
    const adminId = newId()
    await trx
      .insertInto('users')
      .values({
        id: adminId,
        email: DEMO_ADMIN_EMAIL,
        name: 'Signet Admin',
        password_hash: passwordHash,
        is_admin: 1,
        disabled_at: null,
        activated_at: stamp,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()

    const orgIds = new Map<string, string>()
    for (const org of demo.organizations) {
      const id = newId()
      orgIds.set(org.key, id)
      await trx
        .insertInto('organizations')
        .values({
          id,
          key: org.key,
          name_zh: org.name.zh,
          name_en: org.name.en,
          name_ja: org.name.ja,
          country: org.country,
          kind: org.kind as OrganizationKind,
          fortune500: 'fortune500' in org && org.fortune500 ? 1 : 0,
          created_at: stamp,
          updated_at: stamp,
          search_text: organizationSearchText({ name_zh: org.name.zh, name_en: org.name.en, name_ja: org.name.ja }),
        })
        .execute()
    }

    const personIds = new Map<string, string>()
    for (const p of [...demo.people, ...demo.stagePeople]) {
      const org = p.org ? orgIds.get(p.org) : undefined
      const personId = newId()
      personIds.set(p.key, personId)
      const name = {
        family_name: p.family,
        given_name: p.given,
        latin_name: p.latin,
        kana: 'kana' in p ? (p.kana ?? null) : null,
        email: demoEmail(p.latin, p.org),
      }
      await trx
        .insertInto('people')
        .values({
          id: personId,
          key: p.key,
          organization_id: org ?? null,
          ...name,
          search_text: personSearchText(name),
          title_zh: p.title.zh,
          title_en: p.title.en,
          title_ja: p.title.ja,
          phone: null,
          preferred_language: p.lang as Language,
          vip: 'vip' in p && p.vip ? 1 : 0,
          dietary: 'diet' in p && p.diet && p.diet !== 'none' ? p.diet : null,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute()
    }

    const eventId = newId()
    await trx
      .insertInto('events')
      .values({
        id: eventId,
        slug: e.slug,
        title_zh: e.title.zh,
        title_en: e.title.en,
        title_ja: e.title.ja,
        description_zh: '',
        description_en: '',
        description_ja: '',
        timezone: e.timezone,
        starts_on: startsOn,
        ends_on: addDays(startsOn, e.days - 1),
        venue_zh: e.venue.zh,
        venue_en: e.venue.en,
        venue_ja: e.venue.ja,
        address_zh: '中国山东省烟台市',
        address_en: 'Yantai, Shandong, China',
        address_ja: '中国山東省煙台市',
        registration_opens_at: stamp,
        registration_closes_at: at(addDays(startsOn, -3), '18:00'),
        registration_mode: e.registration as RegistrationMode,
        status: 'published',
        languages: e.languages.join(','),
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()

    const sessionIds = await seedSessions(trx, eventId, startsOn, orgIds, stamp)
    await seedRunOfShow(trx, eventId, { sessionIds, orgIds, personIds }, stamp)

    let position = 0
    for (const host of demo.hosts) {
      const organizationId = orgIds.get(host.org)
      const role = HOST_ROLES[host.role]
      if (!organizationId || !role) throw new Error(`demo seed: unknown host ${host.org} (${host.role})`)
      await trx
        .insertInto('event_hosts')
        .values({ event_id: eventId, organization_id: organizationId, role, position: position++ })
        .execute()
    }
    await audit(
      trx,
      { actorUserId: null, action: 'demo.seed', entityType: 'event', entityId: eventId, detail: { slug: e.slug } },
      now,
    )
  })
  if (secret) await seedRegistrations(db, secret, e.slug, now)
  return { adminEmail: DEMO_ADMIN_EMAIL, adminPassword, eventSlug: e.slug }
}

/** Who declines, and who has not answered yet, among the demo people (by seed key order). */
const DECLINING = 2
const NOT_ANSWERED = 3

async function seedRegistrations(db: Kysely<Database>, secret: string, slug: string, now: Date): Promise<void> {
  const event = await db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
  const people = await db.selectFrom('people').selectAll().orderBy('key').execute()
  const sessions = await db
    .selectFrom('sessions')
    .select(['id', 'kind', 'starts_at'])
    .where('event_id', '=', event.id)
    .where('registration_required', '=', 1)
    .orderBy('starts_at')
    .execute()
  const actor = { userId: null }
  await invitePeople(
    db,
    event,
    people.map((p) => ({ personId: p.id })),
    actor,
    now,
  )
  await queueInvitations(db, secret, event.id, 'all', 'send', actor, now)
  // The demo's invitations count as delivered: their addresses are under .invalid.
  await db
    .updateTable('invitations')
    .set({ status: 'sent', sent_at: nowIso(now) })
    .where('event_id', '=', event.id)
    .execute()
  await db.deleteFrom('outbox').where('event_id', '=', event.id).execute()
  const invitations = await db
    .selectFrom('invitations')
    .select(['id', 'person_id'])
    .where('event_id', '=', event.id)
    .execute()
  const invitationOf = new Map(invitations.map((i) => [i.person_id, i.id]))
  const forums = sessions.filter((s) => s.kind !== 'site_visit')
  const visits = sessions.filter((s) => s.kind === 'site_visit')
  // Signatories and the people receiving awards register, for the sessions where they are on stage.
  const onStage = await db
    .selectFrom('segment_parties as p')
    .innerJoin('segments as s', 's.id', 'p.segment_id')
    .select(['p.person_id', 's.session_id'])
    .where('s.event_id', '=', event.id)
    .where('s.kind', 'in', ['signing', 'award'])
    .execute()
  const stageSessions = (personId: string) =>
    sessions.filter((s) => onStage.some((o) => o.person_id === personId && o.session_id === s.id))
  const answering = people.filter((p) => stageSessions(p.id).length === 0 && !onStage.some((o) => o.person_id === p.id))
  const silent = new Set(answering.slice(-NOT_ANSWERED).map((p) => p.id))
  const declining = new Set(answering.slice(-NOT_ANSWERED - DECLINING, -NOT_ANSWERED).map((p) => p.id))
  for (const [n, person] of people.entries()) {
    const invitationId = invitationOf.get(person.id)
    if (!invitationId) continue
    if (silent.has(person.id)) continue
    if (declining.has(person.id)) {
      await declineInvitation(db, invitationId, actor, now)
      continue
    }
    const chosen = [...stageSessions(person.id), forums[n % forums.length], visits[n % visits.length]].filter(
      (s) => s !== undefined,
    )
    // Parallel forums: keep only choices that do not overlap (the first of each time slot).
    const sessionIds = chosen
      .filter((s, i) => chosen.findIndex((o) => o.starts_at === s.starts_at) === i)
      .map((s) => s.id)
    const result = await submitRegistration(
      db,
      secret,
      {
        invitationId,
        lng: person.preferred_language,
        source: 'invitation',
        input: {
          familyName: person.family_name,
          givenName: person.given_name,
          latinName: person.latin_name,
          kana: person.kana,
          title: { zh: person.title_zh, en: person.title_en, ja: person.title_ja }[person.preferred_language] ?? '',
          organization: '',
          email: person.email ?? `${person.id}@guest.signet.invalid`,
          phone: '',
          language: person.preferred_language,
          diet: person.dietary === 'halal' || person.dietary === 'vegetarian' ? person.dietary : 'none',
          allergies: '',
          accessibility: '',
          interpretation: person.preferred_language === 'zh' ? '' : person.preferred_language,
          arrivalDate: addDays(event.starts_on, -1),
          arrivalTransport: n % 2 === 0 ? 'NH 921' : 'JL 021',
          departureDate: event.ends_on,
          departureTransport: n % 2 === 0 ? 'NH 922' : 'JL 022',
          hotelNeeded: n % 3 !== 0,
          sessionIds,
          submissionKey: null,
        },
      },
      now,
    )
    if (!result.ok) throw new Error(`demo seed: registration refused: ${JSON.stringify(result.errors)}`)
  }
  // Confirmation mails to .invalid addresses would only bounce.
  await db.deleteFrom('outbox').where('event_id', '=', event.id).execute()
}

/** Fictional people get addresses under the reserved .invalid domain: nothing can ever be delivered. */
function demoEmail(latin: string, orgKey: string | null): string {
  const local = latin
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '')
  return `${local}@${orgKey ?? 'guest'}.signet.invalid`
}

function zonedIso(date: string, time: string, timeZone: string): string {
  const result = zonedToUtc(date, time, timeZone)
  if (!result.ok) throw new Error(`demo seed: ${date} ${time} does not exist in ${timeZone}`)
  return result.iso
}

/** Companies each site visit goes to (the article names them in the visits' titles). */
const VISITS: Record<string, string[]> = {
  'visit-yeda': ['wanhua'],
  'visit-longkou': ['yulong'],
  'visit-port': ['yantai-port', 'cimc-raffles'],
}

/** The meeting point without its time: 'Hotel lobby, meet 08:15' -> 'Hotel lobby'. */
function placeOnly(text: string): string {
  return text
    .replace(/,?\s*meet\s*\d{2}:\d{2}/i, '')
    .replace(/\s*\d{2}:\d{2}\s*集合/, '')
    .trim()
}

async function seedSessions(
  trx: Kysely<Database>,
  eventId: string,
  startsOn: string,
  orgIds: Map<string, string>,
  stamp: string,
): Promise<Map<string, string>> {
  const tz = demo.event.timezone
  const ids = new Map<string, string>()
  for (const s of demo.sessions) {
    const date = addDays(startsOn, s.day - 1)
    const id = newId()
    ids.set(s.key, id)
    const meeting = 'meetingPoint' in s && s.meetingPoint ? s.meetingPoint : null
    const meetingTime = meeting ? /\d{2}:\d{2}/.exec(meeting.en)?.[0] : undefined
    await trx
      .insertInto('sessions')
      .values({
        id,
        event_id: eventId,
        kind: s.kind as SessionKind,
        title_zh: s.title.zh,
        title_en: s.title.en,
        title_ja: s.title.ja,
        description_zh: '',
        description_en: '',
        description_ja: '',
        starts_at: zonedIso(date, s.start, tz),
        ends_at: zonedIso(date, s.end, tz),
        room_zh: 'room' in s && s.room ? s.room.zh : '',
        room_en: 'room' in s && s.room ? s.room.en : '',
        room_ja: 'room' in s && s.room ? s.room.ja : '',
        capacity: s.capacity,
        // Every delegate may attend the opening; the rest are registered for.
        registration_required: s.kind === 'ceremony' ? 0 : 1,
        vip_only: 0,
        interpretation: 'interpretation' in s && s.interpretation ? s.interpretation.join(',') : '',
        chain: 'chain' in s && s.chain ? s.chain : null,
        meeting_point_zh: meeting ? placeOnly(meeting.zh) : '',
        meeting_point_en: meeting ? placeOnly(meeting.en) : '',
        meeting_point_ja: meeting ? placeOnly(meeting.ja) : '',
        meeting_at: meetingTime ? zonedIso(date, meetingTime, tz) : null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
    const buses = 'buses' in s && s.buses ? s.buses : 0
    for (let i = 0; i < buses; i++) {
      await trx
        .insertInto('session_buses')
        .values({
          id: newId(),
          session_id: id,
          label: String(i + 1),
          seats: Math.ceil(s.capacity / buses),
          position: i,
        })
        .execute()
    }
    for (const [position, key] of (VISITS[s.key] ?? []).entries()) {
      const organizationId = orgIds.get(key)
      if (!organizationId) throw new Error(`demo seed: unknown company ${key}`)
      await trx
        .insertInto('session_visits')
        .values({ session_id: id, organization_id: organizationId, position })
        .execute()
    }
  }
  return ids
}

interface DemoKeys {
  sessionIds: Map<string, string>
  orgIds: Map<string, string>
  personIds: Map<string, string>
}

type Triple = { zh: string; en: string; ja: string }
const EMPTY: Triple = { zh: '', en: '', ja: '' }

/**
 * The reference run of show: the opening's speeches, award and initiative, and the three
 * signings with their projects. Each organization coming up is represented by the first demo
 * person of that organization; protocol ranks and table seats as in the seed.
 */
async function seedRunOfShow(trx: Kysely<Database>, eventId: string, keys: DemoKeys, stamp: string): Promise<void> {
  const everyone = [...demo.people, ...demo.stagePeople]
  const need = (map: Map<string, string>, key: string, what: string) => {
    const id = map.get(key)
    if (!id) throw new Error(`demo seed: unknown ${what} ${key}`)
    return id
  }
  const representative = (orgKey: string) => {
    const person = everyone.find((p) => p.org === orgKey)
    if (!person) throw new Error(`demo seed: nobody represents ${orgKey}`)
    return need(keys.personIds, person.key, 'person')
  }
  const positions = new Map<string, number>()
  for (const item of demo.runOfShow) {
    const sessionId = need(keys.sessionIds, item.session, 'session')
    const position = positions.get(sessionId) ?? 0
    positions.set(sessionId, position + 1)
    const segmentId = newId()
    const award: Triple = 'award' in item && item.award ? item.award : EMPTY
    const citation: Triple = 'citation' in item && item.citation ? item.citation : EMPTY
    const project = 'project' in item && item.project ? item.project : null
    await trx
      .insertInto('segments')
      .values({
        id: segmentId,
        event_id: eventId,
        session_id: sessionId,
        position,
        kind: item.kind as SegmentKind,
        title_zh: item.title.zh,
        title_en: item.title.en,
        title_ja: item.title.ja,
        minutes: item.minutes,
        script_zh: item.script.zh,
        script_en: item.script.en,
        script_ja: item.script.ja,
        award_zh: award.zh,
        award_en: award.en,
        award_ja: award.ja,
        citation_zh: citation.zh,
        citation_en: citation.en,
        citation_ja: citation.ja,
        copies: project?.copies ?? null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
    const roles: [StageRole, string[]][] = [
      ['speaker', 'onStage' in item && item.onStage ? item.onStage : []],
      ['presenter', 'presenters' in item && item.presenters ? item.presenters : []],
      ['witness', 'witnesses' in item && item.witnesses ? item.witnesses : []],
    ]
    let slot = 0
    for (const [role, people] of roles) {
      for (const key of people) {
        await trx
          .insertInto('segment_people')
          .values({ segment_id: segmentId, person_id: need(keys.personIds, key, 'person'), role, position: slot++ })
          .execute()
      }
    }
    const parties = [
      ...('parties' in item && item.parties ? item.parties : []),
      ...('recipients' in item && item.recipients ? item.recipients : []),
    ]
    for (const [seat, orgKey] of parties.entries()) {
      await trx
        .insertInto('segment_parties')
        .values({
          id: newId(),
          segment_id: segmentId,
          position: seat,
          organization_id: need(keys.orgIds, orgKey, 'organization'),
          person_id: representative(orgKey),
          assistant_id: null,
        })
        .execute()
    }
    if (item.kind === 'signing' && project) {
      await trx
        .insertInto('projects')
        .values({
          id: newId(),
          event_id: eventId,
          segment_id: segmentId,
          name_zh: project.name.zh,
          name_en: project.name.en,
          name_ja: project.name.ja,
          chain: 'chain' in item && item.chain ? item.chain : null,
          amount: `${project.amount}.00`,
          currency: project.currency,
          location_zh: project.location.zh,
          location_en: project.location.en,
          location_ja: project.location.ja,
          status: 'confirmed',
          signed_on: null,
          started_on: null,
          invested_on: null,
          invested_amount: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute()
    }
  }
  for (const [key, rank] of Object.entries(demo.protocol.ranks)) {
    await trx
      .insertInto('protocol_ranks')
      .values({ event_id: eventId, person_id: need(keys.personIds, key, 'person'), rank })
      .execute()
  }
  for (const [room, seats] of Object.entries(demo.stageTables)) {
    if (typeof seats !== 'number') continue
    const key = roomKey({ room_zh: room, room_en: '', room_ja: '' })
    if (key) await trx.insertInto('stage_tables').values({ event_id: eventId, room_key: key, seats }).execute()
  }
}
