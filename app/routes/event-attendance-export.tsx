import { eventAttendanceLists } from '../checkin/attendance.server'
import { csvTable, xlsxTable } from '../export/table'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { displayName } from '../people/names'
import { listSessions } from '../sessions/sessions.server'
import type { Route } from './+types/event-attendance-export'

const COLUMNS = [
  'session',
  'starts_at',
  'name',
  'latin_name',
  'organization',
  'state',
  'checked_in_at',
  'door',
] as const

// Attendance for Excel: one row per person per session, times in the event's zone, headers and
// states in the reader's language. Served as export.csv and export.xlsx.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.view')
  const format = new URL(request.url).pathname.endsWith('.xlsx') ? 'xlsx' : 'csv'
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const { t } = getI18n(context)
  const tz = event.timezone
  const rows: string[][] = []
  const [sessions, lists] = await Promise.all([listSessions(db, event.id), eventAttendanceLists(db, event.id)])
  const byId = new Map(sessions.map((s) => [s.id, s]))
  for (const list of lists) {
    const session = byId.get(list.sessionId)
    if (!session) continue
    const title = localizedField(session, 'title', lng).text
    for (const p of list.people) {
      const state = !p.expected ? 'unexpected' : p.checkedInAt ? 'in' : 'missing'
      rows.push([
        title,
        formatDateTime(session.starts_at, tz, lng),
        displayName(p, lng),
        p.latinName,
        p.organization,
        t(`checkin.attendance.states.${state}`),
        p.checkedInAt ? formatDateTime(p.checkedInAt, tz, lng) : '',
        p.device ?? '',
      ])
    }
  }
  const header = COLUMNS.map((c) => t(`checkin.attendance.columns.${c}`))
  const day = new Date().toISOString().slice(0, 10)
  const file = `signet-${event.slug}-attendance-${day}.${format}`
  if (format === 'csv') {
    return new Response(csvTable(header, rows), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file}"`,
        'Cache-Control': 'no-store',
      },
    })
  }
  return new Response(await xlsxTable('attendance', header, rows), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'no-store',
    },
  })
}
