/**
 * The readiness board's data: a session's run of show with everyone each segment needs and who
 * of them has been checked in at the session's door (an admission that stands, not undone), and
 * the board as its page shows it.
 */
import type { Kysely } from 'kysely'
import type { Database, SessionRow } from '../../db/schema'
import { boardReadiness, type SegmentReadiness } from './readiness'
import { onStage, type RunOfShow, runOfShow } from './run-of-show.server'

export async function arrivedAt(db: Kysely<Database>, sessionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('checkins as c')
    .innerJoin('registrations as r', 'r.id', 'c.registration_id')
    .select('r.person_id')
    .distinct()
    .where('c.session_id', '=', sessionId)
    .where('c.status', '=', 'ok')
    .where('c.undone_at', 'is', null)
    .execute()
  return new Set(rows.map((r) => r.person_id))
}

export interface Board {
  show: RunOfShow
  arrived: Set<string>
  readiness: SegmentReadiness[]
}

export async function readinessBoard(db: Kysely<Database>, session: SessionRow, now: Date): Promise<Board> {
  const [show, arrived] = await Promise.all([runOfShow(db, session), arrivedAt(db, session.id)])
  const readiness = boardReadiness(
    show.timed.map((slot) => ({
      id: slot.segment.id,
      start: slot.start,
      end: slot.end,
      needed: onStage(slot.segment.detail),
      unassigned: slot.segment.detail.parties.filter((p) => p.personId === null).map((p) => p.id),
    })),
    arrived,
    now.getTime(),
  )
  return { show, arrived, readiness }
}
