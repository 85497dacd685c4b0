/**
 * The event form, shared by /events/new and /events/<slug>/edit. A plain POST form that works
 * without JavaScript; app/events/event-form.ts reads what it sends.
 */
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Form, Link, useNavigation } from 'react-router'
import type { EventRow } from '../../../db/schema'
import { DEFAULT_SCAN_OPENS_MINUTES, MAX_SCAN_OPENS_MINUTES } from '../../checkin/rules'
import { HOST_ROLES, HOST_ROWS, REGISTRATION_MODES } from '../../events/event-form'
import type { EventHost } from '../../events/events.server'
import { type FormValues, listValue, stringValue } from '../../http/form'
import { INTL_LOCALE, LANGUAGES, type Language } from '../../i18n/i18n'
import { pickLocalized } from '../../i18n/localized'
import { LIMITS } from '../../i18n/text-limits'
import { DEFAULT_TIME_ZONE, utcToZoned } from '../../time/zoned'
import type { FieldErrors } from '../../validation/field-errors'
import { Field } from '../primitives/field'
import {
  CheckboxGroup,
  FormErrorSummary,
  fieldBinding,
  LocalizedFields,
  localizedBinding,
  SelectField,
} from '../primitives/form-controls'
import { RepeatedRows } from '../primitives/repeated-rows'

/** Suggested in the time-zone field; any IANA zone is accepted. */
export const COMMON_TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Europe/Berlin',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
] as const

const LOCALIZED = ['title', 'description', 'venue', 'address'] as const

/** Who delegates contact and how the mails go out (issue 19), as the form names them. */
const CONTACT_FIELDS = [
  'contact_name',
  'contact_phone',
  'contact_email',
  'contact_wechat',
  'sender_name',
  'reply_to',
] as const
const CONTACT_LABELS: Record<(typeof CONTACT_FIELDS)[number], string> = {
  contact_name: 'organizer.eventForm.contactName',
  contact_phone: 'organizer.eventForm.contactPhone',
  contact_email: 'organizer.eventForm.contactEmail',
  contact_wechat: 'organizer.eventForm.contactWechat',
  sender_name: 'organizer.eventForm.senderName',
  reply_to: 'organizer.eventForm.replyTo',
}

/** The fields in the order the form shows them (for the error summary). */
const FIELD_ORDER = [
  'slug',
  ...LOCALIZED.flatMap((field) => LANGUAGES.map((lng) => `${field}_${lng}`)),
  'timezone',
  'starts_on',
  'ends_on',
  'registration_mode',
  'registration_opens_at',
  'registration_closes_at',
  'languages',
  'scan_opens_minutes',
  ...CONTACT_FIELDS,
  ...Array.from({ length: HOST_ROWS }, (_, i) => [`host_org_${i}`, `host_role_${i}`]).flat(),
]

/** What a new event's form starts with. */
export function newEventValues(): FormValues {
  return {
    timezone: DEFAULT_TIME_ZONE,
    registration_mode: 'invite_only',
    languages: [...LANGUAGES],
    scan_opens_minutes: String(DEFAULT_SCAN_OPENS_MINUTES),
  }
}

/** An instant as the value of a datetime-local input, in the event's time zone. */
function localDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return ''
  const { date, time } = utcToZoned(iso, timeZone)
  return `${date}T${time}`
}

/** A saved event as the form's values: instants converted to the event's local time. */
export function eventFormValues(event: EventRow, hosts: readonly EventHost[]): FormValues {
  const values: FormValues = {
    slug: event.slug,
    timezone: event.timezone,
    starts_on: event.starts_on,
    ends_on: event.ends_on,
    registration_mode: event.registration_mode,
    registration_opens_at: localDateTime(event.registration_opens_at, event.timezone),
    registration_closes_at: localDateTime(event.registration_closes_at, event.timezone),
    languages: event.languages.split(',').filter((lng) => lng !== ''),
    scan_opens_minutes: String(event.scan_opens_minutes),
    ...Object.fromEntries(CONTACT_FIELDS.map((field) => [field, event[field]])),
  }
  for (const field of LOCALIZED) for (const lng of LANGUAGES) values[`${field}_${lng}`] = event[`${field}_${lng}`]
  hosts.slice(0, HOST_ROWS).forEach((host, i) => {
    values[`host_org_${i}`] = host.organization.id
    values[`host_role_${i}`] = host.role
  })
  return values
}

