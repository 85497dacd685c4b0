/**
 * The organizers' commands on a session's run of show: segments (create, edit, delete, reorder,
 * apply the scheduling helper's order), the organizations and people on stage, protocol ranks and
 * a room's table seats. Every command checks that the records it touches belong to the session,
 * that the people it puts on stage come from the event, and returns a coded result.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, SegmentRow, SessionRow, StageRole } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { audit } from '../audit/audit.server'
import type { SessionUser } from '../auth/session.server'
import { localDateOf } from '../i18n/format'
import type { FieldErrors } from '../validation/field-errors'
import { roomKey } from './rooms'
import { isEventPerson, listSegments, type SegmentDetail } from './run-of-show.server'
import type { NewSegmentInput, PartyInput, SegmentInput, StagePersonInput } from './segment-form'

type Db = Kysely<Database>

export type CommandResult<T = undefined> =
  | ({ ok: true } & (T extends undefined ? { value?: undefined } : { value: T }))
  | { ok: false; errors: FieldErrors }

const notFound = { ok: false as const, errors: { form: { key: 'runOfShow.errors.notFound' } } }

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
  await inTransaction(db, async (trx) => {
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
  await inTransaction(db, async (trx) => {
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
          ? (project?.signed_on ?? localDateOf(new Date(session.starts_at), timezone))
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
    return { ok: false, errors: { form: { key: 'runOfShow.errors.signedProject' } } }
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
      return { ok: false as const, errors: { form: { key: 'runOfShow.errors.staleOrder' } } }
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
  await inTransaction(db, async (trx) => {
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
  await inTransaction(db, async (trx) => {
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
  await inTransaction(db, async (trx) => {
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
  await inTransaction(db, async (trx) => {
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
