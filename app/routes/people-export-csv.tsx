import { requireOrganizer } from '../http/access.server'
import { appContext } from '../http/context'
import { getLanguage } from '../i18n/i18n.server'
import { exportRows } from '../people/people.server'
import { toCsv } from '../people/people-export'
import type { Route } from './+types/people-export-csv'

// The directory as CSV: UTF-8 with BOM, formulas neutralized, the import's columns.
export async function loader({ request, context }: Route.LoaderArgs) {
  const _user = await requireOrganizer(request, context)
  const { db } = context.get(appContext)
  const csv = toCsv(await exportRows(db, getLanguage(context)))
  const day = new Date().toISOString().slice(0, 10)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="signet-people-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
