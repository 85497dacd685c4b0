import { data } from 'react-router'
import { requireEventAccess, requireOrganizer } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n } from '../i18n/i18n.server'
import { problemRowsWorkbook } from '../registration/imports.server'
import type { Route } from './+types/people-import-problems'

// The rows of an organizer's kept upload that have problems, with what is wrong with each, as an
// Excel workbook with the file's own headers: fix them and import the workbook again (issue 19).
// Only the uploader's own upload; with ?event=, the sessions column is judged for that event.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireOrganizer(request, context)
  const { db, ip } = context.get(appContext)
  const eventSlug = new URL(request.url).searchParams.get('event') ?? ''
  const invite = eventSlug ? (await requireEventAccess(request, context, eventSlug, 'event.edit')).event : null
  const { t } = getI18n(context)
  const workbook = await problemRowsWorkbook(
    db,
    { id: user.id, ip },
    params.importId,
    invite,
    (column, issue) => t('people.import.problem', { column, message: t(issue.key, issue.values ?? {}) }),
    t('people.import.problems'),
  )
  if (!workbook) throw data({ code: 'not_found' }, { status: 404 })
  return new Response(workbook.bytes, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="problems.xlsx"; filename*=UTF-8''${encodeURIComponent(workbook.filename)}`,
      'Cache-Control': 'no-store',
    },
  })
}