function fieldLabel(t: TFunction, name: string): string {
  const localized = /^(title|description|venue|address)_(zh|en|ja)$/.exec(name)
  if (localized) {
    return t('organizer.form.inLanguage', {
      field: t(`organizer.eventForm.${localized[1]}`),
      language: t(`languages.${localized[2]}`),
    })
  }
  const host = /^host_(org|role)_(\d+)$/.exec(name)
  if (host) {
    const n = Number(host[2]) + 1
    return host[1] === 'org'
      ? t('organizer.eventForm.hostOrganization', { n })
      : t('organizer.eventForm.hostRole', { n })
  }
  const labels: Record<string, string> = {
    slug: t('organizer.eventForm.slug'),
    timezone: t('organizer.eventForm.timezone'),
    starts_on: t('organizer.eventForm.startsOn'),
    ends_on: t('organizer.eventForm.endsOn'),
    registration_mode: t('organizer.eventForm.registrationMode'),
    registration_opens_at: t('organizer.eventForm.registrationOpensAt'),
    registration_closes_at: t('organizer.eventForm.registrationClosesAt'),
    languages: t('organizer.eventForm.languages'),
    scan_opens_minutes: t('organizer.eventForm.scanOpensMinutes'),
    ...Object.fromEntries(CONTACT_FIELDS.map((field) => [field, t(CONTACT_LABELS[field])])),
  }
  return labels[name] ?? name
}

export interface OrganizationChoice {
  id: string
  name: string
}

