/**
 * The pipeline form of a signed project, pure: its status (signed → construction started →
 * investment in place, back again, or cancelled), the date each stage was reached and the
 * investment in place, in the project's currency. Errors are message keys per field.
 *
 * A status needs the date of every stage it has passed: signed needs signed_on; started needs
 * signed_on and started_on; invested needs all three dates and the amount in place (an invested
 * project also counts as started in the totals). Dates and the amount of stages a status has not
 * reached are dropped, so moving a project back clears them; a cancelled project keeps what was
 * entered. No date is filled in for the organizer.
 */
import { z } from 'zod'
import type { ProjectStatus } from '../../db/schema'
import { isCalendarDate } from '../time/calendar-date'
import { type FieldErrors, type FormResult, fieldErrors } from '../validation/field-errors'
import { parseAmount } from './amounts'
import { PROJECT_STATUSES, SIGNED_STATUSES, STARTED_STATUSES } from './statuses'

/** The form's fields, in the order the form shows them (and the error summary lists them). */
export const PIPELINE_FIELDS = ['status', 'signed_on', 'started_on', 'invested_on', 'invested_amount'] as const

export interface PipelineInput {
  status: ProjectStatus
  signedOn: string | null
  startedOn: string | null
  investedOn: string | null
  /** exact decimal in the project's currency */
  investedAmount: string | null
}

const date = z
  .string()
  .normalize('NFKC')
  .trim()
  .default('')
  .refine((v) => v === '' || isCalendarDate(v), 'validation.date')
  .transform((v) => (v === '' ? null : v))

const schema = z.object({
  status: z.enum(PROJECT_STATUSES, 'validation.choice'),
  signed_on: date,
  started_on: date,
  invested_on: date,
})

const reaches = (status: ProjectStatus, stage: 'signed' | 'started' | 'invested'): boolean => {
  if (stage === 'signed') return (SIGNED_STATUSES as readonly string[]).includes(status)
  if (stage === 'started') return (STARTED_STATUSES as readonly string[]).includes(status)
  return status === 'invested'
}

export function parsePipelineForm(
  raw: Record<string, string | string[]>,
  project: { currency: string | null },
): FormResult<PipelineInput> {
  const parsed = schema.safeParse(raw)
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  const amount = parseAmount(String(raw.invested_amount ?? ''), project.currency)
  if (!amount.ok) errors.invested_amount = { key: amount.key }
  if (!parsed.success) return { ok: false, errors }

  const { status, signed_on, started_on, invested_on } = parsed.data
  const cancelled = status === 'cancelled'
  const keeps = (stage: 'signed' | 'started' | 'invested') => cancelled || reaches(status, stage)
  const signedOn = keeps('signed') ? signed_on : null
  const startedOn = keeps('started') ? started_on : null
  const investedOn = keeps('invested') ? invested_on : null
  const investedAmount = keeps('invested') && amount.ok ? amount.value : null

  // A later stage cannot come before the signing.
  if (signedOn && startedOn && startedOn < signedOn && !errors.started_on)
    errors.started_on = { key: 'projects.validation.startedBeforeSigned' }
  if (signedOn && investedOn && investedOn < signedOn && !errors.invested_on)
    errors.invested_on = { key: 'validation.investedBeforeSigned' }

  // A status needs the date of each stage it has passed; construction or investment needs a signing.
  if (!signed_on && !errors.signed_on) {
    if (status === 'invested') errors.status = { key: 'validation.investedBeforeSigned' }
    else if (status === 'started') errors.status = { key: 'projects.validation.startedNotSigned' }
    else if (status === 'signed') errors.signed_on = { key: 'projects.validation.signedOnRequired' }
  }
  if (reaches(status, 'started') && !started_on && !errors.started_on)
    errors.started_on = { key: 'projects.validation.startedOnRequired' }
  if (status === 'invested') {
    if (!invested_on && !errors.invested_on) errors.invested_on = { key: 'projects.validation.investedOnRequired' }
    if (amount.ok && amount.value === null)
      errors.invested_amount = { key: 'projects.validation.investedAmountRequired' }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: { status, signedOn, startedOn, investedOn, investedAmount } }
}
