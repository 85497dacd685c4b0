/**
 * The readiness board's data: a session's run of show with everyone each segment needs and who
 * of them has been checked in at the session's door (an admission that stands, not undone), and
 * the board as its page shows it.
 */
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language, SessionRow } from '../../db/schema'
import { formatTime } from '../i18n/format'
import { localizedField, pickLocalized, readTriple } from '../i18n/localized'
import { boardReadiness, type SegmentReadiness } from './readiness'
import { onStage, type RunOfShow, runOfShow } from './run-of-show.server'
import { nameView, segmentTitle } from './run-of-show-view.server'

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

/** The board as the page shows it: each segment's time, state, unassigned parties and people. */
export async function readinessPage(
  db: Kysely<Database>,
  event: EventRow,
  session: SessionRow,
  now: Date,
  lng: Language,
) {
  const { show, arrived, readiness } = await readinessBoard(db, session, now)
  const time = (ms: number) => formatTime(new Date(ms).toISOString(), event.timezone, lng)
  return {
    sessionTitle: localizedField(session, 'title', lng),
    asOf: formatTime(now.toISOString(), event.timezone, lng),
    segments: show.timed.map((slot, i) => {
      const s = slot.segment.detail
      const state = readiness[i]
      const partyPerson = `runOfShow.partyPerson.${s.kind}`
      const role = (personId: string) => {
        const party = s.parties.find((p) => p.personId === personId)
        if (party) return { key: partyPerson, org: pickLocalized(readTriple(party.organization, 'name'), lng) }
        if (s.parties.some((p) => p.assistantId === personId)) return { key: 'runOfShow.segment.assistant', org: null }
        const slotRole = s.people.find((p) => p.personId === personId)?.role ?? 'other'
        return { key: `runOfShow.roles.${slotRole}`, org: null }
      }
      const unassigned = new Set(state?.unassigned)
      return {
        id: s.id,
        kind: s.kind,
        title: segmentTitle(s, lng),
        start: time(slot.start),
        end: time(slot.end),
        state: state?.state ?? 'waiting',
        missing: state?.missing.length ?? 0,
        // Parties nobody has been chosen for yet: nobody to wait for, and the segment is not ready.
        unassigned: s.parties
          .filter((p) => unassigned.has(p.id))
          .map((p) => ({ id: p.id, key: partyPerson, org: pickLocalized(readTriple(p.organization, 'name'), lng) })),
        people: slot.segment.people.map((id) => {
          const person = show.people.get(id)
          return {
            ...(person ? nameView(person, lng) : { id, name: '', secondary: '' }),
            role: role(id),
            arrived: arrived.has(id),
          }
        }),
      }
    }),
  }
}
