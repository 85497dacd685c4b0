import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { printBadges } from '../checkin/badges.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { PrintButton } from '../ui/primitives/print-button'
import type { Route } from './+types/event-badges'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export function headers() {
  // The QR codes are tickets: never from a shared cache.
  return { 'Cache-Control': 'no-store' }
}

// Printable badges: ?layout=a4 (8 per sheet, the default) or ?layout=single (a badge printer).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, user } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config, ip, now } = context.get(appContext)
  const lng = getLanguage(context)
  const layout = new URL(request.url).searchParams.get('layout') === 'single' ? 'single' : 'a4'
  return {
    pageTitle: getI18n(context).t('checkin.badges.title'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    layout,
    badges: await printBadges(db, config.sessionSecret, event.id, { userId: user.id, ip }, now()),
  }
}

export default function EventBadges({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  return (
    <section className="stack">
      <PageHeader
        back={base}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={t('checkin.badges.title')}
        intro={t('checkin.badges.intro')}
        className="no-print"
      >
        <p className="toolbar">
          <Link
            className={d.layout === 'a4' ? 'button' : 'button button-secondary'}
            to={`${base}/badges?layout=a4`}
            aria-current={d.layout === 'a4'}
          >
            {t('checkin.badges.layoutA4')}
          </Link>
          <Link
            className={d.layout === 'single' ? 'button' : 'button button-secondary'}
            to={`${base}/badges?layout=single`}
            aria-current={d.layout === 'single'}
          >
            {t('checkin.badges.layoutSingle')}
          </Link>
          <PrintButton label={t('checkin.badges.print')} />
          <Link to={`${base}/name-cards`}>{t('checkin.badges.nameCards')}</Link>
        </p>
        <p className="muted">{t('checkin.badges.count', { count: d.badges.length })}</p>
      </PageHeader>
      {d.badges.length === 0 ? <p className="card muted">{t('checkin.badges.none')}</p> : null}
      <div className={`badge-sheet badge-sheet-${d.layout}`}>
        {d.badges.map((b) => (
          <article key={b.registrationId} className={`name-badge role-${b.role}`} data-badge={b.registrationId}>
            <p className="name-badge-event">
              <LocalizedTextView value={d.eventTitle} />
            </p>
            <p className="name-badge-name" lang={b.kana ? 'ja' : undefined}>
              {b.name}
            </p>
            {b.name !== b.latinName ? <p className="name-badge-latin">{b.latinName}</p> : null}
            <p className="name-badge-org">{[b.title, b.organization].filter(Boolean).join(' · ')}</p>
            <div
              className="name-badge-qr"
              role="img"
              aria-label={b.code}
              // qrcode's SVG of the ticket code: no user text in it.
              // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
              dangerouslySetInnerHTML={{ __html: b.qrSvg }}
            />
            <p className="name-badge-role">{t(`checkin.badges.roles.${b.role}`)}</p>
          </article>
        ))}
      </div>
    </section>
  )
}
