/**
 * What a page shows of a session, in the reader's language and the event's time zone. Pure;
 * shared by the organizer and the public pages.
 */
import { formatDay } from '../i18n/format'
import type { Language } from '../i18n/i18n'
import { type LocalizedText, localizedField, pickLocalized } from '../i18n/localized'
import { utcToZoned } from '../time/zoned'
import type { SessionDetail } from './sessions.server'
import { groupByDay, groupByRoom, parallelRows, roomClashes } from './timetable'

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
  return groupByDay(timed(sessions, lng, timeZone), timeZone).map((day) => ({
    date: day.date,
    rows: parallelRows(day.sessions).map((row) => row.map((s) => s.view)),
  }))
}

function timed(sessions: readonly SessionDetail[], lng: Language, timeZone: string) {
  return sessions.map((s) => ({
    id: s.id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    room: { zh: s.room_zh, en: s.room_en, ja: s.room_ja },
    view: toSessionView(s, lng, timeZone),
  }))
}

export interface RoomTimetableGroup {
  /** null: sessions without a room */
  room: LocalizedText | null
  days: { date: string; label: string; sessions: SessionView[] }[]
}

/** Sessions by room (rooms in order of first use, no room last); per room, by day in time order. */
export function roomTimetable(
  sessions: readonly SessionDetail[],
  lng: Language,
  timeZone: string,
): RoomTimetableGroup[] {
  return groupByRoom(timed(sessions, lng, timeZone)).map((group) => {
    const days: RoomTimetableGroup['days'] = []
    for (const s of group.sessions) {
      const last = days[days.length - 1]
      if (last && last.date === s.view.date) last.sessions.push(s.view)
      else days.push({ date: s.view.date, label: formatDay(s.view.date, lng), sessions: [s.view] })
    }
    return { room: group.room === null ? null : (group.sessions[0]?.view.room ?? null), days }
  })
}

export interface ClashSide {
  id: string
  title: LocalizedText
  day: string
  start: string
  end: string
}

export interface RoomClash {
  room: LocalizedText
  sessions: [ClashSide, ClashSide]
}

/** Pairs of sessions in the same room at overlapping times, optionally only those involving one session. */
export function roomClashList(
  sessions: readonly SessionDetail[],
  lng: Language,
  timeZone: string,
  onlySessionId?: string,
): RoomClash[] {
  const side = (view: SessionView): ClashSide => ({
    id: view.id,
    title: view.title,
    day: formatDay(view.date, lng),
    start: view.start,
    end: view.end,
  })
  return roomClashes(timed(sessions, lng, timeZone))
    .filter(([a, b]) => !onlySessionId || a.id === onlySessionId || b.id === onlySessionId)
    .map(([a, b]) => ({ room: a.view.room, sessions: [side(a.view), side(b.view)] }))
}
