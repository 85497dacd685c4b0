import { useTranslation } from 'react-i18next'
import { data } from 'react-router'
import { calendarPath, timeZoneName } from '../calendar/calendar'
import { eventView, hostGroups } from '../events/event-view'
import { findPublishedEvent, listHosts } from '../events/events.server'
import { appContext } from '../http/context'
import { formatDay } from '../i18n/format'
import { getLanguage } from '../i18n/i18n.server'
import { buildTimetable } from '../sessions/session-view'
import { listSessions } from '../sessions/sessions.server'
import { OrganizerContact } from '../ui/events/organizer-contact'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { Timetable } from '../ui/sessions/timetable'
import type { Route } from './+types/public-event'

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData
    ? [
        { title: loaderData.title.text },
        { name: 'description', content: `${loaderData.dates} · ${loaderData.venue.text}` },
      ]
    : [{ title: 'Signet' }]

// The delegates' page of a published event: no sign-in, everything in the HTML.
export async function loader({ params, context }: Route.LoaderArgs) {
  const { db } = context.get(appContext)
  const event = await findPublishedEvent(db, params.slug)
  if (!event) throw data({ code: 'not_found' }, { status: 404 })
  const [hosts, sessions] = await Promise.all([listHosts(db, event.id), listSessions(db, event.id)])
  const lng = getLanguage(context)
  return {
    ...eventView(event, lng),
    lng,
    zoneName: timeZoneName(event.timezone, event.starts_on, lng),
    offset: timeZoneName(event.timezone, event.starts_on, lng, 'shortOffset'),
    hosts: hostGroups(hosts, lng),
    days: buildTimetable(sessions, lng, event.timezone).map((day) => ({ ...day, label: formatDay(day.date, lng) })),
  }
}

export default function PublicEvent({ loaderData: e }: Route.ComponentProps) {
  const { t } = useTranslation()
  return (
    <article className="public-event">
      <header className="public-hero">
        <p className="eyebrow">{t('public.eyebrow')}</p>
        <h1>
          <LocalizedTextView value={e.title} />
        </h1>
        <p className="public-dates">{e.dates}</p>
        {e.venue.text ? (
          <p className="public-venue">
            <LocalizedTextView value={e.venue} />
            {e.address.text ? (
              <span className="public-address">
                <span className="visually-hidden">{t('public.address')}: </span>
                <LocalizedTextView value={e.address} />
              </span>
            ) : null}
          </p>
        ) : null}
        {e.languages.length > 0 ? (
          <p className="public-languages">
            <span className="muted">{t('events.languages')}</span>
            {e.languages.map((lng) => (
              <span key={lng} lang={lng} className="badge">
                {t(`languages.${lng}`)}
              </span>
            ))}
          </p>
        ) : null}
        {e.days.length > 0 ? (
          <p className="public-cta">
            <a className="button" href={calendarPath(e.slug, e.lng)}>
              {t('public.addAllToCalendar')}
            </a>
            <small className="muted">{t('public.calendarHint')}</small>
          </p>
        ) : null}
      </header>

      {e.description.text ? (
        <section className="public-section" aria-labelledby="about">
          <h2 id="about">{t('public.about')}</h2>
          <p className="public-description">
            <LocalizedTextView value={e.description} />
          </p>
        </section>
      ) : null}

      <section className="public-section" aria-labelledby="programme">
        <h2 id="programme">{t('public.programme')}</h2>
        {e.days.length > 0 ? (
          <>
            <p className="tz-note">
              {t('public.timeZoneNote', { zoneName: e.zoneName, timeZone: e.timezone, offset: e.offset })}
            </p>
            <Timetable
              days={e.days}
              sessionFooter={(s) => (
                <p className="session-actions">
                  <a href={calendarPath(e.slug, e.lng, s.id)}>
                    {t('public.addToCalendar')}
                    <span className="visually-hidden">: {s.title.text}</span>
                  </a>
                </p>
              )}
            />
          </>
        ) : (
          <p className="muted">{t('public.programmeSoon')}</p>
        )}
      </section>

      {e.hosts.length > 0 ? (
        <section className="public-section" aria-labelledby="hosts">
          <h2 id="hosts">{t('events.hosts')}</h2>
          <dl className="public-hosts">
            {e.hosts.map((group) => (
              <div key={group.role}>
                <dt>{t(`events.hostRoles.${group.role}`)}</dt>
                {group.names.map((h) => (
                  <dd key={h.id}>
                    <LocalizedTextView value={h.name} />
                  </dd>
                ))}
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <OrganizerContact contact={e.contact} />
    </article>
  )
}
