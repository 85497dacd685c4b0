import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useRevalidator } from 'react-router'
import { requireSessionAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getLanguage } from '../i18n/i18n.server'
import { readinessPage } from '../run-of-show/readiness-page.server'
import { useLiveAttendance } from '../ui/checkin/live-attendance'
import { LiveBadge } from '../ui/primitives/live-badge'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import type { Route } from './+types/readiness'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.sessionTitle.text} · Signet` : 'Signet' },
]

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

// On the day: every segment and everyone it needs, arrived (checked in at this session's door) or not.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, session } = await requireSessionAccess(request, context, params, 'event.view')
  const board = await readinessPage(context.get(appContext).db, event, session, new Date(), getLanguage(context))
  return { slug: event.slug, sessionId: session.id, ...board }
}

export default function ReadinessPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const session = `/events/${d.slug}/sessions/${d.sessionId}`
  const connected = useLiveAttendance(`/events/${d.slug}/attendance/stream`, d.sessionId)
  const revalidator = useRevalidator()
  // Time alone turns a segment red (15 minutes before it starts): look again every half minute.
  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') void revalidator.revalidate()
    }, 30_000)
    return () => clearInterval(timer)
  }, [revalidator])
  return (
    <article className="stack">
      <PageHeader
        back={`${session}/run-of-show`}
        backLabel={
          <>
            {t('runOfShow.title')} · <LocalizedTextView value={d.sessionTitle} />
          </>
        }
        title={
          <>
            {t('runOfShow.readiness.title')}{' '}
            <LiveBadge
              connected={connected}
              live={t('runOfShow.readiness.live')}
              reconnecting={t('runOfShow.readiness.reconnecting')}
            />
          </>
        }
        intro={t('runOfShow.readiness.intro')}
      >
        <p className="muted">{t('runOfShow.readiness.updated', { time: d.asOf })}</p>
      </PageHeader>
      {d.segments.length === 0 ? <p className="card muted">{t('runOfShow.readiness.empty')}</p> : null}
      <ol className="ready-list">
        {d.segments.map((s) => (
          <li key={s.id} className="ready-segment" data-segment={s.id} data-state={s.state}>
            <p className="plan-time">
              {`${s.start}–${s.end}`} ·{' '}
              <span className={`badge ready-state-${s.state}`}>{t(`runOfShow.readiness.states.${s.state}`)}</span>
              {s.missing > 0 ? (
                <span className="muted"> · {t('runOfShow.readiness.missingCount', { count: s.missing })}</span>
              ) : null}
              {s.unassigned.length > 0 ? (
                <span className="muted">
                  {' · '}
                  {t('runOfShow.readiness.unassignedCount', { count: s.unassigned.length })}
                </span>
              ) : null}
            </p>
            <h2 className="plan-title">
              <span className={`badge plan-kind plan-kind-${s.kind}`}>{t(`runOfShow.kinds.${s.kind}`)}</span>{' '}
              <LocalizedTextView value={s.title} />
            </h2>
            {s.unassigned.length > 0 ? (
              <ul className="ready-people">
                {s.unassigned.map((p) => (
                  <li key={p.id} className="ready-person" data-party={p.id} data-unassigned="true">
                    <span aria-hidden="true">{'○ '}</span>
                    <strong>{t('runOfShow.readiness.unassigned')}</strong>
                    <span className="muted">
                      {' · '}
                      {t(p.key)} · <LocalizedTextView value={p.org} />
                    </span>{' '}
                    <Link to={`${session}/segments/${s.id}`}>{t('runOfShow.readiness.choose')}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
            {s.people.length === 0 && s.unassigned.length === 0 ? (
              <p className="muted">{t('runOfShow.readiness.nobody')}</p>
            ) : s.people.length === 0 ? null : (
              <ul className="ready-people">
                {s.people.map((p) => (
                  <li key={p.id} className="ready-person" data-person={p.id} data-arrived={p.arrived}>
                    <span aria-hidden="true">{p.arrived ? '✓ ' : '○ '}</span>
                    <span className="person-name">{p.name}</span>
                    {p.secondary ? <span className="muted"> {p.secondary}</span> : null}
                    <span className="muted">
                      {' · '}
                      {t(p.role.key)}
                      {p.role.org ? ` · ${p.role.org.text}` : ''}
                    </span>
                    <span className="visually-hidden">
                      {' '}
                      {p.arrived ? t('runOfShow.readiness.arrived') : t('runOfShow.readiness.missing')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </article>
  )
}
