import { useTranslation } from 'react-i18next'
import { eventBadges } from '../checkin/badges.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { PrintButton } from '../ui/primitives/print-button'
import type { Route } from './+types/event-name-cards'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

// VIP table name cards: one A4 (landscape) per VIP, folded in two; the upper half is printed
// upside down so the name reads the right way up on both sides of the table.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config } = context.get(appContext)
  const lng = getLanguage(context)
  const vips = await eventBadges(db, config.sessionSecret, event.id, { vipOnly: true })
  return {
    pageTitle: getI18n(context).t('checkin.badges.nameCards'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    cards: vips.map((v) => ({
      id: v.registrationId,
      name: v.name,
      latinName: v.latinName,
      kana: v.kana,
      line: [v.title, v.organization].filter(Boolean).join(' · '),
    })),
  }
}

export default function EventNameCards({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  return (
    <section className="stack">
      <PageHeader
        back={`${base}/badges`}
        backLabel={t('checkin.badges.title')}
        title={t('checkin.badges.nameCards')}
        intro={t('checkin.badges.nameCardsIntro')}
        className="no-print"
      >
        <p className="toolbar">
          <PrintButton label={t('checkin.badges.print')} />
        </p>
      </PageHeader>
      {d.cards.length === 0 ? <p className="card muted">{t('checkin.badges.noVips')}</p> : null}
      <div className="name-cards">
        {d.cards.map((c) => (
          <article key={c.id} className="name-card" data-card={c.id}>
            {(['back', 'front'] as const).map((side) => (
              <div key={side} className={`name-card-half name-card-${side}`} aria-hidden={side === 'back'}>
                <p className="name-card-name" lang={c.kana ? 'ja' : undefined}>
                  {c.name}
                </p>
                {c.name !== c.latinName ? <p className="name-card-latin">{c.latinName}</p> : null}
                <p className="name-card-line">{c.line}</p>
                <p className="name-card-event">
                  <LocalizedTextView value={d.eventTitle} />
                </p>
              </div>
            ))}
          </article>
        ))}
      </div>
    </section>
  )
}
