/**
 * The organizer's views of a timetable beyond the shared by-day <Timetable>: sessions by room,
 * and room clashes (two sessions in one room at once; a warning, never a refusal).
 */
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatDay } from '../i18n/format'
import type { Language } from '../i18n/i18n'
import type { LocalizedText } from '../i18n/localized'
import { type SessionView, toSessionView } from '../sessions/session-view'
import type { SessionDetail } from '../sessions/sessions.server'
import { groupByRoom, roomClashes } from '../sessions/timetable'
import { LocalizedTextView } from './localized-text'
import { SessionCard } from './timetable'

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

export function RoomTimetable({
  rooms,
  sessionHref,
}: {
  rooms: readonly RoomTimetableGroup[]
  sessionHref: (session: SessionView) => string
}) {
  const { t } = useTranslation()
  return (
    <div className="room-timetable">
      {rooms.map((group) => (
        <section key={group.room?.text ?? ''} className="room-group">
          <h3 className="room-heading">
            {group.room ? <LocalizedTextView value={group.room} /> : t('organizer.timetable.noRoom')}
          </h3>
          {group.days.map((day) => (
            <div key={day.date} className="room-day">
              <p className="room-day-label">{day.label}</p>
              <div className="room-day-sessions">
                {day.sessions.map((s) => (
                  <SessionCard key={s.id} session={s} href={sessionHref(s)} />
                ))}
              </div>
            </div>
          ))}
        </section>
      ))}
    </div>
  )
}

/** A visible warning listing the clashing pairs, each session linked. */
export function RoomClashWarning({
  clashes,
  sessionHref,
  intro,
}: {
  clashes: readonly RoomClash[]
  sessionHref: (id: string) => string
  intro: string
}) {
  const { t } = useTranslation()
  if (clashes.length === 0) return null
  return (
    <section className="warning" aria-labelledby="room-clash-title">
      <h3 id="room-clash-title">{t('organizer.timetable.clashTitle')}</h3>
      <p>{intro}</p>
      <ul>
        {clashes.map((clash) => (
          <li key={clash.sessions.map((s) => s.id).join()}>
            <strong>
              <LocalizedTextView value={clash.room} />
            </strong>
            {t('organizer.timetable.clashSeparator')}
            {clash.sessions.map((s, i) => (
              <span key={s.id}>
                {i > 0 ? ` ${t('organizer.timetable.clashAnd')} ` : null}
                <Link to={sessionHref(s.id)}>
                  <LocalizedTextView value={s.title} />
                </Link>{' '}
                <span className="muted">
                  ({s.day} {s.start}–{s.end})
                </span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  )
}
