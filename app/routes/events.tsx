import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can } from '../auth/permissions'
import { canCreateEvents, listEventsForUser } from '../events/events.server'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateRange } from '../i18n/format'
import { LANGUAGES } from '../i18n/i18n'
import { getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import type { Route } from './+types/events'

export const meta: Route.MetaFunction = () => [{ title: 'Signet' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const lng = getLanguage(context)
  const { db } = context.get(appContext)
  const events = await listEventsForUser(db, user)
  return {
    canCreate: await canCreateEvents(db, user),
    events: events.map((event) => ({
      ...event,
      // Door staff see their events too, and reach each one's scanner from here.
      canView: can(user, event.role, 'event.view'),
      canScan: can(user, event.role, 'checkin.scan'),
      displayTitle: pickLocalized(event.title, lng),
      dates: formatDateRange(event.startsOn, event.endsOn, lng),
    })),
  }
}

export default function Events({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation()
  return (
    <section>
      <div className="section-head">
        <h1>{t('events.title')}</h1>
        {loaderData.canCreate ? (
          <Link className="button" to="/events/new">
            {t('organizer.newEvent')}
          </Link>
        ) : null}
      </div>
      {loaderData.events.length === 0 ? (
        <p className="card muted">{t('events.empty')}</p>
      ) : (
        <ul className="event-list">
          {loaderData.events.map((event) => (
            <li key={event.id} className="card event-card">
              <h2>
                {event.canView ? (
                  <Link to={`/events/${event.slug}`}>
                    <LocalizedTextView value={event.displayTitle} />
                  </Link>
                ) : (
                  <LocalizedTextView value={event.displayTitle} />
                )}
              </h2>
              <ul className="titles-all" aria-label={t('events.titlesInAllLanguages')}>
                {LANGUAGES.map((lng) => (
                  <li key={lng} lang={lng}>
                    {event.title[lng]}
                  </li>
                ))}
              </ul>
              <p className="meta-row">
                <span>{event.dates}</span>
                <span className={`badge status-${event.status}`}>{t(`events.statuses.${event.status}`)}</span>
                <span className="badge">{t(`events.registrationModes.${event.registrationMode}`)}</span>
                {event.role ? <span className="badge">{t(`team.roles.${event.role}.name`)}</span> : null}
              </p>
              {event.canScan && !event.canView ? (
                <p>
                  <Link className="button" to={`/scan?event=${encodeURIComponent(event.slug)}`} reloadDocument>
                    {t('team.openScanner')}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
