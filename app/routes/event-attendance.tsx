import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { eventAttendance, offlineConflicts } from '../checkin/attendance.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime, formatTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { displayName } from '../people/names'
import { listSessions } from '../sessions/sessions.server'
import { useLiveAttendance } from '../ui/checkin/live-attendance'
import { LiveBadge } from '../ui/primitives/live-badge'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import type { Route } from './+types/event-attendance'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

// Every session's attendance at once, live, with the offline conflicts to review.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.view')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const tz = event.timezone
  const [sessions, counts, conflicts] = await Promise.all([
    listSessions(db, event.id),
    eventAttendance(db, event.id),
    offlineConflicts(db, event.id),
  ])
  const countOf = new Map(counts.map((c) => [c.sessionId, c]))
  const titleOf = new Map(sessions.map((s) => [s.id, localizedField(s, 'title', lng)]))
  return {
    pageTitle: getI18n(context).t('checkin.attendance.title'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: localizedField(s, 'title', lng),
      when: `${formatDateTime(s.starts_at, tz, lng)}–${formatTime(s.ends_at, tz, lng)}`,
      count: countOf.get(s.id) ?? { expected: 0, checkedIn: 0, notArrived: 0, unexpected: 0, conflicts: 0 },
    })),
    conflicts: conflicts.map((c) => ({
      id: c.checkinId,
      name: displayName({ familyName: c.familyName, givenName: c.givenName, latinName: c.latinName }, lng),
      session: titleOf.get(c.sessionId)?.text ?? '',
      at: formatDateTime(c.scannedAt, tz, lng),
      device: c.device ?? '—',
      firstAt: c.firstAt ? formatDateTime(c.firstAt, tz, lng) : '—',
      firstDevice: c.firstDevice ?? '—',
    })),
  }
}

export default function EventAttendance({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const connected = useLiveAttendance(`${base}/attendance/stream`)
  return (
    <section className="stack">
      <PageHeader
        back={base}
        backLabel={<LocalizedTextView value={d.eventTitle} />}
        title={
          <>
            {t('checkin.attendance.title')}{' '}
            <LiveBadge
              connected={connected}
              live={t('checkin.attendance.live')}
              reconnecting={t('checkin.attendance.reconnecting')}
            />
          </>
        }
        intro={t('checkin.attendance.intro')}
      />
      <div className="table-scroll">
        <table className="data-table attendance-table">
          <caption className="visually-hidden">{t('checkin.attendance.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checkin.attendance.session')}</th>
              <th scope="col">{t('checkin.attendance.when')}</th>
              <th scope="col" className="number">
                {t('checkin.attendance.expected')}
              </th>
              <th scope="col" className="number">
                {t('checkin.attendance.checkedIn')}
              </th>
              <th scope="col" className="number">
                {t('checkin.attendance.notArrived')}
              </th>
              <th scope="col" className="number">
                {t('checkin.attendance.conflicts')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.sessions.map((s) => (
              <tr key={s.id} data-session={s.id}>
                <th scope="row">
                  <Link to={`${base}/attendance/${s.id}`}>
                    <LocalizedTextView value={s.title} />
                  </Link>
                </th>
                <td className="cell-when">{s.when}</td>
                <td className="number">{s.count.expected}</td>
                <td className="number" data-checked-in={s.count.checkedIn}>
                  {s.count.checkedIn}
                </td>
                <td className="number">{s.count.notArrived}</td>
                <td className="number">{s.count.conflicts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t('checkin.attendance.conflictsTitle')}</h2>
        <p className="muted">{t('checkin.attendance.conflictsIntro')}</p>
        {d.conflicts.length === 0 ? (
          <p>{t('checkin.attendance.noConflicts')}</p>
        ) : (
          <ul className="conflicts">
            {d.conflicts.map((c) => (
              <li key={c.id}>{t('checkin.attendance.conflictLine', c)}</li>
            ))}
          </ul>
        )}
      </section>
      <p className="toolbar">
        <span>{t('checkin.attendance.export')}</span>
        <a className="button button-secondary" href={`${base}/attendance/export.csv`}>
          {t('checkin.attendance.exportCsv')}
        </a>
        <a className="button button-secondary" href={`${base}/attendance/export.xlsx`}>
          {t('checkin.attendance.exportXlsx')}
        </a>
      </p>
    </section>
  )
}
