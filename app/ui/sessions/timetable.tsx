import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isBareBusLabel } from '../../sessions/bus-label'
import type { SessionView, TimetableDay } from '../../sessions/session-view'
import { LocalizedTextView } from '../primitives/localized-text'

/** A bus's name in the page's language (see isBareBusLabel). */
export function busName(t: TFunction, label: string): string {
  return isBareBusLabel(label) ? t('sessions.bus', { label }) : label
}

/** A session as a card: time, kind, title, room, interpretation and, for site visits, meeting and buses. */
export function SessionCard({
  session: s,
  href,
  footer,
}: {
  session: SessionView
  href?: string
  /** extra content at the end of the card, e.g. the public page's "add to calendar" link */
  footer?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <article className={`session-card kind-${s.kind}`}>
      <p className="session-time">
        <time>
          {s.start}–{s.end}
        </time>{' '}
        <span className="badge">{t(`sessions.kinds.${s.kind}`)}</span>
      </p>
      <h4 className="session-title">
        {href ? (
          <Link to={href}>
            <LocalizedTextView value={s.title} />
          </Link>
        ) : (
          <LocalizedTextView value={s.title} />
        )}
      </h4>
      {s.room.text ? (
        <p className="session-meta">
          <span className="muted">
            {t('sessions.room')}
            {t('app.labelSuffix')}
          </span>{' '}
          <LocalizedTextView value={s.room} />
        </p>
      ) : null}
      {s.interpretation.length > 0 ? (
        <p className="session-meta">
          <span className="muted">
            {t('sessions.interpretationOffered')}
            {t('app.labelSuffix')}
          </span>{' '}
          {s.interpretation.map((pair) => t(`sessions.interpretation.${pair}`, { defaultValue: pair })).join(' · ')}
        </p>
      ) : null}
      {s.meetingPoint || s.meetingTime ? (
        <p className="session-meta meeting">
          <span className="muted">
            {t('sessions.meetingPoint')}
            {t('app.labelSuffix')}
          </span>{' '}
          {s.meetingPoint ? <LocalizedTextView value={s.meetingPoint} /> : null}
          {s.meetingTime ? <strong> {t('sessions.meetingAt', { time: s.meetingTime })}</strong> : null}
        </p>
      ) : null}
      {s.buses.length > 0 ? (
        <p className="session-meta">
          <span className="muted">
            {t('sessions.buses')}
            {t('app.labelSuffix')}
          </span>{' '}
          {s.buses.map((b) => `${busName(t, b.label)} (${t('sessions.seats', { count: b.seats })})`).join(' · ')}
        </p>
      ) : null}
      {s.visits.length > 0 ? (
        <p className="session-meta">
          <span className="muted">
            {t('sessions.companies')}
            {t('app.labelSuffix')}
          </span>{' '}
          {s.visits.map((v, i) => (
            <span key={v.text}>
              {i > 0 ? t('app.listSeparator') : ''}
              <LocalizedTextView value={v} />
            </span>
          ))}
        </p>
      ) : null}
      {footer}
    </article>
  )
}

/** Days in order; sessions that overlap in time sit side by side under an "in parallel" label. */
export function Timetable({
  days,
  dayLabel,
  sessionHref,
  sessionFooter,
}: {
  days: (TimetableDay & { label: string })[]
  dayLabel?: string
  sessionHref?: (session: SessionView) => string
  sessionFooter?: (session: SessionView) => ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="timetable">
      {days.map((day) => (
        <section
          key={day.date}
          className="timetable-day"
          aria-label={dayLabel ? `${dayLabel} ${day.label}` : day.label}
        >
          <h3 className="day-heading">{day.label}</h3>
          {day.rows.map((row) =>
            row.length === 1 && row[0] ? (
              <SessionCard
                key={row[0].id}
                session={row[0]}
                href={sessionHref?.(row[0])}
                footer={sessionFooter?.(row[0])}
              />
            ) : (
              <div key={row.map((s) => s.id).join()} className="parallel">
                <p className="parallel-label">{t('sessions.parallel')}</p>
                <div className="parallel-tracks">
                  {row.map((s) => (
                    <SessionCard key={s.id} session={s} href={sessionHref?.(s)} footer={sessionFooter?.(s)} />
                  ))}
                </div>
              </div>
            ),
          )}
        </section>
      ))}
    </div>
  )
}