export function EventForm({
  values,
  errors = {},
  organizations,
  submitLabel,
  cancelHref,
}: {
  values: FormValues
  errors?: FieldErrors
  organizations: readonly OrganizationChoice[]
  submitLabel: string
  cancelHref: string
}) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const v = (name: string) => stringValue(values, name)
  const bind = fieldBinding(values, errors)
  const localized = localizedBinding(values, errors)
  let lastHostRow = -1
  for (let i = 0; i < HOST_ROWS; i++) if (v(`host_org_${i}`) || errors[`host_org_${i}`]) lastHostRow = i
  const shownHostRows = Math.min(HOST_ROWS, Math.max(3, lastHostRow + 2))
  const hostRow = (i: number) => (
    <div key={i} className="host-row">
      <SelectField
        name={`host_org_${i}`}
        label={t('organizer.eventForm.hostOrganization', { n: i + 1 })}
        defaultValue={v(`host_org_${i}`)}
        error={errors[`host_org_${i}`]}
      >
        <option value="">{t('organizer.eventForm.noOrganization')}</option>
        {organizations.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        name={`host_role_${i}`}
        label={t('organizer.eventForm.hostRole', { n: i + 1 })}
        defaultValue={v(`host_role_${i}`) || (i === 0 ? 'host' : 'organizer')}
        error={errors[`host_role_${i}`]}
      >
        {HOST_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`events.hostRoles.${role}`)}
          </option>
        ))}
      </SelectField>
    </div>
  )

  return (
    <Form method="post" noValidate className="organizer-form">
      <FormErrorSummary errors={errors} label={(name) => fieldLabel(t, name)} order={FIELD_ORDER} />

      <fieldset className="form-section card">
        <legend>{t('organizer.eventForm.basics')}</legend>
        <Field
          {...bind('slug')}
          label={t('organizer.eventForm.slug')}
          autoComplete="off"
          spellCheck={false}
          maxLength={LIMITS.slug}
          className="input-slug"
        />
        <p className="hint">{t('organizer.eventForm.slugHint')}</p>
        <LocalizedFields {...localized('title')} label={t('organizer.eventForm.title')} maxLength={LIMITS.title} />
        <p className="hint">{t('organizer.eventForm.titleHint')}</p>
        <LocalizedFields
          {...localized('description')}
          label={t('organizer.eventForm.description')}
          multiline
          maxLength={LIMITS.description}
        />
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('organizer.eventForm.place')}</legend>
        <LocalizedFields {...localized('venue')} label={t('organizer.eventForm.venue')} maxLength={LIMITS.short} />
        <LocalizedFields
          {...localized('address')}
          label={t('organizer.eventForm.address')}
          maxLength={LIMITS.address}
        />
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('organizer.eventForm.when')}</legend>
        <div className="form-row">
          <Field
            {...bind('timezone')}
            label={t('organizer.eventForm.timezone')}
            list="time-zones"
            autoComplete="off"
            spellCheck={false}
          />
          <Field {...bind('starts_on')} type="date" label={t('organizer.eventForm.startsOn')} />
          <Field {...bind('ends_on')} type="date" label={t('organizer.eventForm.endsOn')} />
        </div>
        <datalist id="time-zones">
          {COMMON_TIME_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <p className="hint">{t('organizer.eventForm.timezoneHint')}</p>
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('organizer.eventForm.registration')}</legend>
        <div className="form-row">
          <SelectField
            name="registration_mode"
            label={t('organizer.eventForm.registrationMode')}
            defaultValue={v('registration_mode')}
            error={errors.registration_mode}
          >
            {REGISTRATION_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`events.registrationModes.${mode}`)}
              </option>
            ))}
          </SelectField>
          <Field
            {...bind('registration_opens_at')}
            type="datetime-local"
            label={t('organizer.eventForm.registrationOpensAt')}
          />
          <Field
            {...bind('registration_closes_at')}
            type="datetime-local"
            label={t('organizer.eventForm.registrationClosesAt')}
          />
        </div>
        <p className="hint">{t('organizer.eventForm.registrationHint')}</p>
        <CheckboxGroup
          name="languages"
          legend={t('organizer.eventForm.languages')}
          options={LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.${lng}`), lang: lng }))}
          checked={listValue(values, 'languages')}
          error={errors.languages}
        />
        <Field
          {...bind('scan_opens_minutes')}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SCAN_OPENS_MINUTES}
          step={1}
          label={t('organizer.eventForm.scanOpensMinutes')}
        />
        <p className="hint">{t('organizer.eventForm.scanOpensMinutesHint')}</p>
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('organizer.eventForm.contact')}</legend>
        <p className="hint">{t('organizer.eventForm.contactHint')}</p>
        <div className="form-row">
          <Field {...bind('contact_name')} label={t(CONTACT_LABELS.contact_name)} />
          <Field {...bind('contact_phone')} type="tel" label={t(CONTACT_LABELS.contact_phone)} />
        </div>
        <div className="form-row">
          <Field {...bind('contact_email')} type="email" label={t(CONTACT_LABELS.contact_email)} />
          <Field {...bind('contact_wechat')} label={t(CONTACT_LABELS.contact_wechat)} />
        </div>
        <div className="form-row">
          <Field {...bind('sender_name')} label={t(CONTACT_LABELS.sender_name)} />
          <Field {...bind('reply_to')} type="email" label={t(CONTACT_LABELS.reply_to)} />
        </div>
        <p className="hint">{t('organizer.eventForm.senderHint')}</p>
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('organizer.eventForm.hosts')}</legend>
        <p className="hint">{t('organizer.eventForm.hostsHint')}</p>
        <RepeatedRows total={HOST_ROWS} shown={shownHostRows} className="host-rows" row={hostRow} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelHref}>{t('organizer.form.cancel')}</Link>
      </div>
    </Form>
  )
}

/** Organizations as choices in the reader's language, sorted the way the reader sorts (pinyin for zh). */
export function organizationChoices(
  organizations: readonly { id: string; name: Record<Language, string> }[],
  lng: Language,
): OrganizationChoice[] {
  const collator = new Intl.Collator(INTL_LOCALE[lng])
  return organizations
    .map((org) => ({ id: org.id, name: pickLocalized(org.name, lng).text }))
    .sort((a, b) => collator.compare(a.name, b.name))
}
