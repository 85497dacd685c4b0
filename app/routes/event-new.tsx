import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { EVENT_ECHO, parseEventForm } from '../events/event-form'
import { createEvent } from '../events/events.server'
import { requireOrganizer } from '../http/access.server'
import { appContext } from '../http/context'
import { echoValues, formObject } from '../http/form'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { listOrganizations } from '../organizations/organizations.server'
import { EventForm, newEventValues, organizationChoices } from '../ui/events/event-form'
import { PageHeader } from '../ui/primitives/page-header'
import type { Route } from './+types/event-new'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const _user = await requireOrganizer(request, context)
  const { db } = context.get(appContext)
  return {
    pageTitle: getI18n(context).t('organizer.eventForm.createTitle'),
    values: newEventValues(),
    organizations: organizationChoices(await listOrganizations(db), getLanguage(context)),
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireOrganizer(request, context)
  const { db } = context.get(appContext)
  const raw = formObject(await request.formData(), ['languages'])
  const values = echoValues(raw, EVENT_ECHO)
  const parsed = parseEventForm(raw)
  if (!parsed.ok) return data({ values, errors: parsed.errors }, { status: 400 })
  const result = await createEvent(db, user, parsed.value)
  if (!result.ok) return data({ values, errors: result.errors }, { status: 400 })
  throw redirect(`/events/${result.slug}`)
}

export default function NewEvent({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  return (
    <section className="stack">
      <PageHeader
        back="/events"
        backLabel={t('nav.events')}
        title={t('organizer.eventForm.createTitle')}
        intro={t('organizer.eventForm.createIntro')}
      />
      <EventForm
        values={actionData?.values ?? loaderData.values}
        errors={actionData?.errors}
        organizations={loaderData.organizations}
        submitLabel={t('organizer.eventForm.create')}
        cancelHref="/events"
      />
    </section>
  )
}
