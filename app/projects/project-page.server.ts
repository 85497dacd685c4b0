/**
 * The project page's data: one project in the reader's language, where it was signed, and its
 * pipeline (signed, started, invested) as the form's values.
 */
import type { Language } from '../../db/schema'
import type { FormValues } from '../http/form'
import { pickLocalized } from '../i18n/localized'
import { projectView } from './project-view'
import type { ProjectDetail } from './projects.server'

export type ProjectPage = ReturnType<typeof projectPage>

export function projectPage({ project, canEdit }: ProjectDetail, lng: Language) {
  const values: FormValues = {
    status: project.status,
    signed_on: project.signedOn ?? '',
    started_on: project.startedOn ?? '',
    invested_on: project.investedOn ?? '',
    invested_amount: project.investedAmount ?? '',
  }
  return {
    project: projectView(project, lng),
    location: pickLocalized(project.location, lng),
    description: pickLocalized(project.description, lng),
    signing: project.signing
      ? {
          title: pickLocalized(project.signing.title, lng),
          sessionTitle: pickLocalized(project.signing.sessionTitle, lng),
          href: `/events/${project.event.slug}/sessions/${project.signing.sessionId}`,
        }
      : null,
    canEdit,
    values,
  }
}
