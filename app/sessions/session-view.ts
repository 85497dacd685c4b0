/**
 * What a page shows of a session, in the reader's language and the event's time zone. Pure;
 * shared by the organizer and the public pages.
 */
import type { Language } from '../i18n/i18n'
import { type LocalizedText, localizedField, pickLocalized } from '../i18n/localized'
import { utcToZoned } from '../time/zoned'
import type { SessionDetail } from './sessions.server'
import { groupByDay, parallelRows } from './timetable'

export interface SessionView {
  id: string
  kind: SessionDetail['kind']
  title: LocalizedText
  description: LocalizedText
  room: LocalizedText
  /** local YYYY-MM-DD, HH:MM in the event's time zone */
  date: string
  start: string
  end: string
  capacity: number | null
  registrationRequired: boolean
  interpretation: string[]
  chain: string | null
  meetingPoint: LocalizedText | null
  meetingTime: string | null
  buses: { label: string; seats: number }[]
  visits: LocalizedText[]
}

export function toSessionView(s: SessionDetail, lng: Language, timeZone: string): SessionView {
  const start = utcToZoned(s.starts_at, timeZone)
  const meeting = localizedField(s, 'meeting_point', lng)
  return {
    id: s.id,
    kind: s.kind,
    title: localizedField(s, 'title', lng),
    description: localizedField(s, 'description', lng),
    room: localizedField(s, 'room', lng),
    date: start.date,
    start: start.time,
    end: utcToZoned(s.ends_at, timeZone).time,
    capacity: s.capacity,
    registrationRequired: s.registration_required === 1,
    interpretation: s.interpretation ? s.interpretation.split(',') : [],
    chain: s.chain,
    meetingPoint: meeting.text ? meeting : null,
    meetingTime: s.meeting_at ? utcToZoned(s.meeting_at, timeZone).time : null,
    buses: s.buses.map(({ label, seats }) => ({ label, seats })),
    visits: s.visits.map((org) => pickLocalized({ zh: org.name_zh, en: org.name_en, ja: org.name_ja }, lng)),
  }
}

export interface TimetableDay {
  date: string
  /** rows in time order; a row of several sessions runs in parallel */
  rows: SessionView[][]
}

/** The timetable: days in order, parallel sessions side by side. */
export function buildTimetable(sessions: readonly SessionDetail[], lng: Language, timeZone: string): TimetableDay[] {
  const timed = sessions.map((s) => ({
    id: s.id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    room: { zh: s.room_zh, en: s.room_en, ja: s.room_ja },
    view: toSessionView(s, lng, timeZone),
  }))
  return groupByDay(timed, timeZone).map((day) => ({
    date: day.date,
    rows: parallelRows(day.sessions).map((row) => row.map((s) => s.view)),
  }))
}
