import { useTranslation } from 'react-i18next'
import { data, Form } from 'react-router'
import { sessionAttendance } from '../checkin/attendance.server'
import { requireSessionAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime, formatTime } from '../i18n/format'
import { getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { displayName, secondaryName } from '../people/names'
import { foldForSearch } from '../people/search'
import { useLiveAttendance } from '../ui/checkin/live-attendance'
import { LiveBadge } from '../ui/primitives/live-badge'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { PersonNameCell } from '../ui/primitives/person-name'
import type { Route } from './+types/event-attendance-session'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.title.text} · Signet` : 'Signet' },
]

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

const FILTERS = ['all', 'in', 'missing'] as const
type Filter = (typeof FILTERS)[number]

// One session's list: who is expected, who has arrived (when, at which door), who has not.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, session } = await requireSessionAccess(request, context, params, 'event.view')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const result = await sessionAttendance(db, session)
  if (!result.ok) throw data({ code: 'not_found' }, { status: 404 })
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').slice(0, 100)
  const raw = url.searchParams.get('show')
  const filter: Filter = FILTERS.includes(raw as Filter) ? (raw as Filter) : 'all'
  const needle = foldForSearch(q)
  const people = result.people.filter((p) => {
    if (filter === 'in' && !p.checkedInAt) return false
    if (filter === 'missing' && (p.checkedInAt || !p.expected)) return false
    if (!needle) return true
    return [p.familyName + p.givenName, p.latinName, p.kana ?? '', p.organization].some((part) =>
      foldForSearch(part).includes(needle),
    )
  })
  return {
    slug: event.slug,
    sessionId: session.id,
    title: localizedField(session, 'title', lng),
    when: `${formatDateTime(session.starts_at, event.timezone, lng)}–${formatTime(session.ends_at, event.timezone, lng)}`,
    count: result.count,
    q,
    filter,
    people: people.map((p) => ({
      ...p,
      name: displayName(p, lng),
      secondary: secondaryName(p, lng),
      at: p.checkedInAt ? formatTime(p.checkedInAt, event.timezone, lng) : null,
    })),
  }
}

export default function SessionAttendancePage({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const connected = useLiveAttendance(`${base}/attendance/stream`, d.sessionId)
  return (
    <section className="stack">
      <PageHeader
        back={`${base}/attendance`}
        backLabel={t('checkin.attendance.back')}
        title={
          <>
            <LocalizedTextView value={d.title} />{' '}
            <LiveBadge
              connected={connected}
              live={t('checkin.attendance.live')}
              reconnecting={t('checkin.attendance.reconnecting')}
            />
          </>
        }
        intro={d.when}
      />
      <dl className="funnel">
        {(
          [
            ['expected', d.count.expected],
            ['checkedIn', d.count.checkedIn],
            ['notArrived', d.count.notArrived],
            ['conflicts', d.count.conflicts],
          ] as const
        ).map(([key, value]) => (
          <div key={key}>
            <dt>{t(`checkin.attendance.${key}`)}</dt>
            <dd data-count={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <Form method="get" className="card people-search" role="search" aria-label={t('checkin.attendance.search')}>
        <div className="field">
          <label htmlFor="q">{t('checkin.attendance.search')}</label>
          <input id="q" name="q" type="search" defaultValue={d.q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="show">{t('checkin.attendance.filter')}</label>
          <select id="show" name="show" defaultValue={d.filter}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`checkin.attendance.filters.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="people-search-actions">
          <button type="submit" className="button">
            {t('checkin.attendance.searchSubmit')}
          </button>
        </p>
      </Form>
      {d.people.length === 0 ? (
        <p className="card muted">{t('checkin.attendance.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('checkin.attendance.table.name')}</th>
                <th scope="col">{t('checkin.attendance.table.organization')}</th>
                <th scope="col">{t('checkin.attendance.table.state')}</th>
                <th scope="col">{t('checkin.attendance.table.at')}</th>
                <th scope="col">{t('checkin.attendance.table.device')}</th>
              </tr>
            </thead>
            <tbody>
              {d.people.map((p) => {
                const state = !p.expected ? 'unexpected' : p.checkedInAt ? 'in' : 'missing'
                return (
                  <tr key={p.registrationId} data-state={state}>
                    <td>
                      <PersonNameCell name={p.name} secondary={p.secondary} />
                    </td>
                    <td>{p.organization}</td>
                    <td>
                      <span className={`badge attendance-${state}`}>{t(`checkin.attendance.states.${state}`)}</span>
                    </td>
                    <td>{p.at ?? ''}</td>
                    <td>{p.device ?? ''}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
