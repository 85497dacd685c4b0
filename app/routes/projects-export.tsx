import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { readProjectQuery } from '../projects/project-filter'
import { listProjects } from '../projects/projects.server'
import { projectSheets, xlsxSheets } from '../projects/projects-export'
import type { Route } from './+types/projects-export'

// The projects the list shows (same filters) and their totals, as an Excel workbook in the
// reader's language.
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const { t } = getI18n(context)
  const list = await listProjects(db, user, readProjectQuery(new URL(request.url).searchParams))
  const sheets = projectSheets(
    list,
    {
      header: (column) =>
        column === 'byChain' || column === 'byEvent' ? t(`projects.totals.${column}`) : t(`projects.export.${column}`),
      status: (status) => t(`projects.statuses.${status}`),
      statusColumn: (status, kind) =>
        t(kind === 'count' ? 'projects.export.statusCount' : 'projects.export.statusAmount', {
          status: t(`projects.statuses.${status}`),
        }),
      chain: (chain) => (chain ? t(`sessions.chains.${chain}`, { defaultValue: chain }) : t('projects.noChain')),
      all: t('projects.export.all'),
      separator: '; ',
    },
    lng,
  )
  const day = new Date().toISOString().slice(0, 10)
  return new Response(await xlsxSheets([sheets.projects, sheets.totals]), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="signet-projects-${day}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}
