/**
 * The event overview's data: the event's facts in the reader's language and time zone, its hosts
 * by role, the invitations' funnel, and its sessions as a timetable by day or by room with the
 * rooms booked twice.
 */
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language } from '../../db/schema'
import { formatDateTime, formatDay } from '../i18n/format'
import { invitationFunnel } from '../registration/invitations.server'
import { buildTimetable, roomClashList, roomTimetable } from '../sessions/session-view'
import { listSessions } from '../sessions/sessions.server'
import { eventView, hostGroups } from './event-view'
import type { EventHost } from './events.server'

export type EventPage = Awaited<ReturnType<typeof eventPage>>

/** The overview of `event`, its timetable shown by day or by room (`view`). */
export async function eventPage(
  db: Kysely<Database>,
  event: EventRow,
  hosts: readonly EventHost[],
  view: 'day' | 'room',
  lng: Language,
) {
  const tz = event.timezone
  const [sessions, funnel] = await Promise.all([listSessions(db, event.id), invitationFunnel(db, event.id)])
  const instant = (iso: string | null) => (iso ? formatDateTime(iso, tz, lng) : null)
  return {
    ...eventView(event, lng),
    titles: { zh: event.title_zh, en: event.title_en, ja: event.title_ja },
    registrationOpens: instant(event.registration_opens_at),
    registrationCloses: instant(event.registration_closes_at),
    hosts: hostGroups(hosts, lng),
    view,
    sessionCount: sessions.length,
    funnel,
    days: view === 'day' ? buildTimetable(sessions, lng, tz).map((d) => ({ ...d, label: formatDay(d.date, lng) })) : [],
    rooms: view === 'room' ? roomTimetable(sessions, lng, tz) : [],
    clashes: roomClashList(sessions, lng, tz),
  }
}
