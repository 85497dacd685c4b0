/**
 * The session form, shared by "add session" and "edit session". A plain POST form that works
 * without JavaScript; app/sessions/session-form.ts reads what it sends. Times are entered in
 * the event's time zone. The site-visit fields are always in the form; CSS hides them while
 * another kind is chosen, where the browser supports :has().
 */
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Form, Link, useNavigation } from 'react-router'
import type { EventRow } from '../../../db/schema'
import { type FormValues, listValue, stringValue } from '../../http/form'
import { formatDateRange } from '../../i18n/format'
import { INTL_LOCALE, LANGUAGES, type Language } from '../../i18n/i18n'
import { pickLocalized } from '../../i18n/localized'
import { LIMITS } from '../../i18n/text-limits'
import type { OrganizationOption } from '../../organizations/organizations.server'
import { BUS_ROWS, INTERPRETATION_PAIRS, KNOWN_CHAINS, SESSION_KINDS } from '../../sessions/session-form'
import type { SessionDetail } from '../../sessions/sessions.server'
import { utcToZoned } from '../../time/zoned'
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

const LOCALIZED = ['title', 'description', 'room', 'meeting_point'] as const

const FIELD_ORDER = [
  'kind',
  ...['title', 'description', 'room'].flatMap((field) => LANGUAGES.map((lng) => `${field}_${lng}`)),
  'date',
  'start_time',
  'end_time',
  'capacity',
  'registration_required',
  'vip_only',
  'interpretation',
  'chain',
  ...LANGUAGES.map((lng) => `meeting_point_${lng}`),
  'meeting_time',
  ...Array.from({ length: BUS_ROWS }, (_, i) => [`bus_label_${i}`, `bus_seats_${i}`]).flat(),
  'visits',
]

/** What a new session's form starts with: the event's first day. */
export function newSessionValues(startsOn: string): FormValues {
  return { kind: 'forum', date: startsOn }
}

/** A saved session as the form's values, its instants as local times in the event's zone. */
export function sessionFormValues(session: SessionDetail, timeZone: string): FormValues {
  const start = utcToZoned(session.starts_at, timeZone)
  const values: FormValues = {
    kind: session.kind,
    date: start.date,
    start_time: start.time,
    end_time: utcToZoned(session.ends_at, timeZone).time,
    capacity: session.capacity === null ? '' : String(session.capacity),
    registration_required: session.registration_required === 1 ? 'on' : '',
    vip_only: session.vip_only === 1 ? 'on' : '',
    interpretation: session.interpretation.split(',').filter((pair) => pair !== ''),
    chain: session.chain ?? '',
    meeting_time: session.meeting_at ? utcToZoned(session.meeting_at, timeZone).time : '',
    visits: session.visits.map((org) => org.id),
  }
  for (const field of LOCALIZED) for (const lng of LANGUAGES) values[`${field}_${lng}`] = session[`${field}_${lng}`]
  session.buses.slice(0, BUS_ROWS).forEach((bus, i) => {
    values[`bus_label_${i}`] = bus.label
    values[`bus_seats_${i}`] = String(bus.seats)
  })
  return values
}

function fieldLabel(t: TFunction, name: string): string {
  const localized = /^(title|description|room|meeting_point)_(zh|en|ja)$/.exec(name)
  if (localized) {
    const field = localized[1] === 'meeting_point' ? 'meetingPoint' : localized[1]
    return t('organizer.form.inLanguage', {
      field: t(`organizer.sessionForm.${field}`),
      language: t(`languages.${localized[2]}`),
    })
  }
  const bus = /^bus_(label|seats)_(\d+)$/.exec(name)
  if (bus) {
    const n = Number(bus[2]) + 1
    return bus[1] === 'label' ? t('organizer.sessionForm.busLabel', { n }) : t('organizer.sessionForm.busSeats', { n })
  }
  const labels: Record<string, string> = {
    kind: t('organizer.sessionForm.kind'),
    date: t('organizer.sessionForm.date'),
    start_time: t('organizer.sessionForm.startTime'),
    end_time: t('organizer.sessionForm.endTime'),
    capacity: t('organizer.sessionForm.capacity'),
    registration_required: t('organizer.sessionForm.registrationRequired'),
    vip_only: t('organizer.sessionForm.vipOnly'),
    interpretation: t('organizer.sessionForm.interpretation'),
    chain: t('organizer.sessionForm.chain'),
    meeting_time: t('organizer.sessionForm.meetingTime'),
    visits: t('organizer.sessionForm.visits'),
  }
  return labels[name] ?? name
}

export interface EventFrameView {
  timezone: string
  startsOn: string
  endsOn: string
  /** the event's dates, formatted for the reader */
  dates: string
}

