import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formObject, stringValue } from '../http/form'
import { getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { listOrganizations } from '../organizations/organizations.server'
import { parseSessionForm } from '../sessions/session-form'
import { deleteSession, findSession, updateSession } from '../sessions/sessions.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { companyChoices, eventFrameView, SessionForm, sessionFormValues } from '../ui/sessions/session-form'
import type { Route } from './+types/session-edit'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.title.text} · Signet` : 'Signet' },
]

async function requireSession(
  request: Request,
  context: Route.LoaderArgs['context'],
  params: Route.LoaderArgs['params'],
) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const session = await findSession(context.get(appContext).db, event.id, params.sessionId)
  if (!session) throw data({ code: 'not_found' }, { status: 404 })
  return { user, event, session }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, session } = await requireSession(request, context, params)
  const lng = getLanguage(context)
  return {
    slug: event.slug,
    sessionId: session.id,
    title: localizedField(session, 'title', lng),
    eventTitle: localizedField(event, 'title', lng),
    frame: eventFrameView(event, lng),
    companies: companyChoices(await listOrganizations(context.get(appContext).db), lng),
    values: sessionFormValues(session, event.timezone),
    confirmDelete: new URL(request.url).searchParams.get('delete') === '1',
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event, session } = await requireSession(request, context, params)
  const { db } = context.get(appContext)
  const values = formObject(await request.formData(), ['interpretation', 'visits'])
  if (stringValue(values, 'intent') === 'delete') {
    await deleteSession(db, user, event.id, session.id)
    throw redirect(`/events/${event.slug}`)
  }
  const parsed = parseSessionForm(values, {
    timezone: event.timezone,
    startsOn: event.starts_on,
    endsOn: event.ends_on,
  })
  if (!parsed.ok) return data({ values, errors: parsed.errors }, { status: 400 })
  const result = await updateSession(db, user, event.id, session.id, parsed.value)
  if (!result.ok) return data({ values, errors: result.errors }, { status: 400 })
  throw redirect(`/events/${event.slug}/sessions/${session.id}?saved=1`)
}

export default function EditSession({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const overview = `/events/${loaderData.slug}`
  const page = `${overview}/sessions/${loaderData.sessionId}`
  return (
    <section className="stack">
      <PageHeader
        back={overview}
        backLabel={<LocalizedTextView value={loaderData.eventTitle} />}
        title={t('organizer.sessionForm.editTitle')}
        intro={<LocalizedTextView value={loaderData.title} />}
      />
      {loaderData.confirmDelete ? (
        <section className="card danger" aria-labelledby="delete-title">
          <h2 id="delete-title">{t('organizer.sessionForm.deleteConfirmTitle')}</h2>
          <p>{t('organizer.sessionForm.deleteConfirm')}</p>
          <Form method="post" action={`${page}/edit`} className="form-actions">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button">
              {t('organizer.sessionForm.deleteYes')}
            </button>
            <Link to={`${page}/edit`}>{t('organizer.form.cancel')}</Link>
          </Form>
        </section>
      ) : (
        <>
          <SessionForm
            values={actionData?.values ?? loaderData.values}
            errors={actionData?.errors}
            event={loaderData.frame}
            companies={loaderData.companies}
            submitLabel={t('organizer.sessionForm.save')}
            cancelHref={page}
          />
          <section className="card danger-zone" aria-labelledby="danger-title">
            <h2 id="danger-title">{t('organizer.sessionForm.deleteTitle')}</h2>
            <p className="muted">{t('organizer.sessionForm.deleteIntro')}</p>
            <Link className="button button-danger" to={`${page}/edit?delete=1`}>
              {t('organizer.sessionForm.delete')}
            </Link>
          </section>
        </>
      )}
    </section>
  )
}
