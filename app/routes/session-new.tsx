import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formObject } from '../http/form'
import { getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { listOrganizations } from '../organizations/organizations.server'
import { parseSessionForm } from '../sessions/session-form'
import { createSession } from '../sessions/sessions.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { companyChoices, eventFrameView, newSessionValues, SessionForm } from '../ui/sessions/session-form'
import type { Route } from './+types/session-new'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.title.text} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const lng = getLanguage(context)
  return {
    slug: event.slug,
    title: localizedField(event, 'title', lng),
    frame: eventFrameView(event, lng),
    companies: companyChoices(await listOrganizations(context.get(appContext).db), lng),
    values: newSessionValues(event.starts_on),
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const values = formObject(await request.formData(), ['interpretation', 'visits'])
  const parsed = parseSessionForm(values, {
    timezone: event.timezone,
    startsOn: event.starts_on,
    endsOn: event.ends_on,
  })
  if (!parsed.ok) return data({ values, errors: parsed.errors }, { status: 400 })
  const result = await createSession(context.get(appContext).db, user, event.id, parsed.value)
  if (!result.ok) return data({ values, errors: result.errors }, { status: 400 })
  throw redirect(`/events/${event.slug}/sessions/${result.id}?saved=1`)
}

export default function NewSession({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const overview = `/events/${loaderData.slug}`
  return (
    <section className="stack">
      <PageHeader
        back={overview}
        backLabel={<LocalizedTextView value={loaderData.title} />}
        title={t('organizer.sessionForm.createTitle')}
      />
      <SessionForm
        values={actionData?.values ?? loaderData.values}
        errors={actionData?.errors}
        event={loaderData.frame}
        companies={loaderData.companies}
        submitLabel={t('organizer.sessionForm.create')}
        cancelHref={overview}
      />
    </section>
  )
}
