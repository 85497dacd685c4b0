import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { requireSessionAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formObject, stringValue } from '../http/form'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import {
  parsePartyForm,
  parsePartyPeopleForm,
  parseSegmentForm,
  parseStagePersonForm,
  stageRole,
} from '../run-of-show/segment-form'
import { segmentPage } from '../run-of-show/segment-page.server'
import { deleteSegment, findSegment, updateSegment } from '../run-of-show/segments.server'
import {
  addParty,
  addStagePerson,
  moveParty,
  removeParty,
  removeStagePerson,
  updateParty,
} from '../run-of-show/stage.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import { IssueList } from '../ui/run-of-show/run-of-show'
import { DeleteSegmentSection, SegmentDetailsSection } from '../ui/run-of-show/segment-forms'
import { PartiesSection, StagePeopleSection } from '../ui/run-of-show/stage-forms'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/segment'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.title.text} · Signet` : 'Signet' },
]

async function requireSegment(
  request: Request,
  context: Route.LoaderArgs['context'],
  params: Route.LoaderArgs['params'],
  capability: 'event.view' | 'event.edit',
) {
  const access = await requireSessionAccess(request, context, params, capability)
  const segment = await findSegment(context.get(appContext).db, access.session.id, params.segmentId)
  if (!segment) throw data({ code: 'not_found' }, { status: 404 })
  return { ...access, segment }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, session, canEdit } = await requireSessionAccess(request, context, params, 'event.view')
  const lng = getLanguage(context)
  const page = await segmentPage(
    context.get(appContext).db,
    event,
    session,
    params.segmentId,
    lng,
    getI18n(context).getFixedT(lng),
  )
  if (!page) throw data({ code: 'not_found' }, { status: 404 })
  const url = new URL(request.url)
  return {
    ...page,
    slug: event.slug,
    sessionId: session.id,
    canEdit,
    saved: url.searchParams.get('saved') === '1',
    confirmDelete: url.searchParams.get('delete') === '1',
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event, session, segment } = await requireSegment(request, context, params, 'event.edit')
  const { db } = context.get(appContext)
  const values = formObject(await request.formData())
  const intent = stringValue(values, 'intent')
  const partyId = stringValue(values, 'party')
  const here = `/events/${event.slug}/sessions/${session.id}/segments/${segment.id}`
  const fail = (errors: FieldErrors) => data({ intent, partyId, values, errors }, { status: 400 })
  const direction = stringValue(values, 'direction') === 'up' ? 'up' : 'down'
  let result: { ok: true } | { ok: false; errors: FieldErrors }
  switch (intent) {
    case 'save': {
      const parsed = parseSegmentForm(values, segment.kind)
      if (!parsed.ok) return fail(parsed.errors)
      result = await updateSegment(db, user, session, event.timezone, segment.id, parsed.value)
      break
    }
    case 'add-party': {
      const parsed = parsePartyForm(values)
      if (!parsed.ok) return fail(parsed.errors)
      result = await addParty(db, user, session.id, segment.id, parsed.value)
      break
    }
    case 'update-party': {
      const parsed = parsePartyPeopleForm(values)
      if (!parsed.ok) return fail(parsed.errors)
      result = await updateParty(db, user, session.id, segment.id, partyId, parsed.value)
      break
    }
    case 'move-party':
      result = await moveParty(db, user, session.id, segment.id, partyId, direction)
      break
    case 'remove-party':
      result = await removeParty(db, user, session.id, segment.id, partyId)
      break
    case 'add-person': {
      const parsed = parseStagePersonForm(values)
      if (!parsed.ok) return fail(parsed.errors)
      result = await addStagePerson(db, user, session.id, segment.id, parsed.value)
      break
    }
    case 'remove-person': {
      const role = stageRole(stringValue(values, 'role'))
      if (!role) throw data({ code: 'bad_request' }, { status: 400 })
      result = await removeStagePerson(db, user, session.id, segment.id, stringValue(values, 'person_id'), role)
      break
    }
    case 'delete': {
      const deleted = await deleteSegment(db, user, session.id, segment.id)
      if (!deleted.ok) return fail(deleted.errors)
      throw redirect(`/events/${event.slug}/sessions/${session.id}/run-of-show?saved=1`)
    }
    default:
      throw data({ code: 'bad_request' }, { status: 400 })
  }
  if (!result.ok) return fail(result.errors)
  throw redirect(`${here}?saved=1`)
}

export default function SegmentPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const show = `/events/${d.slug}/sessions/${d.sessionId}/run-of-show`
  const here = `/events/${d.slug}/sessions/${d.sessionId}/segments/${d.segmentId}`
  const hasParties = d.kind === 'signing' || d.kind === 'award' || d.kind === 'initiative'
  const formError = actionData?.errors.form
  return (
    <article className="stack">
      <PageHeader
        back={show}
        backLabel={
          <>
            {t('runOfShow.segment.back')} · <LocalizedTextView value={d.sessionTitle} />
          </>
        }
        title={
          <>
            <span className={`badge plan-kind plan-kind-${d.kind}`}>{t(`runOfShow.kinds.${d.kind}`)}</span>{' '}
            <LocalizedTextView value={d.title} />
          </>
        }
      >
        {d.start ? (
          <p className="plan-time">{t('runOfShow.segment.plannedAt', { start: d.start, end: d.end })}</p>
        ) : null}
      </PageHeader>
      {d.saved ? (
        <p className="notice" role="status">
          {t('runOfShow.segment.saved')}
        </p>
      ) : null}
      {formError ? (
        <p className="error-summary" role="alert">
          {t(formError.key, formError.values ?? {})}
        </p>
      ) : null}
      {d.issues.length > 0 ? (
        <section className="card" aria-labelledby="checks-title">
          <h2 id="checks-title">{t('runOfShow.segment.checks')}</h2>
          <IssueList issues={d.issues} />
        </section>
      ) : null}
      {hasParties ? <PartiesSection d={d} here={here} actionData={actionData} /> : null}
      <StagePeopleSection d={d} here={here} actionData={actionData} />
      {d.canEdit ? <SegmentDetailsSection d={d} here={here} actionData={actionData} /> : null}
      {d.canEdit ? <DeleteSegmentSection d={d} here={here} /> : null}
    </article>
  )
}
