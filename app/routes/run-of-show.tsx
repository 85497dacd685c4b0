import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { requireSessionAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formObject, listValue, stringValue } from '../http/form'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { setRanks, setTableSeats } from '../run-of-show/protocol.server'
import { runOfShowPage } from '../run-of-show/run-of-show-page.server'
import { parseNewSegment, parseRanks, parseTableSeats } from '../run-of-show/segment-form'
import { applyOrder, createSegment, moveSegment } from '../run-of-show/segments.server'
import { IssueSummary } from '../ui/run-of-show/run-of-show'
import {
  AddSegmentSection,
  ProposalSection,
  RanksSection,
  RunOfShowHeader,
  RunOfShowToolbar,
  SegmentList,
  TableSeatsSection,
} from '../ui/run-of-show/run-of-show-page'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/run-of-show'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, session, canEdit } = await requireSessionAccess(request, context, params, 'event.view')
  const lng = getLanguage(context)
  const url = new URL(request.url)
  const page = await runOfShowPage(
    context.get(appContext).db,
    event,
    session,
    url.searchParams.get('propose') === '1',
    lng,
    getI18n(context).getFixedT(lng),
  )
  return { ...page, canEdit, saved: url.searchParams.get('saved') === '1' }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event, session } = await requireSessionAccess(request, context, params, 'event.edit')
  const { db } = context.get(appContext)
  const values = formObject(await request.formData(), ['order'])
  const intent = stringValue(values, 'intent')
  const page = `/events/${event.slug}/sessions/${session.id}/run-of-show`
  const fail = (errors: FieldErrors) => data({ intent, values, errors }, { status: 400 })
  switch (intent) {
    case 'create': {
      const parsed = parseNewSegment(values)
      if (!parsed.ok) return fail(parsed.errors)
      const created = await createSegment(db, user, session, parsed.value)
      throw redirect(`/events/${event.slug}/sessions/${session.id}/segments/${created.segmentId}`)
    }
    case 'move': {
      const direction = stringValue(values, 'direction') === 'up' ? 'up' : 'down'
      const result = await moveSegment(db, user, session.id, stringValue(values, 'segment'), direction)
      if (!result.ok) return fail(result.errors)
      throw redirect(`${page}#segment-${stringValue(values, 'segment')}`)
    }
    case 'apply': {
      const result = await applyOrder(db, user, session.id, listValue(values, 'order'))
      if (!result.ok) return fail(result.errors)
      throw redirect(`${page}?saved=1`)
    }
    case 'seats': {
      const parsed = parseTableSeats(values)
      if (!parsed.ok) return fail(parsed.errors)
      const result = await setTableSeats(db, user, session, parsed.value)
      if (!result.ok) return fail(result.errors)
      throw redirect(`${page}?saved=1`)
    }
    case 'ranks': {
      const parsed = parseRanks(values)
      if (!parsed.ok) return fail(parsed.errors)
      const result = await setRanks(db, user, event.id, parsed.value)
      if (!result.ok) return fail(result.errors)
      throw redirect(`${page}?saved=1`)
    }
    default:
      throw data({ code: 'bad_request' }, { status: 400 })
  }
}

export default function RunOfShowPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const session = `/events/${d.slug}/sessions/${d.sessionId}`
  const page = `${session}/run-of-show`
  return (
    <article className="stack">
      <RunOfShowHeader d={d} session={session} />
      {d.saved ? (
        <p className="notice" role="status">
          {t('runOfShow.page.saved')}
        </p>
      ) : null}
      {actionData?.errors.form ? (
        <p className="error-summary" role="alert">
          {t(actionData.errors.form.key, actionData.errors.form.values ?? {})}
        </p>
      ) : null}
      <IssueSummary errors={d.errors} warnings={d.warnings} />
      <RunOfShowToolbar d={d} session={session} page={page} />
      {d.proposal ? <ProposalSection proposal={d.proposal} page={page} /> : null}
      <SegmentList d={d} session={session} page={page} />
      {d.canEdit ? (
        <>
          <AddSegmentSection page={page} actionData={actionData} />
          <TableSeatsSection d={d} page={page} actionData={actionData} />
          <RanksSection d={d} page={page} actionData={actionData} />
        </>
      ) : null}
    </article>
  )
}
