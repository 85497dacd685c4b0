/**
 * The organizers' commands on a session's run of show: its segments (create, edit, delete,
 * reorder, apply the scheduling helper's order). Who is on a segment's stage is stage.server.ts;
 * protocol ranks and a room's table seats are protocol.server.ts. Every command checks that the
 * records it touches belong to the session, and returns a coded result.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, SegmentRow, SessionRow } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { audit } from '../audit/audit.server'
import type { SessionUser } from '../auth/session.server'
import { localDateOf } from '../i18n/format'
import type { FieldErrors } from '../validation/field-errors'
import { listSegments, type SegmentDetail } from './run-of-show.server'
import type { NewSegmentInput, SegmentInput } from './segment-form'

type Db = Kysely<Database>

export type CommandResult<T = undefined> =
  | ({ ok: true } & (T extends undefined ? { value?: undefined } : { value: T }))
  | { ok: false; errors: FieldErrors }

/** A segment that is not the session's. */
export const segmentNotFound = { ok: false as const, errors: { form: { key: 'runOfShow.errors.segmentNotFound' } } }

/** The segment, if it belongs to the session. */
export async function segmentOf(db: Db, sessionId: string, segmentId: string): Promise<SegmentRow | undefined> {
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
  if (!segment) return segmentNotFound
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
  if (!segment) return segmentNotFound
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
  if (from === -1) return segmentNotFound
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
