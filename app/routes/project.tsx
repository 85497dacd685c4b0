import { useTranslation } from 'react-i18next'
import { data } from 'react-router'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { formObject } from '../http/form'
import { getLanguage } from '../i18n/i18n.server'
import { parsePipelineForm } from '../projects/pipeline-form'
import { projectPage } from '../projects/project-page.server'
import { findProject, updatePipeline } from '../projects/projects.server'
import { ActionNotice, type Notice } from '../ui/primitives/notice'
import { PageHeader } from '../ui/primitives/page-header'
import { PartiesSection, PipelineSection, ProjectFacts } from '../ui/projects/project-page'
import type { Route } from './+types/project'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.project.name.text} · Signet` : 'Signet' },
]

async function requireProject(request: Request, context: Route.LoaderArgs['context'], projectId: string) {
  const user = await requireUser(request, context)
  const found = await findProject(context.get(appContext).db, user, projectId)
  if (!found) throw data({ code: 'not_found' }, { status: 404 })
  return { user, ...found }
}
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { project, canEdit } = await requireProject(request, context, params.projectId)
  return projectPage({ project, canEdit }, getLanguage(context))
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, project, canEdit } = await requireProject(request, context, params.projectId)
  if (!canEdit) throw data({ code: 'forbidden' }, { status: 403 })
  const { db, ip } = context.get(appContext)
  const values = formObject(await request.formData())
  const parsed = parsePipelineForm(values, { currency: project.currency })
  if (!parsed.ok) return data({ values, errors: parsed.errors, notice: null }, { status: 400 })
  const result = await updatePipeline(db, user, project.id, parsed.value, { ip })
  if (!result.ok) throw data({ code: result.reason }, { status: result.reason === 'forbidden' ? 403 : 404 })
  const notice: Notice = { tone: 'ok', messages: [{ key: 'projects.pipeline.saved' }] }
  // Saved: the form shows the project as stored (amounts canonical), from the loader.
  return { values: null, errors: {}, notice }
}
export default function Project({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const p = d.project
  return (
    <section className="stack">
      <PageHeader
        back="/projects"
        backLabel={t('projects.back')}
        title={p.name.text}
        intro={<span className={`badge project-${p.status}`}>{t(`projects.statuses.${p.status}`)}</span>}
      />
      <ActionNotice notice={actionData?.notice} version={actionData} />
      <ProjectFacts d={d} />
      <PartiesSection d={d} />
      <PipelineSection d={d} values={actionData?.values ?? d.values} errors={actionData?.errors ?? {}} />
    </section>
  )
}
