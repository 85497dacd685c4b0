import { describe, expect, it } from 'vitest'
import { parsePipelineForm } from '../../app/projects/pipeline-form'
import { projectTotals } from '../../app/projects/projects.server'
import { isCalendarDate } from '../../app/time/calendar-date'

const CNY = { currency: 'CNY' }
const JPY = { currency: 'JPY' }
const form = (patch: Record<string, string> = {}) => ({
  status: 'invested',
  signed_on: '2025-06-01',
  started_on: '2025-09-15',
  invested_on: '2026-03-31',
  invested_amount: '1,200,000,000.50',
  ...patch,
})
const errorsOf = (raw: Record<string, string>, project = CNY) => {
  const result = parsePipelineForm(raw, project)
  return result.ok ? {} : result.errors
}

describe('the pipeline form', () => {
  it('reads a project with investment in place: dates, and the amount exact in its currency', () => {
    expect(parsePipelineForm(form(), CNY)).toEqual({
      ok: true,
      value: {
        status: 'invested',
        signedOn: '2025-06-01',
        startedOn: '2025-09-15',
        investedOn: '2026-03-31',
        investedAmount: '1200000000.50',
      },
    })
  })

  it('refuses a status that is not one', () => {
    expect(errorsOf(form({ status: 'finished' })).status?.key).toBe('validation.choice')
  })

  it.each([
    ['-5', 'validation.amountNegative'],
    ['a lot', 'validation.amount'],
    ['12.345', 'validation.amountPrecision'],
    ['1234567890123456', 'validation.amountTooLarge'],
  ])('refuses the invested amount %s with %s', (amount, key) => {
    expect(errorsOf(form({ invested_amount: amount })).invested_amount?.key).toBe(key)
  })

  it('counts decimals by the project’s currency (none for JPY)', () => {
    expect(errorsOf(form({ invested_amount: '500.5' }), JPY).invested_amount?.key).toBe('validation.amountPrecision')
    const yen = parsePipelineForm(form({ invested_amount: '５００，０００' }), JPY)
    expect(yen.ok && yen.value.investedAmount).toBe('500000')
  })

  it.each(['2025-02-30', '2025-13-01', '01/06/2025', '2025-6-1'])('refuses the date %s', (date) => {
    expect(errorsOf(form({ started_on: date })).started_on?.key).toBe('validation.date')
    expect(isCalendarDate(date)).toBe(false)
  })

  it('refuses construction started before the signing', () => {
    expect(errorsOf(form({ status: 'started', started_on: '2025-05-31' })).started_on?.key).toBe(
      'projects.validation.startedBeforeSigned',
    )
  })

  it('refuses investment in place before the signing', () => {
    expect(errorsOf(form({ invested_on: '2025-01-01' })).invested_on?.key).toBe('validation.investedBeforeSigned')
  })

  it('refuses investment in place on a project never signed', () => {
    expect(errorsOf(form({ signed_on: '' })).status?.key).toBe('validation.investedBeforeSigned')
  })

  it('refuses construction started on a project never signed', () => {
    expect(errorsOf(form({ status: 'started', signed_on: '' })).status?.key).toBe(
      'projects.validation.startedNotSigned',
    )
  })

  it('needs the date of each stage the status reaches, and the amount in place', () => {
    expect(errorsOf(form({ status: 'signed', signed_on: '' })).signed_on?.key).toBe(
      'projects.validation.signedOnRequired',
    )
    expect(errorsOf(form({ status: 'started', started_on: '' })).started_on?.key).toBe(
      'projects.validation.startedOnRequired',
    )
    expect(errorsOf(form({ started_on: '' })).started_on?.key).toBe('projects.validation.startedOnRequired')
    expect(errorsOf(form({ invested_on: '' })).invested_on?.key).toBe('projects.validation.investedOnRequired')
    expect(errorsOf(form({ invested_amount: '' })).invested_amount?.key).toBe(
      'projects.validation.investedAmountRequired',
    )
  })

  it('moving a project back clears the stages it leaves; a cancelled project keeps what was entered', () => {
    expect(parsePipelineForm(form({ status: 'signed' }), CNY)).toEqual({
      ok: true,
      value: { status: 'signed', signedOn: '2025-06-01', startedOn: null, investedOn: null, investedAmount: null },
    })
    const cancelled = parsePipelineForm(form({ status: 'cancelled', invested_on: '', invested_amount: '' }), CNY)
    expect(cancelled.ok && cancelled.value).toEqual({
      status: 'cancelled',
      signedOn: '2025-06-01',
      startedOn: '2025-09-15',
      investedOn: null,
      investedAmount: null,
    })
  })
})

describe('project totals', () => {
  const event = { id: 'e1', slug: 'e1', title: { zh: '', en: 'E1', ja: '' }, timezone: 'Asia/Shanghai', startsOn: '' }
  const project = (status: string, amount: string | null, currency: string | null, investedAmount: string | null) =>
    ({ chain: 'hydrogen', event, status, amount, currency, investedAmount }) as Parameters<
      typeof projectTotals
    >[0][number]

  it('adds exactly per currency, never across currencies, with counts per figure', () => {
    const totals = projectTotals([
      project('signed', '0.10', 'CNY', null),
      project('started', '0.20', 'CNY', null),
      project('invested', '999999999999999.99', 'CNY', '0.01'),
      project('confirmed', '5.00', 'CNY', null),
      project('invested', '500', 'JPY', '400'),
    ])
    expect(totals.overall).toEqual([
      {
        group: null,
        currency: 'CNY',
        projects: 4,
        signed: { count: 3, amount: '1000000000000000.29' },
        started: { count: 2, amount: '1000000000000000.19' },
        invested: { count: 1, amount: '0.01' },
        byStatus: {
          planned: { count: 0, amount: '0.00' },
          confirmed: { count: 1, amount: '5.00' },
          signed: { count: 1, amount: '0.10' },
          started: { count: 1, amount: '0.20' },
          invested: { count: 1, amount: '999999999999999.99' },
          cancelled: { count: 0, amount: '0.00' },
        },
      },
      {
        group: null,
        currency: 'JPY',
        projects: 1,
        signed: { count: 1, amount: '500.00' },
        started: { count: 1, amount: '500.00' },
        invested: { count: 1, amount: '400.00' },
        byStatus: {
          planned: { count: 0, amount: '0.00' },
          confirmed: { count: 0, amount: '0.00' },
          signed: { count: 0, amount: '0.00' },
          started: { count: 0, amount: '0.00' },
          invested: { count: 1, amount: '500.00' },
          cancelled: { count: 0, amount: '0.00' },
        },
      },
    ])
    expect(totals.byChain.map((r) => [r.group, r.currency])).toEqual([
      ['hydrogen', 'CNY'],
      ['hydrogen', 'JPY'],
    ])
  })
})
