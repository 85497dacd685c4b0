import { useTranslation } from 'react-i18next'
import { data } from 'react-router'
import { requireUser } from '../auth/auth.server'
import { can } from '../auth/permissions'
import { findEventForUser } from '../events/events.server'
import { formatDateRange } from '../i18n/format'
import { isLanguage, LANGUAGES } from '../i18n/i18n'
import { getLanguage } from '../i18n/i18n.server'
import { localizedField, pickLocalized } from '../i18n/localized'
import { appContext } from '../server/context'
import { LocalizedTextView } from '../ui/localized-text'
import type { Route } from './+types/event'

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title.text} · Signet` : 'Signet' }]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const found = await findEventForUser(context.get(appContext).db, user, params.slug)
  if (!found) throw data({ code: 'not_found' }, { status: 404 })
  if (!can(user, found.role, 'event.view')) throw data({ code: 'forbidden' }, { status: 403 })
  const { event, hosts } = found
  const lng = getLanguage(context)
  return {
    title: localizedField(event, 'title', lng),
    titles: { zh: event.title_zh, en: event.title_en, ja: event.title_ja },
    description: localizedField(event, 'description', lng),
    venue: localizedField(event, 'venue', lng),
    dates: formatDateRange(event.starts_on, event.ends_on, lng),
    timezone: event.timezone,
    status: event.status,
    registrationMode: event.registration_mode,
    languages: event.languages.split(',').filter(isLanguage),
    hosts: hosts.map((host) => ({
      role: host.role,
      id: host.organization.id,
      name: pickLocalized(
        { zh: host.organization.name_zh, en: host.organization.name_en, ja: host.organization.name_ja },
        lng,
      ),
    })),
  }
}

export default function EventOverview({ loaderData: e }: Route.ComponentProps) {
  const { t } = useTranslation()
  const roles = ['host', 'organizer', 'co_organizer'] as const
  return (
    <article className="stack">
      <header>
        <p className="eyebrow">{t('events.overview')}</p>
        <h1>
          <LocalizedTextView value={e.title} />
        </h1>
        <p className="meta-row">
          <span className={`badge status-${e.status}`}>{t(`events.statuses.${e.status}`)}</span>
          <span className="badge">{t(`events.registrationModes.${e.registrationMode}`)}</span>
        </p>
      </header>
      <section className="card">
        <dl className="facts">
          <dt>{t('events.dates')}</dt>
          <dd>{e.dates}</dd>
          <dt>{t('events.timezone')}</dt>
          <dd>{e.timezone}</dd>
          <dt>{t('events.venue')}</dt>
          <dd>
            <LocalizedTextView value={e.venue} />
          </dd>
          <dt>{t('events.languages')}</dt>
          <dd>{e.languages.map((lng) => t(`languages.${lng}`)).join(' · ')}</dd>
          <dt>{t('events.titlesInAllLanguages')}</dt>
          <dd>
            <ul className="titles-all">
              {LANGUAGES.map((lng) => (
                <li key={lng} lang={lng}>
                  {e.titles[lng]}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        {e.description.text ? (
          <p className="description">
            <LocalizedTextView value={e.description} />
          </p>
        ) : null}
      </section>
      <section className="card">
        <h2>{t('events.hosts')}</h2>
        <dl className="facts">
          {roles.map((role) => {
            const names = e.hosts.filter((h) => h.role === role)
            if (names.length === 0) return null
            return [
              <dt key={`${role}-dt`}>{t(`events.hostRoles.${role}`)}</dt>,
              <dd key={`${role}-dd`}>
                <ul className="plain">
                  {names.map((h) => (
                    <li key={h.id}>
                      <LocalizedTextView value={h.name} />
                    </li>
                  ))}
                </ul>
              </dd>,
            ]
          })}
        </dl>
      </section>
    </article>
  )
}
