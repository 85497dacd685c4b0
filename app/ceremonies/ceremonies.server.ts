/**
 * A session's run of show in the database: its segments with the organizations and people on
 * stage, the project each signing produces, what the checks need to know (people's time on other
 * stages across sessions and events, who holds a place at the session, the room's table seats),
 * and the organizers' commands. Every command checks that the records it touches belong to the
 * event, that the people it puts on stage come from the event, and returns a coded result.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, Organization, ProjectRow, SegmentRow, SessionRow, StageRole } from '../../db/schema'
import { audit } from '../audit/audit.server'
import type { SessionUser } from '../auth/session.server'
import { admits } from '../checkin/rules'
import type { FieldErrors } from '../http/form'
import { roomKey } from './rooms'
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
import type { NewSegmentInput, PartyInput, SegmentInput, StagePersonInput } from './segment-form'

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

async function isEventPerson(db: Db, eventId: string, personId: string): Promise<boolean> {
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

/** The people who hold a place at the session (confirmed, with a seat or in a session open to all). */
export async function registeredFor(
  db: Db,
  session: Pick<SessionRow, 'id' | 'event_id' | 'registration_required' | 'vip_only'>,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('registration_sessions as rs', (join) =>
      join.onRef('rs.registration_id', '=', 'r.id').on('rs.session_id', '=', session.id),
    )
    .select(['r.person_id', 'r.status', 'p.vip', 'rs.status as seat'])
    .where('r.event_id', '=', session.event_id)
    .execute()
  const facts = {
    eventId: session.event_id,
    openToAll: session.registration_required === 0,
    vipOnly: session.vip_only === 1,
  }
  return new Set(
    rows
      .filter((r) =>
        admits({ eventId: session.event_id, registrationStatus: r.status, vip: r.vip === 1 }, facts, r.seat ?? null),
      )
      .map((r) => r.person_id),
  )
}

export async function tableSeatsOf(
  db: Db,
  session: Pick<SessionRow, 'event_id' | 'room_zh' | 'room_en' | 'room_ja'>,
): Promise<number | null> {
  const key = roomKey(session)
  if (!key) return null
  const row = await db
    .selectFrom('stage_tables')
    .select('seats')
    .where('event_id', '=', session.event_id)
    .where('room_key', '=', key)
    .executeTakeFirst()
  return row?.seats ?? null
}

