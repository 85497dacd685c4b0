/**
 * A session's run of show in the database: its segments with the organizations and people on
 * stage, the project each signing produces, the people of the event and their time on other
 * stages across sessions and events, and the run of show with its planned times and every
 * check's findings (the rest of what the checks need to know is check-facts.server.ts; the
 * organizers' commands are in segments.server.ts, stage.server.ts and protocol.server.ts).
 */
import type { Kysely } from 'kysely'
import type { Database, Organization, ProjectRow, SegmentRow, SessionRow, StageRole } from '../../db/schema'
import { absencesAt, protocolRanks, registeredFor, tableSeatsOf } from './check-facts.server'
import {
  type Booking,
  checkPlan,
  type PlanIssue,
  type PlanSegment,
  plannedTimes,
  proposeSchedule,
  type ScheduleResult,
  type Timed,
} from './rules'

type Db = Kysely<Database>

export type OrgRef = Pick<Organization, 'id' | 'name_zh' | 'name_en' | 'name_ja' | 'country'>

export interface PartyDetail {
  id: string
  position: number
  organization: OrgRef
  /** the signatory, the person receiving, or the representative */
  personId: string | null
  assistantId: string | null
}

export interface StageSlot {
  personId: string
  role: StageRole
  position: number
}

export interface SegmentDetail extends SegmentRow {
  parties: PartyDetail[]
  people: StageSlot[]
  project: ProjectRow | null
}

export interface PersonRef {
  id: string
  familyName: string
  givenName: string
  latinName: string
  kana: string | null
  organizationId: string | null
  title_zh: string | null
  title_en: string | null
  title_ja: string | null
  vip: boolean
}

/** Where someone else is on stage: the segment, its session and event, and its planned time. */
export interface Place {
  segmentId: string
  title: Record<'zh' | 'en' | 'ja', string>
  sessionId: string
  sessionTitle: Record<'zh' | 'en' | 'ja', string>
  eventSlug: string
  eventTitle: Record<'zh' | 'en' | 'ja', string>
  sameEvent: boolean
  start: number
  end: number
}

/** Segments of some sessions, each with its parties, people and project, in session then stage order. */
export async function listSegments(db: Db, sessionIds: readonly string[]): Promise<SegmentDetail[]> {
  if (sessionIds.length === 0) return []
  const segments = await db
    .selectFrom('segments')
    .selectAll()
    .where('session_id', 'in', [...sessionIds])
    .orderBy('session_id')
    .orderBy('position')
    .execute()
  if (segments.length === 0) return []
  const ids = segments.map((s) => s.id)
  const [parties, people, projects] = await Promise.all([
    db
      .selectFrom('segment_parties as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select([
        'p.id',
        'p.segment_id',
        'p.position',
        'p.person_id',
        'p.assistant_id',
        'o.id as org_id',
        'o.name_zh',
        'o.name_en',
        'o.name_ja',
        'o.country',
      ])
      .where('p.segment_id', 'in', ids)
      .orderBy('p.position')
      .execute(),
    db.selectFrom('segment_people').selectAll().where('segment_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('projects').selectAll().where('segment_id', 'in', ids).execute(),
  ])
  return segments.map((s) => ({
    ...s,
    parties: parties
      .filter((p) => p.segment_id === s.id)
      .map((p) => ({
        id: p.id,
        position: p.position,
        personId: p.person_id,
        assistantId: p.assistant_id,
        organization: { id: p.org_id, name_zh: p.name_zh, name_en: p.name_en, name_ja: p.name_ja, country: p.country },
      })),
    people: people
      .filter((p) => p.segment_id === s.id)
      .map((p) => ({ personId: p.person_id, role: p.role, position: p.position })),
    project: projects.find((p) => p.segment_id === s.id) ?? null,
  }))
}

