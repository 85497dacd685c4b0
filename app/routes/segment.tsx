import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect } from 'react-router'
import { eventPeople, runOfShow, type SegmentDetail } from '../ceremonies/ceremonies.server'
import { issueViews, segmentTitle } from '../ceremonies/run-of-show-view.server'
import {
  parsePartyForm,
  parsePartyPeopleForm,
  parseSegmentForm,
  parseStagePersonForm,
  SIGNING_STATUSES,
  STAGE_ROLES,
  stageRole,
} from '../ceremonies/segment-form'
import {
  addParty,
  addStagePerson,
  deleteSegment,
  findSegment,
  moveParty,
  removeParty,
  removeStagePerson,
  updateParty,
  updateSegment,
} from '../ceremonies/segments.server'
import { type FieldErrors, formObject } from '../http/form'
import { formatTime } from '../i18n/format'
import { INTL_LOCALE } from '../i18n/i18n'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized, readTriple } from '../i18n/localized'
import { listOrganizations } from '../organizations/organizations.server'
import { displayName, secondaryName } from '../people/names'
import { appContext } from '../server/context'
import { requireSessionAccess } from '../sessions/session-access.server'
import { KNOWN_CHAINS } from '../sessions/session-form'
import { Field } from '../ui/field'
import { FormErrorSummary, type FormValues, LocalizedFields, SelectField, stringValue } from '../ui/form-controls'
import { LocalizedTextView } from '../ui/localized-text'
import { IssueList } from '../ui/run-of-show'
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
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const t = getI18n(context).getFixedT(lng)
  // The segment comes from the session's plan, read once with everything its checks need.
  const [show, people, organizations] = await Promise.all([
    runOfShow(db, session),
    eventPeople(db, event.id),
    listOrganizations(db),
  ])
  const segment = show.segments.find((s) => s.id === params.segmentId)
  if (!segment) throw data({ code: 'not_found' }, { status: 404 })
  const slot = show.timed.find((s) => s.segment.id === segment.id)
  const collator = new Intl.Collator(INTL_LOCALE[lng])
  const orgName = new Map(organizations.map((o) => [o.id, pickLocalized(o.name, lng).text]))
  const names = new Map(people.map((p) => [p.id, displayName(p, lng)]))
  const project = segment.project
  return {
    slug: event.slug,
    sessionId: session.id,
    segmentId: segment.id,
    kind: segment.kind,
    title: segmentTitle(segment, lng),
    sessionTitle: pickLocalized(readTriple(session, 'title'), lng),
    start: slot ? formatTime(new Date(slot.start).toISOString(), event.timezone, lng) : '',
    end: slot ? formatTime(new Date(slot.end).toISOString(), event.timezone, lng) : '',
    canEdit,
    saved: new URL(request.url).searchParams.get('saved') === '1',
    confirmDelete: new URL(request.url).searchParams.get('delete') === '1',
    issues: issueViews(show, t, lng, event.timezone).filter((i) => i.segmentId === segment.id),
    values: segmentValues(segment),
    parties: segment.parties.map((p) => ({
      id: p.id,
      organization: pickLocalized(readTriple(p.organization, 'name'), lng),
      country: p.organization.country,
      personId: p.personId ?? '',
      person: p.personId ? (names.get(p.personId) ?? '') : '',
      assistantId: p.assistantId ?? '',
    })),
    people: segment.people.map((p) => ({ ...p, name: names.get(p.personId) ?? '' })),
    personChoices: people
      .map((p) => {
        const secondary = secondaryName(p, lng)
        const org = p.organizationId ? orgName.get(p.organizationId) : undefined
        return {
          id: p.id,
          label: [displayName(p, lng), secondary && `(${secondary})`, org && `· ${org}`].filter(Boolean).join(' '),
        }
      })
      .sort((a, b) => collator.compare(a.label, b.label)),
    organizationChoices: organizations
      .map((o) => ({ id: o.id, label: pickLocalized(o.name, lng).text }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    projectStatus: project?.status ?? null,
  }
}

function segmentValues(segment: SegmentDetail): FormValues {
  const p = segment.project
  return {
    title_zh: segment.title_zh,
    title_en: segment.title_en,
    title_ja: segment.title_ja,
    minutes: String(segment.minutes),
    script_zh: segment.script_zh,
    script_en: segment.script_en,
    script_ja: segment.script_ja,
    award_zh: segment.award_zh,
    award_en: segment.award_en,
    award_ja: segment.award_ja,
    citation_zh: segment.citation_zh,
    citation_en: segment.citation_en,
    citation_ja: segment.citation_ja,
    copies: segment.copies === null ? '' : String(segment.copies),
    project_name_zh: p?.name_zh ?? '',
    project_name_en: p?.name_en ?? '',
    project_name_ja: p?.name_ja ?? '',
    chain: p?.chain ?? '',
    amount: p?.amount ?? '',
    currency: p?.currency ?? '',
    location_zh: p?.location_zh ?? '',
    location_en: p?.location_en ?? '',
    location_ja: p?.location_ja ?? '',
    description_zh: p?.description_zh ?? '',
    description_en: p?.description_en ?? '',
    description_ja: p?.description_ja ?? '',
    // The pipeline's later steps count as signed here; they are changed on the projects page.
    status: p ? (p.status === 'started' || p.status === 'invested' ? 'signed' : p.status) : 'planned',
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
  const errorsOf = (intent: string, party = '') =>
    actionData?.intent === intent && (party === '' || actionData.partyId === party) ? actionData.errors : {}
  const saveErrors = errorsOf('save')
  const values = actionData?.intent === 'save' ? actionData.values : d.values
  const hasParties = d.kind === 'signing' || d.kind === 'award' || d.kind === 'initiative'
  const partyPerson = hasParties ? t(`ceremonies.partyPerson.${d.kind as 'signing'}`) : ''
  const fieldLabel = (name: string) => {
    const base = name.replace(/_(zh|en|ja)$/, '')
    const labels: Record<string, string> = {
      title: t('ceremonies.page.titleField'),
      minutes: t('ceremonies.page.minutes'),
      script: t('ceremonies.segment.script'),
      award: t('ceremonies.segment.award'),
      citation: t('ceremonies.segment.citation'),
      copies: t('ceremonies.segment.copies'),
      project_name: t('ceremonies.segment.projectName'),
      chain: t('ceremonies.segment.chain'),
      amount: t('ceremonies.segment.amount'),
      currency: t('ceremonies.segment.currency'),
      location: t('ceremonies.segment.location'),
      description: t('ceremonies.segment.description'),
      status: t('ceremonies.segment.status'),
      organization_id: t('ceremonies.segment.organization'),
      person_id: partyPerson || t('ceremonies.segment.person'),
      assistant_id: t('ceremonies.segment.assistant'),
      role: t('ceremonies.segment.role'),
    }
    return labels[base] ?? name
  }
  const formError = actionData?.errors.form
  const personOptions = (
    <>
      <option value="">{t('ceremonies.segment.noPerson')}</option>
      {d.personChoices.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </>
  )
  return (
    <article className="stack">
      <header>
        <p className="eyebrow">
          <Link to={show}>
            {t('ceremonies.segment.back')} · <LocalizedTextView value={d.sessionTitle} />
          </Link>
        </p>
        <h1>
          <span className={`badge plan-kind plan-kind-${d.kind}`}>{t(`ceremonies.kinds.${d.kind}`)}</span>{' '}
          <LocalizedTextView value={d.title} />
        </h1>
        {d.start ? (
          <p className="plan-time">{t('ceremonies.segment.plannedAt', { start: d.start, end: d.end })}</p>
        ) : null}
      </header>
      {d.saved ? (
        <p className="notice" role="status">
          {t('ceremonies.segment.saved')}
        </p>
      ) : null}
      {formError ? (
        <p className="error-summary" role="alert">
          {t(formError.key, formError.values)}
        </p>
      ) : null}
      {d.issues.length > 0 ? (
        <section className="card" aria-labelledby="checks-title">
          <h2 id="checks-title">{t('ceremonies.segment.checks')}</h2>
          <IssueList issues={d.issues} />
        </section>
      ) : null}

      {hasParties ? (
        <section className="card" aria-labelledby="parties-title">
          <h2 id="parties-title">{t(`ceremonies.parties.${d.kind as 'signing'}`)}</h2>
          {d.parties.length === 0 ? <p className="muted">{t('ceremonies.segment.noParties')}</p> : null}
          <ol className="plan-parties">
            {d.parties.map((p, index) => {
              const errors = errorsOf('update-party', p.id)
              const formValues =
                actionData?.intent === 'update-party' && actionData.partyId === p.id ? actionData.values : null
              return (
                <li key={p.id} className="plan-party" data-party={p.id}>
                  <p className="plan-party-head">
                    <strong>
                      <LocalizedTextView value={p.organization} />
                    </strong>
                    <span className="badge">{p.country}</span>
                    {p.person ? <span>{t('organizer.pair', { label: partyPerson, value: p.person })}</span> : null}
                  </p>
                  {d.canEdit ? (
                    <div className="plan-party-form">
                      <Form method="post" action={here} className="plan-party-form" noValidate>
                        <input type="hidden" name="intent" value="update-party" />
                        <input type="hidden" name="party" value={p.id} />
                        <SelectField
                          name="person_id"
                          id={`person-${p.id}`}
                          label={partyPerson}
                          defaultValue={formValues ? stringValue(formValues, 'person_id') : p.personId}
                          error={errors.person_id}
                        >
                          {personOptions}
                        </SelectField>
                        {d.kind === 'signing' ? (
                          <SelectField
                            name="assistant_id"
                            id={`assistant-${p.id}`}
                            label={t('ceremonies.segment.assistant')}
                            defaultValue={formValues ? stringValue(formValues, 'assistant_id') : p.assistantId}
                            error={errors.assistant_id}
                          >
                            {personOptions}
                          </SelectField>
                        ) : null}
                        <button type="submit" className="button button-secondary button-small">
                          {t('ceremonies.segment.changePerson')}
                        </button>
                      </Form>
                      {(['up', 'down'] as const).map((direction) => (
                        <Form key={direction} method="post" action={here} className="inline-form">
                          <input type="hidden" name="intent" value="move-party" />
                          <input type="hidden" name="party" value={p.id} />
                          <input type="hidden" name="direction" value={direction} />
                          <button
                            type="submit"
                            className="button button-secondary button-small"
                            disabled={direction === 'up' ? index === 0 : index === d.parties.length - 1}
                          >
                            {d.kind === 'signing'
                              ? t(direction === 'up' ? 'ceremonies.segment.left' : 'ceremonies.segment.right')
                              : t(direction === 'up' ? 'ceremonies.segment.earlier' : 'ceremonies.segment.later')}
                          </button>
                        </Form>
                      ))}
                      <Form method="post" action={here} className="inline-form">
                        <input type="hidden" name="intent" value="remove-party" />
                        <input type="hidden" name="party" value={p.id} />
                        <button
                          type="submit"
                          className="button button-secondary button-small"
                          aria-label={t('ceremonies.segment.removeNamed', { name: p.organization.text })}
                        >
                          {t('ceremonies.segment.remove')}
                        </button>
                      </Form>
                    </div>
                  ) : null}
                </li>
              )
            })}
          </ol>
          {d.canEdit ? (
            <AddPartyForm
              here={here}
              kind={d.kind}
              partyPerson={partyPerson}
              errors={errorsOf('add-party')}
              values={actionData?.intent === 'add-party' ? actionData.values : {}}
              organizations={d.organizationChoices}
              personOptions={personOptions}
              fieldLabel={fieldLabel}
            />
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="people-title">
        <h2 id="people-title">{t('ceremonies.segment.people')}</h2>
        <p className="muted">{t('ceremonies.segment.peopleIntro')}</p>
        {d.people.length === 0 ? <p className="muted">{t('ceremonies.segment.noPeople')}</p> : null}
        <ul className="plain">
          {d.people.map((p) => (
            <li key={`${p.personId}-${p.role}`} className="plan-party-head">
              <span className="badge">{t(`ceremonies.roles.${p.role}`)}</span> {p.name}
              {d.canEdit ? (
                <Form method="post" action={here} className="inline-form">
                  <input type="hidden" name="intent" value="remove-person" />
                  <input type="hidden" name="person_id" value={p.personId} />
                  <input type="hidden" name="role" value={p.role} />
                  <button
                    type="submit"
                    className="button button-secondary button-small"
                    aria-label={t('ceremonies.segment.removeNamed', { name: p.name })}
                  >
                    {t('ceremonies.segment.remove')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {d.canEdit ? (
          <Form method="post" action={here} className="plan-party-form" noValidate>
            <input type="hidden" name="intent" value="add-person" />
            <SelectField
              name="person_id"
              id="stage-person"
              label={t('ceremonies.segment.person')}
              defaultValue={actionData?.intent === 'add-person' ? stringValue(actionData.values, 'person_id') : ''}
              error={errorsOf('add-person').person_id}
            >
              {personOptions}
            </SelectField>
            <SelectField
              name="role"
              id="stage-role"
              label={t('ceremonies.segment.role')}
              defaultValue={
                actionData?.intent === 'add-person'
                  ? stringValue(actionData.values, 'role')
                  : d.kind === 'signing'
                    ? 'witness'
                    : d.kind === 'award'
                      ? 'presenter'
                      : 'speaker'
              }
              error={errorsOf('add-person').role}
            >
              {STAGE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`ceremonies.roles.${role}`)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button button-secondary">
              {t('ceremonies.segment.addPerson')}
            </button>
          </Form>
        ) : null}
      </section>

      {d.canEdit ? (
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('ceremonies.segment.details')}</h2>
          <Form method="post" action={here} className="stack" noValidate>
            <input type="hidden" name="intent" value="save" />
            <FormErrorSummary
              errors={saveErrors}
              label={fieldLabel}
              order={['title_zh', 'minutes', 'copies', 'project_name_zh', 'chain', 'amount', 'currency', 'status']}
            />
            <LocalizedFields
              field="title"
              label={t('ceremonies.page.titleField')}
              values={values}
              errors={saveErrors}
              maxLength={200}
            />
            <Field
              name="minutes"
              label={t('ceremonies.page.minutes')}
              inputMode="numeric"
              defaultValue={stringValue(values, 'minutes')}
              error={saveErrors.minutes}
            />
            <LocalizedFields
              field="script"
              label={t('ceremonies.segment.script')}
              values={values}
              errors={saveErrors}
              multiline
            />
            {d.kind === 'award' ? (
              <>
                <LocalizedFields
                  field="award"
                  label={t('ceremonies.segment.award')}
                  values={values}
                  errors={saveErrors}
                />
                <LocalizedFields
                  field="citation"
                  label={t('ceremonies.segment.citation')}
                  values={values}
                  errors={saveErrors}
                  multiline
                />
              </>
            ) : null}
            {d.kind === 'signing' ? (
              <>
                <Field
                  name="copies"
                  label={t('ceremonies.segment.copies')}
                  inputMode="numeric"
                  defaultValue={stringValue(values, 'copies')}
                  error={saveErrors.copies}
                />
                <fieldset className="stack">
                  <legend>{t('ceremonies.segment.project')}</legend>
                  <LocalizedFields
                    field="project_name"
                    label={t('ceremonies.segment.projectName')}
                    values={values}
                    errors={saveErrors}
                  />
                  <Field
                    name="chain"
                    label={t('ceremonies.segment.chain')}
                    list="chains"
                    defaultValue={stringValue(values, 'chain')}
                    error={saveErrors.chain}
                  />
                  <datalist id="chains">
                    {KNOWN_CHAINS.map((chain) => (
                      <option key={chain} value={chain}>
                        {t(`sessions.chains.${chain}`)}
                      </option>
                    ))}
                  </datalist>
                  <div className="form-row">
                    <Field
                      name="amount"
                      label={t('ceremonies.segment.amount')}
                      inputMode="decimal"
                      defaultValue={stringValue(values, 'amount')}
                      error={saveErrors.amount}
                    />
                    <Field
                      name="currency"
                      label={t('ceremonies.segment.currency')}
                      maxLength={3}
                      autoCapitalize="characters"
                      defaultValue={stringValue(values, 'currency')}
                      error={saveErrors.currency}
                    />
                  </div>
                  <LocalizedFields
                    field="location"
                    label={t('ceremonies.segment.location')}
                    values={values}
                    errors={saveErrors}
                  />
                  <LocalizedFields
                    field="description"
                    label={t('ceremonies.segment.description')}
                    values={values}
                    errors={saveErrors}
                    multiline
                  />
                  <SelectField
                    name="status"
                    label={t('ceremonies.segment.status')}
                    defaultValue={stringValue(values, 'status')}
                    error={saveErrors.status}
                  >
                    {SIGNING_STATUSES.map((status) => (
                      <option key={status} value={status}>
                        {t(`projects.statuses.${status}`)}
                      </option>
                    ))}
                  </SelectField>
                  {d.projectStatus === 'started' || d.projectStatus === 'invested' ? (
                    <p className="muted">{t(`projects.statuses.${d.projectStatus}`)}</p>
                  ) : null}
                </fieldset>
              </>
            ) : null}
            <p>
              <button type="submit" className="button">
                {t('ceremonies.segment.save')}
              </button>
            </p>
          </Form>
        </section>
      ) : null}

      {d.canEdit ? (
        <section className="card danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">{t('ceremonies.segment.delete')}</h2>
          {d.confirmDelete ? (
            <Form method="post" action={here} className="form-actions">
              <p>{t('ceremonies.segment.deleteConfirm', { title: d.title.text })}</p>
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="button button-danger">
                {t('ceremonies.segment.deleteYes')}
              </button>
              <Link to={here}>{t('organizer.form.cancel')}</Link>
            </Form>
          ) : (
            <Link className="button button-danger" to={`${here}?delete=1`}>
              {t('ceremonies.segment.delete')}
            </Link>
          )}
        </section>
      ) : null}
    </article>
  )
}

function AddPartyForm({
  here,
  kind,
  partyPerson,
  errors,
  values,
  organizations,
  personOptions,
  fieldLabel,
}: {
  here: string
  kind: string
  partyPerson: string
  errors: FieldErrors
  values: FormValues
  organizations: { id: string; label: string }[]
  personOptions: ReactNode
  fieldLabel: (name: string) => string
}) {
  const { t } = useTranslation()
  return (
    <Form method="post" action={here} className="stack" noValidate aria-labelledby="add-party-title">
      <h3 id="add-party-title">{t(`ceremonies.addParty.${kind as 'signing'}`)}</h3>
      <input type="hidden" name="intent" value="add-party" />
      <FormErrorSummary errors={errors} label={fieldLabel} order={['organization_id', 'person_id', 'assistant_id']} />
      <div className="plan-party-form">
        <SelectField
          name="organization_id"
          label={t('ceremonies.segment.organization')}
          defaultValue={stringValue(values, 'organization_id')}
          error={errors.organization_id}
        >
          <option value="">{t('ceremonies.segment.noPerson')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="person_id"
          label={partyPerson}
          defaultValue={stringValue(values, 'person_id')}
          error={errors.person_id}
        >
          {personOptions}
        </SelectField>
        {kind === 'signing' ? (
          <SelectField
            name="assistant_id"
            label={t('ceremonies.segment.assistant')}
            defaultValue={stringValue(values, 'assistant_id')}
            error={errors.assistant_id}
          >
            {personOptions}
          </SelectField>
        ) : null}
        <button type="submit" className="button button-secondary">
          {t('ceremonies.segment.addParty')}
        </button>
      </div>
    </Form>
  )
}