export async function protocolRanks(db: Db, eventId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('protocol_ranks')
    .select(['person_id', 'rank'])
    .where('event_id', '=', eventId)
    .execute()
  return new Map(rows.map((r) => [r.person_id, r.rank]))
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
  const [people, { bookings, places }, registered, tableSeats, ranks] = await Promise.all([
    findPeople(db, personIds),
    otherStages(db, personIds, session.id, session.event_id),
    registeredFor(db, session),
    tableSeatsOf(db, session),
    protocolRanks(db, session.event_id),
  ])
  const sessionStart = Date.parse(session.starts_at)
  const issues = checkPlan(plan, {
    sessionStart,
    sessionEnd: Date.parse(session.ends_at),
    bookings,
    registered,
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

// ——— Commands ———

export type CommandResult<T = undefined> =
  | ({ ok: true } & (T extends undefined ? { value?: undefined } : { value: T }))
  | { ok: false; errors: FieldErrors }

const notFound = { ok: false as const, errors: { form: { key: 'ceremonies.errors.notFound' } } }

async function segmentOf(db: Db, sessionId: string, segmentId: string): Promise<SegmentRow | undefined> {
  return db
    .selectFrom('segments')
    .selectAll()
    .where('id', '=', segmentId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst()
}

export async function findSegment(db: Db, sessionId: string, segmentId: string): Promise<SegmentDetail | null> {
  const found = await segmentOf(db, sessionId, segmentId)
  if (!found) return null
  const [detail] = await listSegments(db, [sessionId]).then((all) => all.filter((s) => s.id === segmentId))
  return detail ?? null
}

async function renumber(db: Db, sessionId: string, order: readonly string[], stamp: string): Promise<void> {
  for (const [position, id] of order.entries()) {
    await db
      .updateTable('segments')
      .set({ position, updated_at: stamp })
      .where('id', '=', id)
      .where('session_id', '=', sessionId)
      .execute()
  }
}

export async function createSegment(
  db: Db,
  actor: SessionUser,
  session: SessionRow,
  input: NewSegmentInput,
  now = new Date(),
): Promise<{ ok: true; segmentId: string }> {
  const stamp = nowIso(now)
  const id = newId()
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('segments')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('session_id', '=', session.id)
      .executeTakeFirst()
    const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1
    await trx
      .insertInto('segments')
      .values({
        id,
        event_id: session.event_id,
        session_id: session.id,
        position,
        kind: input.kind,
        title_zh: input.title.zh,
        title_en: input.title.en,
        title_ja: input.title.ja,
        minutes: input.minutes,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
    if (input.kind === 'signing') {
      await trx
        .insertInto('projects')
        .values({
          id: newId(),
          event_id: session.event_id,
          segment_id: id,
          name_zh: input.title.zh,
          name_en: input.title.en,
          name_ja: input.title.ja,
          chain: session.chain,
          amount: null,
          currency: null,
          status: 'planned',
          signed_on: null,
          started_on: null,
          invested_on: null,
          invested_amount: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute()
    }
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'segment.create',
        entityType: 'segment',
        entityId: id,
        detail: { kind: input.kind },
      },
      now,
    )
  })
  return { ok: true, segmentId: id }
}

/** The calendar day of an instant in a time zone (YYYY-MM-DD). */
function dayIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  )
}

export async function updateSegment(
  db: Db,
  actor: SessionUser,
  session: SessionRow,
  timezone: string,
  segmentId: string,
  input: SegmentInput,
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, session.id, segmentId)
  if (!segment) return notFound
  const stamp = nowIso(now)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('segments')
      .set({
        title_zh: input.title.zh,
        title_en: input.title.en,
        title_ja: input.title.ja,
        minutes: input.minutes,
        script_zh: input.script.zh,
        script_en: input.script.en,
        script_ja: input.script.ja,
        award_zh: input.award.zh,
        award_en: input.award.en,
        award_ja: input.award.ja,
        citation_zh: input.citation.zh,
        citation_en: input.citation.en,
        citation_ja: input.citation.ja,
        copies: input.copies,
        updated_at: stamp,
      })
      .where('id', '=', segment.id)
      .execute()
    const p = input.project
    if (segment.kind === 'signing' && p) {
      const project = await trx
        .selectFrom('projects')
        .select(['id', 'status', 'signed_on'])
        .where('segment_id', '=', segment.id)
        .executeTakeFirst()
      // Once signed, the pipeline (started, invested) is kept on the projects page; the signing
      // form only moves a project between planned, confirmed, signed and cancelled.
      const pipeline = project && (project.status === 'started' || project.status === 'invested')
      const status = pipeline && p.status === 'signed' ? project.status : p.status
      const signedOn =
        status === 'signed' || status === 'started' || status === 'invested'
          ? (project?.signed_on ?? dayIn(session.starts_at, timezone))
          : null
      const values = {
        name_zh: p.name.zh,
        name_en: p.name.en,
        name_ja: p.name.ja,
        chain: p.chain,
        amount: p.amount,
        currency: p.currency,
        location_zh: p.location.zh,
        location_en: p.location.en,
        location_ja: p.location.ja,
        description_zh: p.description.zh,
        description_en: p.description.en,
        description_ja: p.description.ja,
        status,
        signed_on: signedOn,
        updated_at: stamp,
      }
      if (project) await trx.updateTable('projects').set(values).where('id', '=', project.id).execute()
      else
        await trx
          .insertInto('projects')
          .values({
            ...values,
            id: newId(),
            event_id: session.event_id,
            segment_id: segment.id,
            started_on: null,
            invested_on: null,
            invested_amount: null,
            created_at: stamp,
          })
          .execute()
    }
    await audit(
      trx,
      { actorUserId: actor.id, action: 'segment.update', entityType: 'segment', entityId: segment.id },
      now,
    )
  })
  return { ok: true }
}

/** Removes a segment. A signing whose project has been signed stays: its project is on record. */
export async function deleteSegment(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, sessionId, segmentId)
  if (!segment) return notFound
  const project = await db
    .selectFrom('projects')
    .select(['id', 'status'])
    .where('segment_id', '=', segment.id)
    .executeTakeFirst()
  if (project && ['signed', 'started', 'invested'].includes(project.status))
    return { ok: false, errors: { form: { key: 'ceremonies.errors.signedProject' } } }
  const stamp = nowIso(now)
  await db.transaction().execute(async (trx) => {
    if (project) await trx.deleteFrom('projects').where('id', '=', project.id).execute()
    await trx.deleteFrom('segments').where('id', '=', segment.id).execute()
    const rest = await trx
      .selectFrom('segments')
      .select('id')
      .where('session_id', '=', sessionId)
      .orderBy('position')
      .execute()
    await renumber(
      trx,
      sessionId,
      rest.map((r) => r.id),
      stamp,
    )
    await audit(
      trx,
      { actorUserId: actor.id, action: 'segment.delete', entityType: 'segment', entityId: segment.id },
      now,
    )
  })
  return { ok: true }
}

