import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { EVENT_ECHO, parseEventForm } from '../events/event-form'
import { updateEvent } from '../events/events.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { echoValues, formObject } from '../http/form'
import { getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { listOrganizations } from '../organizations/organizations.server'
import { EventForm, eventFormValues, organizationChoices } from '../ui/events/event-form'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import type { Route } from './+types/event-edit'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.title.text} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, ...found } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  return {
    slug: found.event.slug,
    title: localizedField(found.event, 'title', lng),
    values: eventFormValues(found.event, found.hosts),
    organizations: organizationChoices(await listOrganizations(db), lng),
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, ...found } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db } = context.get(appContext)
  const raw = formObject(await request.formData(), ['languages'])
  const values = echoValues(raw, EVENT_ECHO)
  const parsed = parseEventForm(raw)
  if (!parsed.ok) return data({ values, errors: parsed.errors }, { status: 400 })
  const result = await updateEvent(db, user, found.event.id, parsed.value)
  if (!result.ok) return data({ values, errors: result.errors }, { status: 400 })
  throw redirect(`/events/${result.slug}`)
}

export default function EditEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const overview = `/events/${loaderData.slug}`
  return (
    <section className="stack">
      <PageHeader
        back={overview}
        backLabel={<LocalizedTextView value={loaderData.title} />}
        title={t('organizer.eventForm.editTitle')}
      />
      <EventForm
        values={actionData?.values ?? loaderData.values}
        errors={actionData?.errors}
        organizations={loaderData.organizations}
        submitLabel={t('organizer.eventForm.save')}
        cancelHref={overview}
      />
    </section>
  )
}
