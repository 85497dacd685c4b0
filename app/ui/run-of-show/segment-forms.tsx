/**
 * The segment page's sections (app/routes/segment.tsx): the parties coming up in order with who
 * signs, receives or represents each, the people on stage, the details form (with the signing's
 * project) and deleting the segment. Each form posts an `intent` to the page's action, and shows
 * that intent's errors and values when it comes back refused.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { type FormValues, stringValue } from '../../http/form'
import { SIGNING_STATUSES, STAGE_ROLES } from '../../run-of-show/segment-form'
import type { SegmentPage } from '../../run-of-show/segment-page.server'
import { KNOWN_CHAINS } from '../../sessions/session-form'
import type { FieldErrors } from '../../validation/field-errors'
import { CodeSelectField } from '../primitives/code-select'
import { Field } from '../primitives/field'
import { FormErrorSummary, LocalizedFields, SelectField } from '../primitives/form-controls'
import { LocalizedTextView } from '../primitives/localized-text'
import { MoveForms } from './run-of-show'

/** What the page shows: the segment's data and what the reader may do with it. */
export type SegmentView = SegmentPage & { canEdit: boolean; confirmDelete: boolean }

/** A refused form's intent, party, values and errors, as the action answers them. */
export type SegmentActionData = { intent: string; partyId: string; values: FormValues; errors: FieldErrors } | undefined

interface SectionProps {
  d: SegmentView
  /** the segment page's address, where every form posts */
  here: string
  actionData: SegmentActionData
}

/** The errors of one intent (and party) when the action refused it, else none. */
function errorsOf(actionData: SegmentActionData, intent: string, party = ''): FieldErrors {
  return actionData?.intent === intent && (party === '' || actionData.partyId === party) ? actionData.errors : {}
}

/** "Signatory", "Recipient" or "Representative": who a party brings on stage. */
export function usePartyPerson(kind: SegmentView['kind']): string {
  const { t } = useTranslation()
  const hasParties = kind === 'signing' || kind === 'award' || kind === 'initiative'
  return hasParties ? t(`runOfShow.partyPerson.${kind as 'signing'}`) : ''
}

/** A form field's label, for the error summaries. */
function useFieldLabel(kind: SegmentView['kind']): (name: string) => string {
  const { t } = useTranslation()
  const partyPerson = usePartyPerson(kind)
  return (name: string) => {
    const base = name.replace(/_(zh|en|ja)$/, '')
    const labels: Record<string, string> = {
      title: t('runOfShow.page.titleField'),
      minutes: t('runOfShow.page.minutes'),
      script: t('runOfShow.segment.script'),
      award: t('runOfShow.segment.award'),
      citation: t('runOfShow.segment.citation'),
      copies: t('runOfShow.segment.copies'),
      project_name: t('runOfShow.segment.projectName'),
      chain: t('runOfShow.segment.chain'),
      amount: t('runOfShow.segment.amount'),
      currency: t('runOfShow.segment.currency'),
      location: t('runOfShow.segment.location'),
      description: t('runOfShow.segment.description'),
      status: t('runOfShow.segment.status'),
      organization_id: t('runOfShow.segment.organization'),
      person_id: partyPerson || t('runOfShow.segment.person'),
      assistant_id: t('runOfShow.segment.assistant'),
      role: t('runOfShow.segment.role'),
    }
    return labels[base] ?? name
  }
}