/** Moves a segment one place up or down; the planned times follow. */
export async function moveSegment(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  direction: 'up' | 'down',
  now = new Date(),
): Promise<CommandResult> {
  const order = (
    await db.selectFrom('segments').select('id').where('session_id', '=', sessionId).orderBy('position').execute()
  ).map((r) => r.id)
  const from = order.indexOf(segmentId)
  if (from === -1) return notFound
  const to = direction === 'up' ? from - 1 : from + 1
  if (to < 0 || to >= order.length) return { ok: true }
  ;[order[from], order[to]] = [order[to] ?? segmentId, segmentId]
  return applyOrder(db, actor, sessionId, order, now)
}

/** Puts the session's segments in the given order (e.g. the scheduling helper's); it must name each segment once. */
export async function applyOrder(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  order: readonly string[],
  now = new Date(),
): Promise<CommandResult> {
  const stamp = nowIso(now)
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('segments').select('id').where('session_id', '=', sessionId).execute()
    const ids = new Set(current.map((r) => r.id))
    if (order.length !== ids.size || new Set(order).size !== order.length || order.some((id) => !ids.has(id)))
      return { ok: false as const, errors: { form: { key: 'ceremonies.errors.staleOrder' } } }
    await renumber(trx, sessionId, order, stamp)
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'segment.reorder',
        entityType: 'session',
        entityId: sessionId,
        detail: { order },
      },
      now,
    )
    return { ok: true as const }
  })
}

async function checkStagePerson(
  db: Db,
  eventId: string,
  personId: string | null,
  field: string,
  errors: FieldErrors,
): Promise<{ organizationId: string | null } | null> {
  if (!personId) return null
  const person = await db
    .selectFrom('people')
    .select(['id', 'organization_id'])
    .where('id', '=', personId)
    .executeTakeFirst()
  if (!person || !(await isEventPerson(db, eventId, personId))) {
    errors[field] = { key: 'validation.notInEvent' }
    return null
  }
  return { organizationId: person.organization_id }
}

/** Validates a party against the event: the organization exists, the people come from the event, a signatory from the organization. */
async function checkParty(db: Db, segment: SegmentRow, input: PartyInput): Promise<FieldErrors> {
  const errors: FieldErrors = {}
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', input.organizationId)
    .executeTakeFirst()
  if (!org) errors.organization_id = { key: 'validation.choice' }
  const person = await checkStagePerson(db, segment.event_id, input.personId, 'person_id', errors)
  await checkStagePerson(db, segment.event_id, input.assistantId, 'assistant_id', errors)
  if (segment.kind === 'signing' && person && org && person.organizationId !== input.organizationId)
    errors.person_id = { key: 'validation.notOfOrganization' }
  return errors
}

const PARTY_KINDS = new Set(['signing', 'award', 'initiative'])

export async function addParty(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  input: PartyInput,
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, sessionId, segmentId)
  if (!segment || !PARTY_KINDS.has(segment.kind)) return notFound
  const errors = await checkParty(db, segment, input)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('segment_parties')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('segment_id', '=', segment.id)
      .executeTakeFirst()
    await trx
      .insertInto('segment_parties')
      .values({
        id: newId(),
        segment_id: segment.id,
        position: last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1,
        organization_id: input.organizationId,
        person_id: input.personId,
        assistant_id: input.assistantId,
      })
      .execute()
    await touch(trx, actor, segment.id, 'segment.party.add', now, { organizationId: input.organizationId })
  })
  return { ok: true }
}

export async function updateParty(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  partyId: string,
  input: Omit<PartyInput, 'organizationId'>,
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, sessionId, segmentId)
  const party = segment
    ? await db
        .selectFrom('segment_parties')
        .selectAll()
        .where('id', '=', partyId)
        .where('segment_id', '=', segment.id)
        .executeTakeFirst()
    : undefined
  if (!segment || !party) return notFound
  const errors = await checkParty(db, segment, { ...input, organizationId: party.organization_id })
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('segment_parties')
      .set({ person_id: input.personId, assistant_id: input.assistantId })
      .where('id', '=', party.id)
      .execute()
    await touch(trx, actor, segment.id, 'segment.party.update', now, { partyId })
  })
  return { ok: true }
}

export async function removeParty(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  partyId: string,
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, sessionId, segmentId)
  if (!segment) return notFound
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('segment_parties').where('id', '=', partyId).where('segment_id', '=', segment.id).execute()
    await touch(trx, actor, segment.id, 'segment.party.remove', now, { partyId })
  })
  return { ok: true }
}

