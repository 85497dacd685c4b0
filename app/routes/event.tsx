import { data, redirect } from 'react-router'
import type { EventStatus } from '../../db/schema'
import { eventPage } from '../events/event-page.server'
import { cloneEvent, setEventStatus } from '../events/events.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { echoValues, formObject, stringValue } from '../http/form'
import { getLanguage } from '../i18n/i18n.server'
import { LIMITS } from '../i18n/text-limits'
import {
  CloneSection,
  DelegatesSection,
  EventActions,
  EventFacts,
  EventOverviewHeader,
  HostsSection,
  TimetableSection,
} from '../ui/events/event-overview'
import type { Route } from './+types/event'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.title.text} · Signet` : 'Signet' },
]

/** The clone form shown again when refused: its two fields, each at most its own length. */
const CLONE_ECHO = { slug: LIMITS.slug, starts_on: 10 }

/** The status each button on the overview moves the event to. */
const STATUS_INTENTS: Record<string, EventStatus> = {
  publish: 'published',
  unpublish: 'draft',
  archive: 'archived',
  restore: 'draft',
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, hosts, canEdit, canScan, canManageTeam } = await requireEventAccess(
    request,
    context,
    params.slug,
    'event.view',
  )
  const view = new URL(request.url).searchParams.get('view') === 'room' ? 'room' : 'day'
  const page = await eventPage(context.get(appContext).db, event, hosts, view, getLanguage(context))
  return { ...page, canEdit, canScan, canManageTeam }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db } = context.get(appContext)
  const form = formObject(await request.formData())
  const intent = stringValue(form, 'intent')
  if (intent === 'clone') {
    const target = { slug: stringValue(form, 'slug').trim(), startsOn: stringValue(form, 'starts_on').trim() }
    const result = await cloneEvent(db, user, event.id, target)
    if (!result.ok)
      return data({ clone: { values: echoValues(form, CLONE_ECHO), errors: result.errors } }, { status: 400 })
    throw redirect(`/events/${result.slug}`)
  }
  const status = STATUS_INTENTS[intent]
  if (!status) throw data({ code: 'bad_request' }, { status: 400 })
  const changed = await setEventStatus(db, user, event.id, status)
  if (!changed.ok) throw data({ code: 'invalid_transition' }, { status: 409 })
  throw redirect(`/events/${event.slug}`)
}

export default function EventOverview({ loaderData: e, actionData }: Route.ComponentProps) {
  return (
    <article className="stack event-overview">
      <EventOverviewHeader e={e} />
      <EventActions e={e} />
      <EventFacts e={e} />
      <DelegatesSection e={e} />
      <HostsSection e={e} />
      <TimetableSection e={e} />
      {e.canEdit ? <CloneSection clone={actionData?.clone} /> : null}
    </article>
  )
}