/** Everyone a segment puts on stage, in stage order: speakers, presenters, witnesses …, then the parties' people, then assistants. */
export function onStage(segment: Pick<SegmentDetail, 'parties' | 'people'>): string[] {
  const ids = [
    ...segment.people.map((p) => p.personId),
    ...segment.parties.map((p) => p.personId),
    ...segment.parties.map((p) => p.assistantId),
  ].filter((id): id is string => id !== null)
  return [...new Set(ids)]
}

/** The people who must hold a place at the session: signatories and the people receiving awards. */
export function mustRegisterOf(segment: Pick<SegmentDetail, 'kind' | 'parties'>): string[] {
  if (segment.kind !== 'signing' && segment.kind !== 'award') return []
  return segment.parties.map((p) => p.personId).filter((id): id is string => id !== null)
}

export function toPlanSegment(segment: SegmentDetail): PlanSegment {
  return {
    id: segment.id,
    kind: segment.kind,
    minutes: segment.minutes,
    people: onStage(segment),
    parties:
      segment.kind === 'signing'
        ? segment.parties.map((p) => ({
            organizationId: p.organization.id,
            signatoryId: p.personId,
            assistantId: p.assistantId,
          }))
        : undefined,
    organizations: segment.kind === 'signing' ? undefined : segment.parties.map((p) => p.organization.id),
  }
}

const PERSON_COLUMNS = [
  'id',
  'family_name',
  'given_name',
  'latin_name',
  'kana',
  'organization_id',
  'title_zh',
  'title_en',
  'title_ja',
  'vip',
] as const

export async function findPeople(db: Db, ids: readonly string[]): Promise<Map<string, PersonRef>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((r) => [r.id, personRef(r)]))
}

function personRef(r: {
  id: string
  family_name: string
  given_name: string
  latin_name: string
  kana: string | null
  organization_id: string | null
  title_zh: string | null
  title_en: string | null
  title_ja: string | null
  vip: number
}): PersonRef {
  return {
    id: r.id,
    familyName: r.family_name,
    givenName: r.given_name,
    latinName: r.latin_name,
    kana: r.kana,
    organizationId: r.organization_id,
    title_zh: r.title_zh,
    title_en: r.title_en,
    title_ja: r.title_ja,
    vip: r.vip === 1,
  }
}

/** The people of an event: everyone invited to it or registered for it, by Latin name. */
export async function eventPeople(db: Db, eventId: string): Promise<PersonRef[]> {
  const rows = await db
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('invitations').select('person_id').where('event_id', '=', eventId)),
        eb('id', 'in', eb.selectFrom('registrations').select('person_id').where('event_id', '=', eventId)),
      ]),
    )
    .orderBy('latin_name')
    .execute()
  return rows.map(personRef)
}

