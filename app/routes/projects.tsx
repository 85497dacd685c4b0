import { useTranslation } from 'react-i18next'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { projectQueryString, readProjectQuery } from '../projects/project-filter'
import { projectsPage } from '../projects/projects-page.server'
import { ProjectFilters, ProjectsTable, TotalsSection } from '../ui/projects/projects-page'
import type { Route } from './+types/projects'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]
// Signed projects across the events the user may see: filters (GET), the list, the totals.
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const query = readProjectQuery(new URL(request.url).searchParams)
  const page = await projectsPage(context.get(appContext).db, user, query, getLanguage(context))
  return { pageTitle: getI18n(context).t('projects.title'), ...page }
}

export default function Projects({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const query = projectQueryString(d.query)
  const filtered = query !== ''
  return (
    <section className="stack">
      <header>
        <h1>{t('projects.title')}</h1>
        <p className="muted">{t('projects.intro')}</p>
      </header>
      <nav className="toolbar no-print" aria-label={t('projects.actions.pages')}>
        <a className="button button-secondary" href={`/projects/export.xlsx${filtered ? `?${query}` : ''}`} download>
          {t('projects.actions.exportXlsx')}
        </a>
      </nav>
      <ProjectFilters d={d} />
      <p className="muted" role="status">
        {t('projects.count', { count: d.projects.length })}
      </p>
      <ProjectsTable d={d} filtered={filtered} />
      <TotalsSection d={d} />
    </section>
  )
}
