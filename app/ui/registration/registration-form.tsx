import { type ReactElement, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, useNavigation } from 'react-router'
import type { Language } from '../../../db/schema'
import { type FormValues, listValue, stringValue } from '../../http/form'
import type { SessionChoiceView } from '../../registration/delegate-page.server'
import { DIETS, INTERPRETATION_LANGUAGES } from '../../registration/registration-form'
import type { FieldErrors } from '../../validation/field-errors'
import { Field } from '../primitives/field'
import { FieldError } from '../primitives/field-error'
import { FormErrorSummary, fieldBinding, SelectField, TextAreaField } from '../primitives/form-controls'
import { LocalizedTextView } from '../primitives/localized-text'

/** Name fields in the order people of each culture expect them. */
function nameOrder(lng: Language): string[] {
  return lng === 'en'
    ? ['latin_name', 'family_name', 'given_name', 'kana']
    : lng === 'ja'
      ? ['family_name', 'given_name', 'kana', 'latin_name']
      : ['family_name', 'given_name', 'latin_name', 'kana']
}

export const REGISTRATION_FIELD_ORDER = [
  'family_name',
  'given_name',
  'latin_name',
  'kana',
  'title',
  'organization',
  'email',
  'phone',
  'language',
  'sessions',
  'diet',
  'allergies',
  'accessibility',
  'interpretation',
  'arrival_date',
  'arrival_transport',
  'departure_date',
  'departure_transport',
  'hotel_needed',
  'consent',
]