/** Whether someone is invited to or registered for the event: who may be put on stage. */
export async function isEventPerson(db: Db, eventId: string, personId: string): Promise<boolean> {
  const [invited, registered] = await Promise.all([
    db
      .selectFrom('invitations')
      .select('id')
      .where('event_id', '=', eventId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
    db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', eventId)
      .where('person_id', '=', personId)
      .executeTakeFirst(),
  ])
  return invited !== undefined || registered !== undefined
}

/**
 * Where the given people are on stage in other sessions (of any event): one booking per person and
 * segment, with the planned times of those sessions' runs of show.
 */
export async function otherStages(
  db: Db,
  personIds: readonly string[],
  sessionId: string,
  eventId: string,
): Promise<{ bookings: Booking[]; places: Map<string, Place> }> {
  const bookings: Booking[] = []
  const places = new Map<string, Place>()
  if (personIds.length === 0) return { bookings, places }
  const ids = [...new Set(personIds)]
  const [viaPeople, viaParties] = await Promise.all([
    db
      .selectFrom('segment_people as sp')
      .innerJoin('segments as s', 's.id', 'sp.segment_id')
      .select('s.session_id')
      .distinct()
      .where('sp.person_id', 'in', ids)
      .where('s.session_id', '!=', sessionId)
      .execute(),
    db
      .selectFrom('segment_parties as p')
      .innerJoin('segments as s', 's.id', 'p.segment_id')
      .select('s.session_id')
      .distinct()
      .where((eb) => eb.or([eb('p.person_id', 'in', ids), eb('p.assistant_id', 'in', ids)]))
      .where('s.session_id', '!=', sessionId)
      .execute(),
  ])
  const sessionIds = [...new Set([...viaPeople, ...viaParties].map((r) => r.session_id))]
  if (sessionIds.length === 0) return { bookings, places }
  const [sessions, segments] = await Promise.all([
    db
      .selectFrom('sessions as s')
      .innerJoin('events as e', 'e.id', 's.event_id')
      .select([
        's.id',
        's.starts_at',
        's.title_zh',
        's.title_en',
        's.title_ja',
        'e.id as event_id',
        'e.slug',
        'e.title_zh as event_zh',
        'e.title_en as event_en',
        'e.title_ja as event_ja',
      ])
      .where('s.id', 'in', sessionIds)
      .execute(),
    listSegments(db, sessionIds),
  ])
  const wanted = new Set(ids)
  for (const session of sessions) {
    const own = segments.filter((s) => s.session_id === session.id).map((d) => ({ ...toPlanSegment(d), detail: d }))
    for (const slot of plannedTimes(Date.parse(session.starts_at), own)) {
      const here = slot.segment.people.filter((p) => wanted.has(p))
      if (here.length === 0) continue
      const d = slot.segment.detail
      places.set(slot.segment.id, {
        segmentId: slot.segment.id,
        title: { zh: d.title_zh, en: d.title_en, ja: d.title_ja },
        sessionId: session.id,
        sessionTitle: { zh: session.title_zh, en: session.title_en, ja: session.title_ja },
        eventSlug: session.slug,
        eventTitle: { zh: session.event_zh, en: session.event_en, ja: session.event_ja },
        sameEvent: session.event_id === eventId,
        start: slot.start,
        end: slot.end,
      })
      for (const personId of here) bookings.push({ personId, start: slot.start, end: slot.end, label: slot.segment.id })
    }
  }
  return { bookings, places }
}

export interface RunOfShow {
  segments: SegmentDetail[]
  timed: Timed<PlanSegment & { detail: SegmentDetail }>[]
  issues: PlanIssue[]
  people: Map<string, PersonRef>
  places: Map<string, Place>
  tableSeats: number | null
  ranks: Map<string, number>
  registered: Set<string>
  bookings: Booking[]
}

/** A session's run of show with its planned times and every check's findings. */
export async function runOfShow(db: Db, session: SessionRow): Promise<RunOfShow> {
  const segments = await listSegments(db, [session.id])
  const plan = segments.map((detail) => ({ ...toPlanSegment(detail), detail }))
  const personIds = [...new Set(plan.flatMap((s) => s.people))]
  const [people, { bookings, places }, registered, tableSeats, ranks, absence] = await Promise.all([
    findPeople(db, personIds),
    otherStages(db, personIds, session.id, session.event_id),
    registeredFor(db, session),
    tableSeatsOf(db, session),
    protocolRanks(db, session.event_id),
    absencesAt(db, session, personIds),
  ])
  const sessionStart = Date.parse(session.starts_at)
  const issues = checkPlan(plan, {
    sessionStart,
    sessionEnd: Date.parse(session.ends_at),
    bookings,
    registered,
    absence,
    mustRegister: new Set(segments.flatMap(mustRegisterOf)),
    tableSeats,
  })
  return {
    segments,
    timed: plannedTimes(sessionStart, plan),
    issues,
    people,
    places,
    tableSeats,
    ranks,
    registered,
    bookings,
  }
}

/** The scheduling helper's proposal for a session (ADR 0013). */
export function proposeOrder(show: RunOfShow, session: SessionRow): ScheduleResult<PlanSegment> {
  return proposeSchedule(
    show.segments.map(toPlanSegment),
    { sessionStart: Date.parse(session.starts_at), bookings: show.bookings },
    show.ranks,
  )
}