function PersonOptions({ choices }: { choices: SegmentView['personChoices'] }) {
  const { t } = useTranslation()
  return (
    <>
      <option value="">{t('runOfShow.segment.noPerson')}</option>
      {choices.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </>
  )
}

/** The parties in order (left to right at a signing table), each with its person, and adding one. */
export function PartiesSection({ d, here, actionData }: SectionProps) {
  const { t } = useTranslation()
  const partyPerson = usePartyPerson(d.kind)
  const fieldLabel = useFieldLabel(d.kind)
  const personOptions = <PersonOptions choices={d.personChoices} />
  return (
    <section className="card" aria-labelledby="parties-title">
      <h2 id="parties-title">{t(`runOfShow.parties.${d.kind as 'signing'}`)}</h2>
      {d.parties.length === 0 ? <p className="muted">{t('runOfShow.segment.noParties')}</p> : null}
      <ol className="plan-parties">
        {d.parties.map((p, index) => {
          const errors = errorsOf(actionData, 'update-party', p.id)
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
                        label={t('runOfShow.segment.assistant')}
                        defaultValue={formValues ? stringValue(formValues, 'assistant_id') : p.assistantId}
                        error={errors.assistant_id}
                      >
                        {personOptions}
                      </SelectField>
                    ) : null}
                    <button type="submit" className="button button-secondary button-small">
                      {t('runOfShow.segment.changePerson')}
                    </button>
                  </Form>
                  <MoveForms
                    action={here}
                    hidden={{ intent: 'move-party', party: p.id }}
                    disabled={{ up: index === 0, down: index === d.parties.length - 1 }}
                    labels={
                      d.kind === 'signing'
                        ? { up: t('runOfShow.segment.left'), down: t('runOfShow.segment.right') }
                        : { up: t('runOfShow.segment.earlier'), down: t('runOfShow.segment.later') }
                    }
                  />
                  <Form method="post" action={here} className="inline-form">
                    <input type="hidden" name="intent" value="remove-party" />
                    <input type="hidden" name="party" value={p.id} />
                    <button
                      type="submit"
                      className="button button-secondary button-small"
                      aria-label={t('runOfShow.segment.removeNamed', { name: p.organization.text })}
                    >
                      {t('runOfShow.segment.remove')}
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
          errors={errorsOf(actionData, 'add-party')}
          values={actionData?.intent === 'add-party' ? actionData.values : {}}
          organizations={d.organizationChoices}
          personOptions={personOptions}
          fieldLabel={fieldLabel}
        />
      ) : null}
    </section>
  )
}

