/**
 * Who is on a segment's stage: the organizations taking part (parties, with their signatory or
 * awardee and an assistant) and the people with a role on stage. Every command checks that the
 * segment belongs to the session and that the people come from the event, and returns a coded
 * result.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, SegmentRow, StageRole } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { audit } from '../audit/audit.server'
import type { SessionUser } from '../auth/session.server'
import type { FieldErrors } from '../validation/field-errors'
import { isEventPerson } from './run-of-show.server'
import type { PartyInput, StagePersonInput } from './segment-form'
import { type CommandResult, segmentNotFound, segmentOf } from './segments.server'

type Db = Kysely<Database>

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
  if (!segment || !PARTY_KINDS.has(segment.kind)) return segmentNotFound
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
  if (!segment || !party) return segmentNotFound
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
  if (!segment) return segmentNotFound
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
  if (!segment) return segmentNotFound
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
  if (!segment) return segmentNotFound
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
  if (!segment) return segmentNotFound
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