export function RegistrationForm({
  lng,
  values,
  errors,
  sessions,
  submissionKey,
  publicForm,
  submitLabel,
}: {
  lng: Language
  values: FormValues
  errors: FieldErrors | undefined
  sessions: readonly SessionChoiceView[]
  submissionKey: string
  publicForm: boolean
  submitLabel: string
}) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const v = (name: string) => stringValue(values, name)
  const bind = fieldBinding(values, errors ?? {})
  const chosen = listValue(values, 'sessions')
  const privacyId = useId()
  const label = (name: string) => t(`registration.fields.${name}`)
  const names: Record<string, ReactElement> = {
    family_name: (
      <Field
        {...bind('family_name')}
        key="family_name"
        label={label('family_name')}
        autoComplete="family-name"
        maxLength={100}
      />
    ),
    given_name: (
      <Field
        {...bind('given_name')}
        key="given_name"
        label={label('given_name')}
        autoComplete="given-name"
        maxLength={100}
      />
    ),
    latin_name: (
      <Field
        {...bind('latin_name')}
        key="latin_name"
        label={label('latin_name')}
        required
        maxLength={200}
        aria-describedby="latin_name-hint"
      />
    ),
    kana: <Field {...bind('kana')} key="kana" label={label('kana')} maxLength={200} lang="ja" />,
  }
  // Kana is a Japanese name's reading: asked in Japanese, or kept when the person has one.
  const askKana = lng === 'ja' || v('kana') !== ''
  return (
    <Form method="post" noValidate className="stack registration-form">
      <FormErrorSummary errors={errors} label={label} order={REGISTRATION_FIELD_ORDER} />
      <input type="hidden" name="submission_key" value={submissionKey} />
      {publicForm ? (
        // A field people never see: bots fill it in, and their submission is dropped.
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
      ) : null}

      <fieldset className="form-section card">
        <legend>{t('registration.sections.you')}</legend>
        <p className="muted" id="latin_name-hint">
          {t('registration.hints.names')}
        </p>
        {nameOrder(lng)
          .filter((name) => name !== 'kana' || askKana)
          .map((name) => names[name])}
        <Field name="title" label={label('title')} defaultValue={v('title')} error={errors?.title} maxLength={200} />
        <Field {...bind('organization')} label={label('organization')} autoComplete="organization" maxLength={200} />
        <Field {...bind('email')} type="email" label={label('email')} autoComplete="email" required />
        <Field {...bind('phone')} type="tel" label={label('phone')} autoComplete="tel" maxLength={40} />
        <SelectField
          name="language"
          label={label('language')}
          defaultValue={v('language') || lng}
          error={errors?.language}
        >
          {(['ja', 'en', 'zh'] as const).map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset
        className="form-section card"
        id="sessions"
        aria-describedby={errors?.sessions ? 'sessions-error' : undefined}
      >
        <legend>{t('registration.sections.sessions')}</legend>
        {sessions.length === 0 ? <p className="muted">{t('registration.hints.noSessions')}</p> : null}
        <FieldError id="sessions-error" messageKey={errors?.sessions} />
        <div className="session-choices">
          {sessions.map((s) => (
            <label key={s.id} className="checkbox session-choice">
              <input type="checkbox" name="sessions" value={s.id} defaultChecked={chosen.includes(s.id)} />
              <span>
                <strong>
                  <LocalizedTextView value={s.title} />
                </strong>
                <span className="muted">
                  {' '}
                  {t('registration.sessionWhen', { day: s.day, start: s.start, end: s.end })}
                  {s.room.text ? ` · ${s.room.text}` : ''}
                </span>
                {s.vipOnly ? <span className="badge">{t('registration.vipOnly')}</span> : null}
                {s.seat === 'confirmed' ? <span className="badge ok">{t('registration.seat.confirmed')}</span> : null}
                {s.seat === 'waitlisted' || s.seat === 'requested' ? (
                  <span className="badge warn">{t(`registration.seat.${s.seat}`)}</span>
                ) : null}
                {s.full ? <span className="badge warn">{t('registration.fullWaitlist')}</span> : null}
                {s.alsoOpen && s.alsoOpen.length > 0 ? (
                  <span className="session-clash">
                    {t('registration.alsoOpen', { titles: s.alsoOpen.join(t('app.listSeparator')) })}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
        <p className="muted">{t('registration.hints.overlap')}</p>
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('registration.sections.needs')}</legend>
        <SelectField name="diet" label={label('diet')} defaultValue={v('diet') || 'none'} error={errors?.diet}>
          {DIETS.map((d) => (
            <option key={d} value={d}>
              {t(`registration.diets.${d}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          name="allergies"
          label={label('allergies')}
          defaultValue={v('allergies')}
          error={errors?.allergies}
          maxLength={500}
        />
        <TextAreaField
          name="accessibility"
          label={label('accessibility')}
          defaultValue={v('accessibility')}
          error={errors?.accessibility}
          maxLength={500}
        />
        <SelectField
          name="interpretation"
          label={label('interpretation')}
          defaultValue={v('interpretation')}
          error={errors?.interpretation}
        >
          {INTERPRETATION_LANGUAGES.map((l) => (
            <option key={l || 'none'} value={l}>
              {l ? t(`languages.${l}`) : t('registration.noInterpretation')}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('registration.sections.travel')}</legend>
        <div className="field-row">
          <Field {...bind('arrival_date')} type="date" label={label('arrival_date')} />
          <Field
            {...bind('arrival_transport')}
            label={label('arrival_transport')}
            placeholder="NH 921"
            maxLength={60}
          />
        </div>
        <div className="field-row">
          <Field {...bind('departure_date')} type="date" label={label('departure_date')} />
          <Field
            {...bind('departure_transport')}
            label={label('departure_transport')}
            placeholder="G 1234"
            maxLength={60}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="hotel_needed" id="hotel_needed" defaultChecked={v('hotel_needed') === 'on'} />
          <span>{label('hotel_needed')}</span>
        </label>
      </fieldset>

      <fieldset
        className="form-section card"
        id="consent"
        aria-describedby={errors?.consent ? 'consent-error' : privacyId}
      >
        <legend>{t('registration.sections.privacy')}</legend>
        <div id={privacyId} className="privacy-notice">
          <p>{t('registration.privacy.what')}</p>
          <p>{t('registration.privacy.why')}</p>
          <p>{t('registration.privacy.rights')}</p>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="consent" value="yes" required defaultChecked={v('consent') === 'yes'} />
          <span>{label('consent')}</span>
        </label>
        <FieldError id="consent-error" messageKey={errors?.consent} />
      </fieldset>

      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  )
}
