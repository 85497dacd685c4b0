import { requireOrganizer } from '../http/access.server'
import { appContext } from '../http/context'
import { getLanguage } from '../i18n/i18n.server'
import { exportRows } from '../people/people.server'
import { toXlsx } from '../people/people-export'
import type { Route } from './+types/people-export-xlsx'

// The directory as an Excel workbook, the import's columns, cells as text.
export async function loader({ request, context }: Route.LoaderArgs) {
  const _user = await requireOrganizer(request, context)
  const { db } = context.get(appContext)
  const xlsx = await toXlsx(await exportRows(db, getLanguage(context)))
  const day = new Date().toISOString().slice(0, 10)
  return new Response(xlsx, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="signet-people-${day}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}
