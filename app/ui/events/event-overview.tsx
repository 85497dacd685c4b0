/**
 * The event overview's sections (app/routes/event.tsx): the header, what the organizer may do
 * with the event, its facts, the delegates' funnel and pages, the hosts, the timetable by day or
 * by room, and copying the event to a new date.
 */
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import type { EventPage } from '../../events/event-page.server'
import { type FormValues, stringValue } from '../../http/form'
import { LANGUAGES } from '../../i18n/i18n'
import type { FieldErrors } from '../../validation/field-errors'
import { Field } from '../primitives/field'
import { FormErrorSummary } from '../primitives/form-controls'
import { LocalizedTextView } from '../primitives/localized-text'
import { PageHeader } from '../primitives/page-header'
import { PrintButton } from '../primitives/print-button'
import { RoomClashWarning, RoomTimetable } from '../sessions/organizer-timetable'
import { Timetable } from '../sessions/timetable'

/** What the page shows: the overview and what the reader may do with the event. */
export type EventOverviewView = EventPage & { canEdit: boolean; canScan: boolean; canManageTeam: boolean }

/** The clone form as refused: its values and errors. */
export type CloneRefusal = { values: FormValues; errors: FieldErrors } | undefined

/** The event's title, status, registration mode and dates. */
export function EventOverviewHeader({ e }: { e: EventOverviewView }) {
  const { t } = useTranslation()
  return (
    <PageHeader
      back="/events"
      backLabel={t('nav.events')}
      trail={<> · {t('events.overview')}</>}
      eyebrowClassName="no-print"
      title={<LocalizedTextView value={e.title} />}
    >
      <p className="meta-row">
        <span className={`badge status-${e.status}`}>{t(`events.statuses.${e.status}`)}</span>
        <span className="badge">{t(`events.registrationModes.${e.registrationMode}`)}</span>
        <span>{e.dates}</span>
      </p>
      {e.canEdit ? <p className="muted no-print">{t(`organizer.overview.statusHint.${e.status}`)}</p> : null}
    </PageHeader>
  )
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

/** Editing, adding a session, moving the event through its statuses, its public page, printing. */
export function EventActions({ e }: { e: EventOverviewView }) {
  const { t } = useTranslation()
  const base = `/events/${e.slug}`
  return (
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
  )
}

/** Dates, time zone, venue, registration, languages and the title in every language. */
export function EventFacts({ e }: { e: EventOverviewView }) {
  const { t } = useTranslation()
  return (
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
  )
}

/** How far the invitations have come, with the delegates' pages. */
export function DelegatesSection({ e }: { e: EventOverviewView }) {
  const { t } = useTranslation()
  const base = `/events/${e.slug}`
  return (
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
  )
}

/** The event's hosts, by role. */
export function HostsSection({ e }: { e: EventOverviewView }) {
  const { t } = useTranslation()
  return (
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
  )
}

/** The sessions by day or by room, with the rooms booked twice. */
export function TimetableSection({ e }: { e: EventOverviewView }) {
  const { t } = useTranslation()
  const base = `/events/${e.slug}`
  const sessionHref = (id: string) => `${base}/sessions/${id}`
  return (
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
  )
}

/** Copying the event to a new address and start date. */
export function CloneSection({ clone }: { clone: CloneRefusal }) {
  const { t } = useTranslation()
  return (
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
  )
}
