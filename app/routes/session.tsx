import { useTranslation } from 'react-i18next'
import { data, Link } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDay } from '../i18n/format'
import { LANGUAGES } from '../i18n/i18n'
import { getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { seatCounts } from '../registration/seats.server'
import { busSeats } from '../sessions/capacity'
import { roomClashList, toSessionView } from '../sessions/session-view'
import { listSessions } from '../sessions/sessions.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { RoomClashWarning } from '../ui/sessions/organizer-timetable'
import { busName } from '../ui/sessions/timetable'
import type { Route } from './+types/session'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.session.title.text} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const found = await requireEventAccess(request, context, params.slug, 'event.view')
  const { event } = found
  const { db } = context.get(appContext)
  const sessions = await listSessions(db, event.id)
  const session = sessions.find((s) => s.id === params.sessionId)
  if (!session) throw data({ code: 'not_found' }, { status: 404 })
  const lng = getLanguage(context)
  const view = toSessionView(session, lng, event.timezone)
  const seats = (await seatCounts(db, [session.id])).get(session.id) ?? { taken: 0, waiting: 0 }
  return {
    seats,
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    timezone: event.timezone,
    canEdit: found.canEdit,
    saved: new URL(request.url).searchParams.get('saved') === '1',
    session: view,
    day: formatDay(view.date, lng),
    titles: { zh: session.title_zh, en: session.title_en, ja: session.title_ja },
    totalSeats: busSeats(session.buses),
    clashes: roomClashList(sessions, lng, event.timezone, session.id),
  }
}

export default function SessionPage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const s = d.session
  const overview = `/events/${d.slug}`
  const page = `${overview}/sessions/${s.id}`
  const none = <span className="muted">{t('organizer.session.none')}</span>
  const isVisit = s.kind === 'site_visit' || s.meetingPoint || s.buses.length > 0 || s.visits.length > 0
  return (
    <article className="stack">
      <PageHeader
        back={overview}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={<LocalizedTextView value={s.title} />}
      >
        <p className="meta-row">
          <span className={`badge kind-badge kind-${s.kind}`}>{t(`sessions.kinds.${s.kind}`)}</span>
          <span>
            {d.day} {s.start}–{s.end}
          </span>
        </p>
      </PageHeader>
      {d.saved ? (
        <p className="notice" role="status">
          {t('organizer.session.saved')}
        </p>
      ) : null}
      <RoomClashWarning
        clashes={d.clashes}
        sessionHref={(id) => `${overview}/sessions/${id}`}
        intro={t('organizer.session.clashIntro')}
      />
      <nav className="toolbar no-print" aria-label={t('organizer.overview.actions')}>
        {d.canEdit ? (
          <Link className="button" to={`${page}/edit`}>
            {t('organizer.session.edit')}
          </Link>
        ) : null}
        <Link className="button button-secondary" to={`${page}/run-of-show`}>
          {t('runOfShow.sessionLink')}
        </Link>
        <Link className="button button-secondary" to={overview}>
          {t('organizer.session.back')}
        </Link>
      </nav>

      <section className="card">
        <h2>{t('organizer.session.details')}</h2>
        <dl className="facts">
          <dt>{t('organizer.session.date')}</dt>
          <dd>{d.day}</dd>
          <dt>{t('sessions.time')}</dt>
          <dd>
            {s.start}–{s.end} <span className="muted">({d.timezone})</span>
          </dd>
          <dt>{t('sessions.room')}</dt>
          <dd>{s.room.text ? <LocalizedTextView value={s.room} /> : none}</dd>
          <dt>{t('sessions.capacity')}</dt>
          <dd>{s.capacity === null ? t('sessions.unlimited') : t('sessions.seats', { count: s.capacity })}</dd>
          <dt>{t('events.registration')}</dt>
          <dd>{s.registrationRequired ? t('sessions.registrationRequired') : t('sessions.openToAll')}</dd>
          <dt>{t('sessions.interpretationOffered')}</dt>
          <dd>
            {s.interpretation.length > 0
              ? s.interpretation.map((pair) => t(`sessions.interpretation.${pair}`, { defaultValue: pair })).join(' · ')
              : none}
          </dd>
          <dt>{t('sessions.chain')}</dt>
          <dd>{s.chain ? t(`sessions.chains.${s.chain}`, { defaultValue: s.chain }) : none}</dd>
          <dt>{t('organizer.session.titlesInAllLanguages')}</dt>
          <dd>
            <ul className="titles-all">
              {LANGUAGES.map((lng) => (
                <li key={lng} lang={lng}>
                  {d.titles[lng] || <span className="muted">{t('organizer.session.none')}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        {s.description.text ? (
          <p className="description">
            <LocalizedTextView value={s.description} />
          </p>
        ) : null}
      </section>

      {isVisit ? (
        <section className="card">
          <h2>{t('organizer.session.siteVisit')}</h2>
          <dl className="facts">
            <dt>{t('sessions.meetingPoint')}</dt>
            <dd>{s.meetingPoint ? <LocalizedTextView value={s.meetingPoint} /> : none}</dd>
            <dt>{t('organizer.session.meetingTime')}</dt>
            <dd>{s.meetingTime ?? none}</dd>
            <dt>{t('sessions.buses')}</dt>
            <dd>
              {s.buses.length > 0 ? (
                <>
                  <ul className="plain">
                    {s.buses.map((bus, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat; the list never reorders
                      <li key={i}>
                        {t('organizer.pair', {
                          label: busName(t, bus.label),
                          value: t('sessions.seats', { count: bus.seats }),
                        })}
                      </li>
                    ))}
                  </ul>
                  <span className="muted">{t('organizer.session.totalSeats', { count: d.totalSeats ?? 0 })}</span>
                </>
              ) : (
                none
              )}
            </dd>
            <dt>{t('sessions.companies')}</dt>
            <dd>
              {s.visits.length > 0 ? (
                <ul className="plain">
                  {s.visits.map((org) => (
                    <li key={org.text}>
                      <LocalizedTextView value={org} />
                    </li>
                  ))}
                </ul>
              ) : (
                none
              )}
            </dd>
          </dl>
        </section>
      ) : null}

      <section className="card" aria-labelledby="registrations-title">
        <h2 id="registrations-title">{t('organizer.session.registrations')}</h2>
        <p data-seats={d.seats.taken}>
          {s.capacity === null
            ? t('organizer.session.seatsTaken', { count: d.seats.taken })
            : t('organizer.session.seatsOfCapacity', { count: d.seats.taken, capacity: s.capacity })}
          {d.seats.waiting > 0 ? ` · ${t('organizer.session.waiting', { count: d.seats.waiting })}` : null}
        </p>
        <p>
          <Link to={`${overview}/registrations?session=${encodeURIComponent(s.id)}`}>
            {t('organizer.session.viewRegistrations')}
          </Link>
        </p>
      </section>
    </article>
  )
}