export function SessionForm({
  values,
  errors = {},
  event,
  companies,
  submitLabel,
  cancelHref,
}: {
  values: FormValues
  errors?: FieldErrors
  event: EventFrameView
  /** organizations of kind 'company', names in the reader's language */
  companies: readonly { id: string; name: string; lang: string }[]
  submitLabel: string
  cancelHref: string
}) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const v = (name: string) => stringValue(values, name)
  const bind = fieldBinding(values, errors)
  const localized = localizedBinding(values, errors)
  let lastBusRow = -1
  for (let i = 0; i < BUS_ROWS; i++) {
    if (v(`bus_label_${i}`) || v(`bus_seats_${i}`) || errors[`bus_label_${i}`] || errors[`bus_seats_${i}`]) {
      lastBusRow = i
    }
  }
  const shownBusRows = Math.min(BUS_ROWS, Math.max(2, lastBusRow + 2))
  const busRow = (i: number) => (
    <div key={i} className="bus-row">
      <Field
        id={`bus_label_${i}`}
        name={`bus_label_${i}`}
        label={t('organizer.sessionForm.busLabel', { n: i + 1 })}
        defaultValue={v(`bus_label_${i}`)}
        error={errors[`bus_label_${i}`]}
        maxLength={60}
      />
      <Field
        id={`bus_seats_${i}`}
        name={`bus_seats_${i}`}
        inputMode="numeric"
        label={t('organizer.sessionForm.busSeats', { n: i + 1 })}
        defaultValue={v(`bus_seats_${i}`)}
        error={errors[`bus_seats_${i}`]}
      />
    </div>
  )
  const chainLabel = (chain: string) => t(`sessions.chains.${chain}`, { defaultValue: chain })

  return (
    <Form method="post" noValidate className="organizer-form session-form">
      <FormErrorSummary errors={errors} label={(name) => fieldLabel(t, name)} order={FIELD_ORDER} />

      <fieldset className="form-section card">
        <legend>{t('organizer.sessionForm.what')}</legend>
        <div className="form-row">
          <SelectField name="kind" label={t('organizer.sessionForm.kind')} defaultValue={v('kind')} error={errors.kind}>
            {SESSION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`sessions.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="hint kind-hint">{t('organizer.sessionForm.kindHint')}</p>
        <LocalizedFields {...localized('title')} label={t('organizer.sessionForm.title')} maxLength={LIMITS.title} />
        <LocalizedFields
          {...localized('description')}
          label={t('organizer.sessionForm.description')}
          multiline
          maxLength={LIMITS.description}
        />
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('organizer.sessionForm.whenWhere')}</legend>
        <p className="hint">{t('organizer.sessionForm.timesHint', { timezone: event.timezone, dates: event.dates })}</p>
        <div className="form-row">
          <Field
            {...bind('date')}
            type="date"
            min={event.startsOn}
            max={event.endsOn}
            label={t('organizer.sessionForm.date')}
          />
          <Field {...bind('start_time')} type="time" label={t('organizer.sessionForm.startTime')} />
          <Field {...bind('end_time')} type="time" label={t('organizer.sessionForm.endTime')} />
        </div>
        <LocalizedFields {...localized('room')} label={t('organizer.sessionForm.room')} maxLength={LIMITS.short} />
      </fieldset>

      <fieldset className="form-section card">
        <legend>{t('organizer.sessionForm.attendance')}</legend>
        <div className="form-row">
          <Field {...bind('capacity')} inputMode="numeric" label={t('organizer.sessionForm.capacity')} />
          <Field
            {...bind('chain')}
            label={t('organizer.sessionForm.chain')}
            list="known-chains"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <p className="hint">{t('organizer.sessionForm.capacityHint')}</p>
        <datalist id="known-chains">
          {KNOWN_CHAINS.map((chain) => (
            <option key={chain} value={chain}>
              {chainLabel(chain)}
            </option>
          ))}
        </datalist>
        <label className="checkbox">
          <input
            id="registration_required"
            type="checkbox"
            name="registration_required"
            defaultChecked={v('registration_required') === 'on'}
          />
          <span>{t('organizer.sessionForm.registrationRequired')}</span>
        </label>
        <label className="checkbox">
          <input id="vip_only" type="checkbox" name="vip_only" defaultChecked={v('vip_only') === 'on'} />
          <span>{t('organizer.sessionForm.vipOnly')}</span>
        </label>
        <CheckboxGroup
          name="interpretation"
          legend={t('organizer.sessionForm.interpretation')}
          options={INTERPRETATION_PAIRS.map((pair) => ({ value: pair, label: t(`sessions.interpretation.${pair}`) }))}
          checked={listValue(values, 'interpretation')}
          error={errors.interpretation}
        />
      </fieldset>

      <fieldset className="form-section card visit-fields">
        <legend>{t('organizer.sessionForm.visitSection')}</legend>
        <p className="hint">{t('organizer.sessionForm.visitHint')}</p>
        <LocalizedFields
          {...localized('meeting_point')}
          label={t('organizer.sessionForm.meetingPoint')}
          maxLength={LIMITS.short}
        />
        <div className="form-row">
          <Field {...bind('meeting_time')} type="time" label={t('organizer.sessionForm.meetingTime')} />
        </div>
        <fieldset className="subsection">
          <legend>{t('organizer.sessionForm.buses')}</legend>
          <p className="hint">{t('organizer.sessionForm.busesHint')}</p>
          <RepeatedRows total={BUS_ROWS} shown={shownBusRows} className="bus-rows" row={busRow} />
        </fieldset>
        {companies.length > 0 ? (
          <CheckboxGroup
            name="visits"
            legend={t('organizer.sessionForm.visits')}
            options={companies.map((company) => ({ value: company.id, label: company.name, lang: company.lang }))}
            checked={listValue(values, 'visits')}
            error={errors.visits}
            className="subsection companies"
          />
        ) : (
          <p className="muted">{t('organizer.sessionForm.noCompanies')}</p>
        )}
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

/** The event's dates and zone as the session form shows them. */
export function eventFrameView(event: EventRow, lng: Language): EventFrameView {
  return {
    timezone: event.timezone,
    startsOn: event.starts_on,
    endsOn: event.ends_on,
    dates: formatDateRange(event.starts_on, event.ends_on, lng),
  }
}

/** The companies a site visit can go to, in the reader's language and sort order. */
export function companyChoices(organizations: readonly OrganizationOption[], lng: Language) {
  const collator = new Intl.Collator(INTL_LOCALE[lng])
  return organizations
    .filter((org) => org.kind === 'company')
    .map((org) => {
      const name = pickLocalized(org.name, lng)
      return { id: org.id, name: name.text, lang: name.lang }
    })
    .sort((a, b) => collator.compare(a.name, b.name))
}
