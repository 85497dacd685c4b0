import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect } from 'react-router'
import { requireSessionAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formObject, listValue, stringValue } from '../http/form'
import { formatDay, formatTime, localDateOf } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { SEGMENT_KINDS } from '../run-of-show/rules'
import { proposeOrder, runOfShow } from '../run-of-show/run-of-show.server'
import { issueViews, nameView, proposalView, segmentViews } from '../run-of-show/run-of-show-view.server'
import { parseNewSegment, parseRanks, parseTableSeats } from '../run-of-show/segment-form'
import { applyOrder, createSegment, moveSegment, setRanks, setTableSeats } from '../run-of-show/segments.server'
import { Field } from '../ui/primitives/field'
import { FormErrorSummary, LocalizedFields, SelectField } from '../ui/primitives/form-controls'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { IssueList, IssueSummary, StageLines } from '../ui/run-of-show/run-of-show'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/run-of-show'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, session, canEdit } = await requireSessionAccess(request, context, params, 'event.view')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const i18n = getI18n(context)
  const t = i18n.getFixedT(lng)
  const show = await runOfShow(db, session)
  const issues = issueViews(show, t, lng, event.timezone)
  const url = new URL(request.url)
  const proposal =
    url.searchParams.get('propose') === '1'
      ? proposalView(proposeOrder(show, session), show, t, lng, event.timezone)
      : null
  const planned = show.segments.reduce((sum, s) => sum + s.minutes, 0)
  const sessionTitle = localizedField(session, 'title', lng)
  return {
    pageTitle: `${t('runOfShow.title')} · ${sessionTitle.text}`,
    slug: event.slug,
    sessionId: session.id,
    eventTitle: localizedField(event, 'title', lng),
    sessionTitle,
    room: localizedField(session, 'room', lng),
    day: formatDay(localDateOf(new Date(session.starts_at), event.timezone), lng),
    start: formatTime(session.starts_at, event.timezone, lng),
    end: formatTime(session.ends_at, event.timezone, lng),
    planned,
    available: Math.round((Date.parse(session.ends_at) - Date.parse(session.starts_at)) / 60_000),
    canEdit,
    saved: url.searchParams.get('saved') === '1',
    segments: segmentViews(show, issues, lng, event.timezone),
    errors: issues.filter((i) => i.level === 'error').length,
    warnings: issues.filter((i) => i.level === 'warning').length,
    proposal,
    currentOrder: show.segments.map((s) => s.id),
    tableSeats: show.tableSeats,
    ranked: [...show.people.values()]
      .filter((p) => show.segments.some((s) => s.people.some((slot) => slot.personId === p.id)))
      .map((p) => ({ ...nameView(p, lng), rank: show.ranks.get(p.id) ?? null }))
      .sort((a, b) => (a.rank ?? 1000) - (b.rank ?? 1000) || a.name.localeCompare(b.name)),
  }
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
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {})
  const createErrors = errorsFor('create')
  const createValues = actionData?.intent === 'create' ? actionData.values : {}
  return (
    <article className="stack">
      <header>
        <p className="eyebrow">
          <Link to={`/events/${d.slug}`}>
            <LocalizedTextView value={d.eventTitle} />
          </Link>
          {' › '}
          <Link to={session}>
            <LocalizedTextView value={d.sessionTitle} />
          </Link>
        </p>
        <h1>
          {t('runOfShow.title')} · <LocalizedTextView value={d.sessionTitle} />
        </h1>
        <p className="meta-row">
          <span>
            {d.day} {`${d.start}–${d.end}`}
          </span>
          {d.room.text ? (
            <span>
              <LocalizedTextView value={d.room} />
            </span>
          ) : null}
          <span className="muted">{t('runOfShow.page.total', { minutes: d.planned, available: d.available })}</span>
        </p>
        <p className="muted">{t('runOfShow.page.intro')}</p>
      </header>
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
      <nav className="toolbar no-print" aria-label={t('runOfShow.page.actions')}>
        {d.canEdit && d.segments.length > 1 ? (
          <Link className="button button-secondary" to={`${page}?propose=1#proposal`}>
            {t('runOfShow.page.propose')}
          </Link>
        ) : null}
        <Link className="button button-secondary" to={`${page}/print`} reloadDocument>
          {t('runOfShow.page.print')}
        </Link>
        <Link className="button button-secondary" to={`${session}/readiness`}>
          {t('runOfShow.page.readiness')}
        </Link>
        <Link className="button button-secondary" to="/projects">
          {t('runOfShow.segment.projectsLink')}
        </Link>
      </nav>

      {d.proposal ? (
        <section className="card" id="proposal" aria-labelledby="proposal-title">
          <h2 id="proposal-title">{t('runOfShow.page.proposalTitle')}</h2>
          {d.proposal.ok ? (
            <>
              <p className="muted">{t('runOfShow.page.proposalIntro')}</p>
              <ol className="plan-proposal">
                {d.proposal.order.map((slot) => (
                  <li key={slot.id}>
                    <span className="plan-time">{`${slot.start}–${slot.end}`}</span>{' '}
                    <LocalizedTextView value={slot.title} />
                  </li>
                ))}
              </ol>
              <Form method="post" action={page} className="toolbar">
                <input type="hidden" name="intent" value="apply" />
                {d.proposal.order.map((slot) => (
                  <input key={slot.id} type="hidden" name="order" value={slot.id} />
                ))}
                <button type="submit" className="button">
                  {t('runOfShow.page.apply')}
                </button>
                <Link to={page}>{t('runOfShow.page.discard')}</Link>
              </Form>
            </>
          ) : (
            <p className="plan-issue plan-issue-error" role="alert">
              {d.proposal.message}
            </p>
          )}
        </section>
      ) : null}

      {d.segments.length === 0 ? (
        <p className="card muted">{t('runOfShow.page.empty')}</p>
      ) : (
        <ol className="plan-list" aria-label={t('runOfShow.title')}>
          {d.segments.map((s, index) => (
            <li
              key={s.id}
              id={`segment-${s.id}`}
              className={`plan-segment kind-${s.kind}${s.issues.some((i) => i.level === 'error') ? ' has-error' : ''}`}
              data-segment={s.id}
            >
              <p className="plan-time">
                {`${s.start}–${s.end}`}
                <span className="muted"> · {t('runOfShow.page.minutesShort', { count: s.minutes })}</span>
              </p>
              <div className="plan-body">
                <h2 className="plan-title">
                  <span className={`badge plan-kind plan-kind-${s.kind}`}>{t(`runOfShow.kinds.${s.kind}`)}</span>{' '}
                  <Link to={`${session}/segments/${s.id}`}>
                    <LocalizedTextView value={s.title} />
                  </Link>
                </h2>
                <StageLines lines={s.lines} />
                <IssueList issues={s.issues} />
              </div>
              {d.canEdit ? (
                <div className="plan-actions no-print">
                  {(['up', 'down'] as const).map((direction) => (
                    <Form key={direction} method="post" action={page} className="inline-form">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="segment" value={s.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button
                        type="submit"
                        className="button button-secondary button-small"
                        disabled={direction === 'up' ? index === 0 : index === d.segments.length - 1}
                        aria-label={t(direction === 'up' ? 'runOfShow.page.moveUp' : 'runOfShow.page.moveDown', {
                          title: s.title.text,
                        })}
                      >
                        {direction === 'up' ? `↑ ${t('runOfShow.page.up')}` : `↓ ${t('runOfShow.page.down')}`}
                      </button>
                    </Form>
                  ))}
                  <Link className="button button-small" to={`${session}/segments/${s.id}`}>
                    {t('runOfShow.page.edit')}
                  </Link>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {d.canEdit ? (
        <>
          <section className="card no-print" aria-labelledby="add-title">
            <h2 id="add-title">{t('runOfShow.page.add')}</h2>
            <Form method="post" action={page} className="stack" noValidate>
              <input type="hidden" name="intent" value="create" />
              <FormErrorSummary
                errors={createErrors}
                label={(name) =>
                  name === 'minutes'
                    ? t('runOfShow.page.minutes')
                    : name === 'kind'
                      ? t('runOfShow.page.kind')
                      : t('runOfShow.page.titleField')
                }
                order={['kind', 'title_zh', 'title_en', 'title_ja', 'minutes']}
              />
              <SelectField
                name="kind"
                label={t('runOfShow.page.kind')}
                defaultValue={stringValue(createValues, 'kind') || 'signing'}
                error={createErrors.kind}
              >
                {SEGMENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`runOfShow.kinds.${kind}`)}
                  </option>
                ))}
              </SelectField>
              <LocalizedFields
                field="title"
                label={t('runOfShow.page.titleField')}
                values={createValues}
                errors={createErrors}
                maxLength={200}
              />
              <Field
                name="minutes"
                label={t('runOfShow.page.minutes')}
                inputMode="numeric"
                defaultValue={stringValue(createValues, 'minutes') || '10'}
                error={createErrors.minutes}
              />
              <p>
                <button type="submit" className="button">
                  {t('runOfShow.page.create')}
                </button>
              </p>
            </Form>
          </section>

          <section className="card no-print" aria-labelledby="seats-title">
            <h2 id="seats-title">
              {d.room.text
                ? t('runOfShow.page.tableSeats', { room: d.room.text })
                : t('runOfShow.page.tableSeatsNoRoom')}
            </h2>
            <Form method="post" action={page} className="toolbar" noValidate>
              <input type="hidden" name="intent" value="seats" />
              <Field
                name="table_seats"
                label={t('runOfShow.page.seats')}
                inputMode="numeric"
                defaultValue={
                  actionData?.intent === 'seats'
                    ? stringValue(actionData.values, 'table_seats')
                    : (d.tableSeats?.toString() ?? '')
                }
                error={errorsFor('seats').table_seats}
              />
              <button type="submit" className="button button-secondary">
                {t('runOfShow.page.saveSeats')}
              </button>
            </Form>
          </section>

          {d.ranked.length > 0 ? (
            <section className="card no-print" aria-labelledby="ranks-title">
              <h2 id="ranks-title">{t('runOfShow.page.ranks')}</h2>
              <p className="muted">{t('runOfShow.page.ranksIntro')}</p>
              <Form method="post" action={page} className="plan-ranks" noValidate>
                <input type="hidden" name="intent" value="ranks" />
                {d.ranked.map((p) => (
                  <Field
                    key={p.id}
                    name={`rank_${p.id}`}
                    label={t('runOfShow.page.rank', { name: p.name })}
                    inputMode="numeric"
                    defaultValue={
                      actionData?.intent === 'ranks'
                        ? stringValue(actionData.values, `rank_${p.id}`)
                        : (p.rank?.toString() ?? '')
                    }
                    error={errorsFor('ranks')[`rank_${p.id}`]}
                  />
                ))}
                <p>
                  <button type="submit" className="button button-secondary">
                    {t('runOfShow.page.saveRanks')}
                  </button>
                </p>
              </Form>
            </section>
          ) : null}
        </>
      ) : null}
    </article>
  )
}
