import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { registrationsSummaryPage } from '../registration/registrations-summary-page.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { PrintButton } from '../ui/primitives/print-button'
import { DietSection, HeadsetsSection, HotelSection, Travel } from '../ui/registration/registrations-summary'
import type { Route } from './+types/event-registrations-summary'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.view')
  const page = await registrationsSummaryPage(context.get(appContext).db, event, getLanguage(context))
  return { ...page, pageTitle: getI18n(context).t('invitations.summary.title') }
}

export default function RegistrationsSummary({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  return (
    <article className="stack summary-page">
      <PageHeader
        back={base}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={t('invitations.summary.title')}
        intro={t('invitations.summary.intro', { confirmed: d.confirmed, pending: d.pending })}
      />
      <nav className="toolbar no-print" aria-label={t('invitations.actions.pages')}>
        <Link className="button button-secondary" to={`${base}/registrations`}>
          {t('invitations.registrations.title')}
        </Link>
        <PrintButton label={t('invitations.summary.print')} />
      </nav>
      <HeadsetsSection sessions={d.sessions} />
      <DietSection d={d} />
      <Travel id="arrivals" title={t('invitations.summary.travel.arrivals')} days={d.arrivals} />
      <Travel id="departures" title={t('invitations.summary.travel.departures')} days={d.departures} />
      <HotelSection rooms={d.hotelRooms} />
    </article>
  )
}