/** Moves a party one seat left (up) or right (down), or a recipient one place earlier or later. */
export async function moveParty(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  partyId: string,
  direction: 'up' | 'down',
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, sessionId, segmentId)
  if (!segment) return notFound
  await db.transaction().execute(async (trx) => {
    const order = (
      await trx
        .selectFrom('segment_parties')
        .select('id')
        .where('segment_id', '=', segment.id)
        .orderBy('position')
        .execute()
    ).map((r) => r.id)
    const from = order.indexOf(partyId)
    const to = direction === 'up' ? from - 1 : from + 1
    if (from === -1 || to < 0 || to >= order.length) return
    ;[order[from], order[to]] = [order[to] ?? partyId, partyId]
    for (const [position, id] of order.entries())
      await trx.updateTable('segment_parties').set({ position }).where('id', '=', id).execute()
    await touch(trx, actor, segment.id, 'segment.party.move', now, { partyId, direction })
  })
  return { ok: true }
}

export async function addStagePerson(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  input: StagePersonInput,
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, sessionId, segmentId)
  if (!segment) return notFound
  const errors: FieldErrors = {}
  await checkStagePerson(db, segment.event_id, input.personId, 'person_id', errors)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const existing = await db
    .selectFrom('segment_people')
    .select('person_id')
    .where('segment_id', '=', segment.id)
    .where('person_id', '=', input.personId)
    .where('role', '=', input.role)
    .executeTakeFirst()
  if (existing) return { ok: false, errors: { person_id: { key: 'validation.alreadyOnStage' } } }
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('segment_people')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('segment_id', '=', segment.id)
      .executeTakeFirst()
    await trx
      .insertInto('segment_people')
      .values({
        segment_id: segment.id,
        person_id: input.personId,
        role: input.role,
        position: last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1,
      })
      .execute()
    await touch(trx, actor, segment.id, 'segment.person.add', now, { personId: input.personId, role: input.role })
  })
  return { ok: true }
}

export async function removeStagePerson(
  db: Db,
  actor: SessionUser,
  sessionId: string,
  segmentId: string,
  personId: string,
  role: StageRole,
  now = new Date(),
): Promise<CommandResult> {
  const segment = await segmentOf(db, sessionId, segmentId)
  if (!segment) return notFound
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('segment_people')
      .where('segment_id', '=', segment.id)
      .where('person_id', '=', personId)
      .where('role', '=', role)
      .execute()
    await touch(trx, actor, segment.id, 'segment.person.remove', now, { personId, role })
  })
  return { ok: true }
}

async function touch(
  trx: Db,
  actor: SessionUser,
  segmentId: string,
  action: string,
  now: Date,
  detail: Record<string, unknown>,
): Promise<void> {
  await trx
    .updateTable('segments')
    .set({ updated_at: nowIso(now) })
    .where('id', '=', segmentId)
    .execute()
  await audit(trx, { actorUserId: actor.id, action, entityType: 'segment', entityId: segmentId, detail }, now)
}

/** Sets protocol ranks (1 = highest) of an event's people; null removes a rank. People from outside the event are refused. */
export async function setRanks(
  db: Db,
  actor: SessionUser,
  eventId: string,
  ranks: ReadonlyMap<string, number | null>,
  now = new Date(),
): Promise<CommandResult> {
  const errors: FieldErrors = {}
  for (const personId of ranks.keys()) {
    if (!(await isEventPerson(db, eventId, personId))) errors[`rank_${personId}`] = { key: 'validation.notInEvent' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  await db.transaction().execute(async (trx) => {
    for (const [personId, rank] of ranks) {
      await trx.deleteFrom('protocol_ranks').where('event_id', '=', eventId).where('person_id', '=', personId).execute()
      if (rank !== null)
        await trx.insertInto('protocol_ranks').values({ event_id: eventId, person_id: personId, rank }).execute()
    }
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'protocol.ranks',
        entityType: 'event',
        entityId: eventId,
        detail: Object.fromEntries(ranks),
      },
      now,
    )
  })
  return { ok: true }
}

/** Sets the seats at the signing table of a session's room (for every session of the event in that room). */
export async function setTableSeats(
  db: Db,
  actor: SessionUser,
  session: SessionRow,
  seats: number | null,
  now = new Date(),
): Promise<CommandResult> {
  const key = roomKey(session)
  if (!key) return { ok: false, errors: { table_seats: { key: 'validation.noRoom' } } }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('stage_tables').where('event_id', '=', session.event_id).where('room_key', '=', key).execute()
    if (seats !== null)
      await trx.insertInto('stage_tables').values({ event_id: session.event_id, room_key: key, seats }).execute()
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'stage.table_seats',
        entityType: 'session',
        entityId: session.id,
        detail: { seats },
      },
      now,
    )
  })
  return { ok: true }
}
