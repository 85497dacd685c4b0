/** The readiness page's view: the board (readiness.server.ts) in the reader's language and the event's time zone. */
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language, SessionRow } from '../../db/schema'
import { formatTime } from '../i18n/format'
import { localizedField, pickLocalized, readTriple } from '../i18n/localized'
import { readinessBoard } from './readiness.server'
import { nameView, segmentTitle } from './views-page.server'

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