/** Speakers, witnesses, presenters … on stage for the segment, and adding one. */
export function StagePeopleSection({ d, here, actionData }: SectionProps) {
  const { t } = useTranslation()
  const personOptions = <PersonOptions choices={d.personChoices} />
  return (
    <section className="card" aria-labelledby="people-title">
      <h2 id="people-title">{t('runOfShow.segment.people')}</h2>
      <p className="muted">{t('runOfShow.segment.peopleIntro')}</p>
      {d.people.length === 0 ? <p className="muted">{t('runOfShow.segment.noPeople')}</p> : null}
      <ul className="plain">
        {d.people.map((p) => (
          <li key={`${p.personId}-${p.role}`} className="plan-party-head">
            <span className="badge">{t(`runOfShow.roles.${p.role}`)}</span> {p.name}
            {d.canEdit ? (
              <Form method="post" action={here} className="inline-form">
                <input type="hidden" name="intent" value="remove-person" />
                <input type="hidden" name="person_id" value={p.personId} />
                <input type="hidden" name="role" value={p.role} />
                <button
                  type="submit"
                  className="button button-secondary button-small"
                  aria-label={t('runOfShow.segment.removeNamed', { name: p.name })}
                >
                  {t('runOfShow.segment.remove')}
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
            label={t('runOfShow.segment.person')}
            defaultValue={actionData?.intent === 'add-person' ? stringValue(actionData.values, 'person_id') : ''}
            error={errorsOf(actionData, 'add-person').person_id}
          >
            {personOptions}
          </SelectField>
          <SelectField
            name="role"
            id="stage-role"
            label={t('runOfShow.segment.role')}
            defaultValue={
              actionData?.intent === 'add-person'
                ? stringValue(actionData.values, 'role')
                : d.kind === 'signing'
                  ? 'witness'
                  : d.kind === 'award'
                    ? 'presenter'
                    : 'speaker'
            }
            error={errorsOf(actionData, 'add-person').role}
          >
            {STAGE_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`runOfShow.roles.${role}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button-secondary">
            {t('runOfShow.segment.addPerson')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

/** A segment's title in three languages and its minutes, as adding and editing a segment ask them. */
export function TitleAndMinutesFields({
  values,
  errors,
  minutes,
}: {
  values: FormValues
  errors: FieldErrors
  /** the minutes field's starting value */
  minutes: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <LocalizedFields
        field="title"
        label={t('runOfShow.page.titleField')}
        values={values}
        errors={errors}
        maxLength={200}
      />
      <Field
        name="minutes"
        label={t('runOfShow.page.minutes')}
        inputMode="numeric"
        defaultValue={minutes}
        error={errors.minutes}
      />
    </>
  )
}

/** Title, minutes, the MC's line, the award's wording, and a signing's project. */
export function SegmentDetailsSection({ d, here, actionData }: SectionProps) {
  const { t } = useTranslation()
  const fieldLabel = useFieldLabel(d.kind)
  const saveErrors = errorsOf(actionData, 'save')
  const values = actionData?.intent === 'save' ? actionData.values : d.values
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">{t('runOfShow.segment.details')}</h2>
      <Form method="post" action={here} className="stack" noValidate>
        <input type="hidden" name="intent" value="save" />
        <FormErrorSummary
          errors={saveErrors}
          label={fieldLabel}
          order={['title_zh', 'minutes', 'copies', 'project_name_zh', 'chain', 'amount', 'currency', 'status']}
        />
        <TitleAndMinutesFields values={values} errors={saveErrors} minutes={stringValue(values, 'minutes')} />
        <LocalizedFields
          field="script"
          label={t('runOfShow.segment.script')}
          values={values}
          errors={saveErrors}
          multiline
        />
        {d.kind === 'award' ? (
          <>
            <LocalizedFields field="award" label={t('runOfShow.segment.award')} values={values} errors={saveErrors} />
            <LocalizedFields
              field="citation"
              label={t('runOfShow.segment.citation')}
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
              label={t('runOfShow.segment.copies')}
              inputMode="numeric"
              defaultValue={stringValue(values, 'copies')}
              error={saveErrors.copies}
            />
            <fieldset className="stack">
              <legend>{t('runOfShow.segment.project')}</legend>
              <LocalizedFields
                field="project_name"
                label={t('runOfShow.segment.projectName')}
                values={values}
                errors={saveErrors}
              />
              <Field
                name="chain"
                label={t('runOfShow.segment.chain')}
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
                  label={t('runOfShow.segment.amount')}
                  inputMode="decimal"
                  defaultValue={stringValue(values, 'amount')}
                  error={saveErrors.amount}
                />
                <Field
                  name="currency"
                  label={t('runOfShow.segment.currency')}
                  maxLength={3}
                  autoCapitalize="characters"
                  defaultValue={stringValue(values, 'currency')}
                  error={saveErrors.currency}
                />
              </div>
              <LocalizedFields
                field="location"
                label={t('runOfShow.segment.location')}
                values={values}
                errors={saveErrors}
              />
              <LocalizedFields
                field="description"
                label={t('runOfShow.segment.description')}
                values={values}
                errors={saveErrors}
                multiline
              />
              <CodeSelectField
                name="status"
                label={t('runOfShow.segment.status')}
                defaultValue={stringValue(values, 'status')}
                error={saveErrors.status}
                codes={SIGNING_STATUSES}
                word={(status) => t(`projects.statuses.${status}`)}
              />
              {d.projectStatus === 'started' || d.projectStatus === 'invested' ? (
                <p className="muted">{t(`projects.statuses.${d.projectStatus}`)}</p>
              ) : null}
            </fieldset>
          </>
        ) : null}
        <p>
          <button type="submit" className="button">
            {t('runOfShow.segment.save')}
          </button>
        </p>
      </Form>
    </section>
  )
}

/** Deleting the segment, after a confirmation. */
export function DeleteSegmentSection({ d, here }: Omit<SectionProps, 'actionData'>) {
  const { t } = useTranslation()
  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('runOfShow.segment.delete')}</h2>
      {d.confirmDelete ? (
        <Form method="post" action={here} className="form-actions">
          <p>{t('runOfShow.segment.deleteConfirm', { title: d.title.text })}</p>
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button-danger">
            {t('runOfShow.segment.deleteYes')}
          </button>
          <Link to={here}>{t('organizer.form.cancel')}</Link>
        </Form>
      ) : (
        <Link className="button button-danger" to={`${here}?delete=1`}>
          {t('runOfShow.segment.delete')}
        </Link>
      )}
    </section>
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
      <h3 id="add-party-title">{t(`runOfShow.addParty.${kind as 'signing'}`)}</h3>
      <input type="hidden" name="intent" value="add-party" />
      <FormErrorSummary errors={errors} label={fieldLabel} order={['organization_id', 'person_id', 'assistant_id']} />
      <div className="plan-party-form">
        <SelectField
          name="organization_id"
          label={t('runOfShow.segment.organization')}
          defaultValue={stringValue(values, 'organization_id')}
          error={errors.organization_id}
        >
          <option value="">{t('runOfShow.segment.noPerson')}</option>
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
            label={t('runOfShow.segment.assistant')}
            defaultValue={stringValue(values, 'assistant_id')}
            error={errors.assistant_id}
          >
            {personOptions}
          </SelectField>
        ) : null}
        <button type="submit" className="button button-secondary">
          {t('runOfShow.segment.addParty')}
        </button>
      </div>
    </Form>
  )
}
