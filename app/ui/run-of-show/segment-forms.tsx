/**
 * The segment page's own sections (app/routes/segment.tsx): the details form (with the signing's
 * project) and deleting the segment, and what its sections share; who is on stage is in
 * stage-forms.tsx. Each form posts an `intent` to the page's action, and shows that intent's
 * errors and values when it comes back refused.
 */
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { type FormValues, stringValue } from '../../http/form'
import { SIGNING_STATUSES } from '../../run-of-show/segment-form'
import type { SegmentPage } from '../../run-of-show/segment-page.server'
import { KNOWN_CHAINS } from '../../sessions/session-form'
import type { FieldErrors } from '../../validation/field-errors'
import { CodeSelectField } from '../primitives/code-select'
import { Field } from '../primitives/field'
import { FormErrorSummary, LocalizedFields } from '../primitives/form-controls'

/** What the page shows: the segment's data and what the reader may do with it. */
export type SegmentView = SegmentPage & { canEdit: boolean; confirmDelete: boolean }

/** A refused form's intent, party, values and errors, as the action answers them. */
export type SegmentActionData = { intent: string; partyId: string; values: FormValues; errors: FieldErrors } | undefined

export interface SectionProps {
  d: SegmentView
  /** the segment page's address, where every form posts */
  here: string
  actionData: SegmentActionData
}

/** The errors of one intent (and party) when the action refused it, else none. */
export function errorsOf(actionData: SegmentActionData, intent: string, party = ''): FieldErrors {
  return actionData?.intent === intent && (party === '' || actionData.partyId === party) ? actionData.errors : {}
}

/** "Signatory", "Recipient" or "Representative": who a party brings on stage. */
export function usePartyPerson(kind: SegmentView['kind']): string {
  const { t } = useTranslation()
  const hasParties = kind === 'signing' || kind === 'award' || kind === 'initiative'
  return hasParties ? t(`runOfShow.partyPerson.${kind as 'signing'}`) : ''
}

/** A form field's label, for the error summaries. */
export function useFieldLabel(kind: SegmentView['kind']): (name: string) => string {
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
