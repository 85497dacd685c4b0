import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect } from 'react-router'
import type { EventStatus } from '../../db/schema'
import { eventView, hostGroups } from '../events/event-view'
import { cloneEvent, setEventStatus } from '../events/events.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { echoValues, formObject, stringValue } from '../http/form'
import { formatDateTime, formatDay } from '../i18n/format'
import { LANGUAGES } from '../i18n/i18n'
import { getLanguage } from '../i18n/i18n.server'
import { LIMITS } from '../i18n/text-limits'
import { invitationFunnel } from '../registration/invitations.server'
import { buildTimetable, roomClashList, roomTimetable } from '../sessions/session-view'
import { listSessions } from '../sessions/sessions.server'
import { Field } from '../ui/primitives/field'
import { FormErrorSummary } from '../ui/primitives/form-controls'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PrintButton } from '../ui/primitives/print-button'
import { RoomClashWarning, RoomTimetable } from '../ui/sessions/organizer-timetable'
import { Timetable } from '../ui/sessions/timetable'
import type { Route } from './+types/event'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.title.text} · Signet` : 'Signet' },
]

/** The status each button on the overview moves the event to. */
/** The clone form shown again when refused: its two fields, each at most its own length. */
const CLONE_ECHO = { slug: LIMITS.slug, starts_on: 10 }

const STATUS_INTENTS: Record<string, EventStatus> = {
  publish: 'published',
  unpublish: 'draft',
  archive: 'archived',
  restore: 'draft',
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, hosts, canEdit, canScan, canManageTeam } = await requireEventAccess(
    request,
    context,
    params.slug,
    'event.view',
  )
  const lng = getLanguage(context)
  const tz = event.timezone
  const { db } = context.get(appContext)
  const [sessions, funnel] = await Promise.all([listSessions(db, event.id), invitationFunnel(db, event.id)])
  const view = new URL(request.url).searchParams.get('view') === 'room' ? 'room' : 'day'
  const instant = (iso: string | null) => (iso ? formatDateTime(iso, tz, lng) : null)
  return {
    ...eventView(event, lng),
    canEdit,
    canScan,
    canManageTeam,
    titles: { zh: event.title_zh, en: event.title_en, ja: event.title_ja },
    registrationOpens: instant(event.registration_opens_at),
    registrationCloses: instant(event.registration_closes_at),
    hosts: hostGroups(hosts, lng),
    view,
    sessionCount: sessions.length,
    funnel,
    days: view === 'day' ? buildTimetable(sessions, lng, tz).map((d) => ({ ...d, label: formatDay(d.date, lng) })) : [],
    rooms: view === 'room' ? roomTimetable(sessions, lng, tz) : [],
    clashes: roomClashList(sessions, lng, tz),
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db } = context.get(appContext)
  const form = formObject(await request.formData())
  const intent = stringValue(form, 'intent')
  if (intent === 'clone') {
    const target = { slug: stringValue(form, 'slug').trim(), startsOn: stringValue(form, 'starts_on').trim() }
    const result = await cloneEvent(db, user, event.id, target)
    if (!result.ok)
      return data({ clone: { values: echoValues(form, CLONE_ECHO), errors: result.errors } }, { status: 400 })
    throw redirect(`/events/${result.slug}`)
  }
  const status = STATUS_INTENTS[intent]
  if (!status) throw data({ code: 'bad_request' }, { status: 400 })
  const changed = await setEventStatus(db, user, event.id, status)
  if (!changed.ok) throw data({ code: 'invalid_transition' }, { status: 409 })
  throw redirect(`/events/${event.slug}`)
}

function StatusButton({ intent, label, primary = false }: { intent: string; label: string; primary?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={primary ? 'button' : 'button button-secondary'}>
        {label}
      </button>
    </Form>
  )
}

export default function EventOverview({ loaderData: e, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${e.slug}`
  const sessionHref = (id: string) => `${base}/sessions/${id}`
  const clone = actionData?.clone
  return (
    <article className="stack event-overview">
      <header>
        <p className="eyebrow no-print">
          <Link to="/events">{t('nav.events')}</Link> · {t('events.overview')}
        </p>
        <h1>
          <LocalizedTextView value={e.title} />
        </h1>
        <p className="meta-row">
          <span className={`badge status-${e.status}`}>{t(`events.statuses.${e.status}`)}</span>
          <span className="badge">{t(`events.registrationModes.${e.registrationMode}`)}</span>
          <span>{e.dates}</span>
        </p>
        {e.canEdit ? <p className="muted no-print">{t(`organizer.overview.statusHint.${e.status}`)}</p> : null}
      </header>

      <nav className="toolbar no-print" aria-label={t('organizer.overview.actions')}>
        {e.canEdit ? (
          <>
            <Link className="button button-secondary" to={`${base}/edit`}>
              {t('organizer.overview.edit')}
            </Link>
            <Link className="button button-secondary" to={`${base}/sessions/new`}>
              {t('organizer.overview.addSession')}
            </Link>
            {e.status === 'draft' ? (
              <StatusButton intent="publish" label={t('organizer.overview.publish')} primary />
            ) : null}
            {e.status === 'published' ? (
              <StatusButton intent="unpublish" label={t('organizer.overview.unpublish')} />
            ) : null}
            {e.status !== 'archived' ? <StatusButton intent="archive" label={t('organizer.overview.archive')} /> : null}
            {e.status === 'archived' ? <StatusButton intent="restore" label={t('organizer.overview.restore')} /> : null}
          </>
        ) : null}
        {e.status === 'published' ? (
          <a className="button button-secondary" href={`/e/${e.slug}`}>
            {t('organizer.overview.publicPage')}
          </a>
        ) : null}
        <PrintButton label={t('organizer.overview.print')} />
      </nav>

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
          {e.address.text ? (
            <>
              <dt>{t('organizer.overview.address')}</dt>
              <dd>
                <LocalizedTextView value={e.address} />
              </dd>
            </>
          ) : null}
          <dt>{t('events.registration')}</dt>
          <dd>
            {t(`events.registrationModes.${e.registrationMode}`)}
            <br />
            <span className="muted">
              {t('organizer.overview.registrationWindow', {
                opens: e.registrationOpens ?? t('organizer.overview.notSet'),
                closes: e.registrationCloses ?? t('organizer.overview.notSet'),
                timezone: e.timezone,
              })}
            </span>
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

      <section className="card no-print" aria-labelledby="delegates-title">
        <div className="section-head">
          <h2 id="delegates-title">{t('invitations.overview.title')}</h2>
          <nav className="toolbar" aria-label={t('invitations.overview.title')}>
            <Link className="button button-secondary" to={`${base}/invitations`}>
              {t('invitations.title')}
            </Link>
            <Link className="button button-secondary" to={`${base}/registrations`}>
              {t('invitations.registrations.title')}
            </Link>
            <Link className="button button-secondary" to={`${base}/registrations/summary`}>
              {t('invitations.summary.title')}
            </Link>
            <Link className="button button-secondary" to={`${base}/attendance`}>
              {t('checkin.attendance.title')}
            </Link>
            {e.canEdit ? (
              <Link className="button button-secondary" to={`${base}/badges`}>
                {t('checkin.badges.title')}
              </Link>
            ) : null}
            {e.canEdit ? (
              <Link className="button button-secondary" to={`${base}/devices`}>
                {t('checkin.devices.title')}
              </Link>
            ) : null}
            {e.canManageTeam ? (
              <Link className="button button-secondary" to={`${base}/team`}>
                {t('team.nav')}
              </Link>
            ) : null}
            {e.canScan ? (
              <Link className="button button-secondary" to={`/scan?event=${encodeURIComponent(e.slug)}`} reloadDocument>
                {t('checkin.devices.scanSelf')}
              </Link>
            ) : null}
          </nav>
        </div>
        <dl className="funnel">
          {(['invited', 'sent', 'registered', 'declined', 'noAnswer'] as const).map((key) => (
            <div key={key} className={`funnel-${key}`}>
              <dt>{t(`invitations.funnel.${key}`)}</dt>
              <dd data-count={key}>{e.funnel[key]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card no-print">
        <h2>{t('events.hosts')}</h2>
        {e.hosts.length === 0 ? <p className="muted">{t('organizer.overview.noHosts')}</p> : null}
        <dl className="facts">
          {e.hosts.map((group) => [
            <dt key={`${group.role}-dt`}>{t(`events.hostRoles.${group.role}`)}</dt>,
            <dd key={`${group.role}-dd`}>
              <ul className="plain">
                {group.names.map((h) => (
                  <li key={h.id}>
                    <LocalizedTextView value={h.name} />
                  </li>
                ))}
              </ul>
            </dd>,
          ])}
        </dl>
      </section>

      <section className="timetable-section" aria-labelledby="timetable-title">
        <div className="section-head">
          <h2 id="timetable-title">{t('organizer.timetable.title')}</h2>
          <nav className="view-toggle no-print" aria-label={t('organizer.timetable.viewLabel')}>
            <Link to="?view=day" aria-current={e.view === 'day' ? 'page' : undefined}>
              {t('organizer.timetable.byDay')}
            </Link>
            <Link to="?view=room" aria-current={e.view === 'room' ? 'page' : undefined}>
              {t('organizer.timetable.byRoom')}
            </Link>
          </nav>
        </div>
        <p className="muted">{t('organizer.timetable.timesIn', { timezone: e.timezone })}</p>
        <RoomClashWarning clashes={e.clashes} sessionHref={sessionHref} intro={t('organizer.timetable.clashIntro')} />
        {e.sessionCount === 0 ? (
          <p className="card muted">
            {t('organizer.timetable.empty')}{' '}
            {e.canEdit ? <Link to={`${base}/sessions/new`}>{t('organizer.overview.addSession')}</Link> : null}
          </p>
        ) : e.view === 'room' ? (
          <RoomTimetable rooms={e.rooms} sessionHref={(s) => sessionHref(s.id)} />
        ) : (
          <Timetable days={e.days} sessionHref={(s) => sessionHref(s.id)} />
        )}
      </section>

      {e.canEdit ? (
        <section className="card no-print" aria-labelledby="clone-title">
          <h2 id="clone-title">{t('organizer.clone.title')}</h2>
          <p className="muted">{t('organizer.clone.intro')}</p>
          <Form method="post" noValidate className="organizer-form">
            <input type="hidden" name="intent" value="clone" />
            <FormErrorSummary
              errors={clone?.errors}
              order={['slug', 'starts_on']}
              label={(name) => (name === 'slug' ? t('organizer.clone.slug') : t('organizer.clone.startsOn'))}
            />
            <div className="form-row">
              <Field
                id="slug"
                name="slug"
                label={t('organizer.clone.slug')}
                defaultValue={clone ? stringValue(clone.values, 'slug') : ''}
                error={clone?.errors.slug}
                autoComplete="off"
                spellCheck={false}
              />
              <Field
                id="starts_on"
                name="starts_on"
                type="date"
                label={t('organizer.clone.startsOn')}
                defaultValue={clone ? stringValue(clone.values, 'starts_on') : ''}
                error={clone?.errors.starts_on}
              />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-secondary">
                {t('organizer.clone.submit')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  )
}
