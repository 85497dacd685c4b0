import { data } from 'react-router'
import { parseAuditFilter } from '../audit/audit-filter'
import { AUDIT_EXPORT_LIMIT, listAudit } from '../audit/audit-log.server'
import { actionKey, auditTimestamp, detailSummary, entityKey } from '../audit/audit-view'
import { csvTable } from '../export/table'
import { requireAdmin } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n } from '../i18n/i18n.server'
import type { Route } from './+types/admin-audit-export'

// The audit log as CSV for Excel, with the page's filters (not its paging): the newest
// AUDIT_EXPORT_LIMIT rows, times in the page's zone and in UTC, words in the reader's language
// next to the codes. Not audited itself: like the directory and attendance exports, it hands out
// no credential (only the ticket-code export, export.ticket_codes, is recorded).
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin(request, context)
  const { db, now } = context.get(appContext)
  const { t } = getI18n(context)
  const parsed = parseAuditFilter(new URL(request.url).searchParams)
  if (!parsed.ok) throw data({ code: 'bad_request' }, { status: 400 })
  const list = await listAudit(db, parsed.filter, { limit: AUDIT_EXPORT_LIMIT })
  if (!list.ok) throw data({ code: 'bad_request' }, { status: 400 })
  const zone = list.timeZone
  const header = [
    t('audit.table.time', { zone }),
    t('audit.table.timeUtc'),
    t('audit.table.actorEmail'),
    t('audit.table.actorName'),
    t('audit.table.action'),
    t('audit.table.actionCode'),
    t('audit.table.entityType'),
    t('audit.table.entityId'),
    t('audit.table.detail'),
    t('audit.table.ip'),
  ]
  const rows = list.rows.map((r) => [
    auditTimestamp(r.createdAt, zone),
    r.createdAt,
    r.actor === null ? t('audit.system') : (r.actor.email ?? t('audit.deletedUser', { id: r.actor.id })),
    r.actor?.name ?? '',
    t(actionKey(r.action), { defaultValue: r.action }),
    r.action,
    t(entityKey(r.entityType), { defaultValue: r.entityType }),
    r.entitySlug ?? r.entityId ?? '',
    detailSummary(r.detail, { separator: '; ', max: Number.POSITIVE_INFINITY }),
    r.ip ?? '',
  ])
  const day = now().toISOString().slice(0, 10)
  return new Response(csvTable(header, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="signet-audit-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
