/**
 * The organizer's views of a timetable beyond the shared by-day <Timetable>: sessions by room,
 * and room clashes (two sessions in one room at once; a warning, never a refusal).
 */
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { RoomClash, RoomTimetableGroup, SessionView } from '../../sessions/session-view'
import { LocalizedTextView } from '../primitives/localized-text'
import { SessionCard } from './timetable'

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
