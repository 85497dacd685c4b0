/**
 * Who is on a segment's stage, on the segment page (app/routes/segment.tsx): the parties coming up
 * in order with who signs, receives or represents each, and the other people on stage.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import { type FormValues, stringValue } from '../../http/form'
import { STAGE_ROLES } from '../../run-of-show/segment-form'
import type { FieldErrors } from '../../validation/field-errors'
import { FormErrorSummary, SelectField } from '../primitives/form-controls'
import { LocalizedTextView } from '../primitives/localized-text'
import { MoveForms } from './run-of-show'
import { errorsOf, type SectionProps, type SegmentView, useFieldLabel, usePartyPerson } from './segment-forms'

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
