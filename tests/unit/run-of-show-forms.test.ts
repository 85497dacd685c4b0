/**
 * The run-of-show forms and money rules (issue 6, "Bad input"): each rule returns the field at
 * fault and a message key the page words in the organizer's language.
 */
import { describe, expect, it } from 'vitest'
import { formatAmount, isCurrency, parseAmount, sumAmounts } from '../../app/projects/amounts'
import {
  parseNewSegment,
  parsePartyForm,
  parseRanks,
  parseSegmentForm,
  parseStagePersonForm,
  parseTableSeats,
} from '../../app/run-of-show/segment-form'

const signing = (fields: Record<string, string>) =>
  parseSegmentForm({ title_zh: '签约', minutes: '12', ...fields }, 'signing')

const errorOf = (result: { ok: boolean; errors?: Record<string, { key: string }> }, field: string) =>
  result.ok ? undefined : result.errors?.[field]?.key

describe('segment durations', () => {
  it('refuses a duration of zero or a negative one with its own message', () => {
    expect(errorOf(parseNewSegment({ kind: 'speech', title_zh: '致辞', minutes: '0' }), 'minutes')).toBe(
      'validation.minutesPositive',
    )
    expect(errorOf(parseNewSegment({ kind: 'speech', title_zh: '致辞', minutes: '-5' }), 'minutes')).toBe(
      'validation.minutesPositive',
    )
  })
  it('refuses a missing, fractional, non-numeric or absurd duration', () => {
    for (const minutes of ['', '2.5', 'ten', '601']) {
      const result = parseNewSegment({ kind: 'speech', title_zh: '致辞', minutes })
      expect(result.ok, minutes).toBe(false)
      expect(errorOf(result, 'minutes'), minutes).toMatch(/^validation\.(minutes|required)$/)
    }
  })
  it('needs a title in one language and a known kind', () => {
    expect(errorOf(parseNewSegment({ kind: 'speech', minutes: '5' }), 'title_zh')).toBe('validation.titleRequired')
    expect(errorOf(parseNewSegment({ kind: 'dance-off', title_en: 'x', minutes: '5' }), 'kind')).toBe(
      'validation.choice',
    )
    const ok = parseNewSegment({ kind: 'award', title_ja: '授与', minutes: '15' })
    expect(ok).toEqual({ ok: true, value: { kind: 'award', title: { zh: '', en: '', ja: '授与' }, minutes: 15 } })
  })
})

describe('a signing’s project amount and currency', () => {
  it('refuses negative, non-numeric, over-precise and absurdly large amounts, naming the amount field', () => {
    expect(errorOf(signing({ amount: '-100', currency: 'CNY' }), 'amount')).toBe('validation.amountNegative')
    expect(errorOf(signing({ amount: '12 亿', currency: 'CNY' }), 'amount')).toBe('validation.amount')
    expect(errorOf(signing({ amount: '1e9', currency: 'CNY' }), 'amount')).toBe('validation.amount')
    expect(errorOf(signing({ amount: '100.123', currency: 'CNY' }), 'amount')).toBe('validation.amountPrecision')
    expect(errorOf(signing({ amount: '100.5', currency: 'JPY' }), 'amount')).toBe('validation.amountPrecision')
    expect(errorOf(signing({ amount: '1234567890123456', currency: 'USD' }), 'amount')).toBe(
      'validation.amountTooLarge',
    )
  })
  it('refuses a currency outside ISO 4217, and an amount without a currency', () => {
    expect(errorOf(signing({ amount: '100', currency: 'RMB' }), 'currency')).toBe('validation.currency')
    expect(errorOf(signing({ amount: '100', currency: 'yuan' }), 'currency')).toBe('validation.currency')
    expect(errorOf(signing({ amount: '100' }), 'currency')).toBe('validation.currencyRequired')
  })
  it('keeps a valid amount exactly, as typed in Excel style, in the currency’s decimals', () => {
    const result = signing({ amount: '１,２00,000,000.5', currency: 'cny', status: 'confirmed' })
    expect(result.ok && result.value.project).toMatchObject({
      amount: '1200000000.50',
      currency: 'CNY',
      status: 'confirmed',
    })
    const yen = signing({ amount: '500,000,000', currency: 'JPY' })
    expect(yen.ok && yen.value.project?.amount).toBe('500000000')
  })
  it('names the project after its signing when no name is given, and ignores project fields on other kinds', () => {
    const result = signing({ title_en: 'Signing: consortium' })
    expect(result.ok && result.value.project?.name).toEqual({ zh: '签约', en: 'Signing: consortium', ja: '' })
    const speech = parseSegmentForm({ title_zh: '致辞', minutes: '5', amount: 'nonsense' }, 'speech')
    expect(speech.ok && speech.value.project).toBeNull()
  })
  it('refuses a copies count out of range and an unknown status', () => {
    expect(errorOf(signing({ copies: '0' }), 'copies')).toBe('validation.copies')
    expect(errorOf(signing({ status: 'invested' }), 'status')).toBe('validation.choice')
  })
})

describe('money', () => {
  it('knows ISO 4217 codes', () => {
    expect(['CNY', 'JPY', 'USD', 'EUR'].every(isCurrency)).toBe(true)
    expect(['RMB', 'XYZ', 'cny', ''].some(isCurrency)).toBe(false)
  })
  it('sums exactly, beyond what a float can hold', () => {
    expect(sumAmounts(['9007199254740993.10', '0.20'])).toBe('9007199254740993.30')
    expect(sumAmounts([])).toBe('0.00')
    expect(parseAmount('', 'CNY')).toEqual({ ok: true, value: null })
  })
  it('formats an amount in its currency for each language', () => {
    expect(formatAmount('1200000000.50', 'CNY', 'zh')).toBe('¥1,200,000,000.50')
    expect(formatAmount('500000000', 'JPY', 'ja')).toBe('￥500,000,000')
  })
})

describe('parties, people on stage, ranks and table seats', () => {
  it('needs an organization, and refuses an assistant who is the signatory', () => {
    expect(errorOf(parsePartyForm({ person_id: 'p' }), 'organization_id')).toBe('validation.required')
    expect(errorOf(parsePartyForm({ organization_id: 'o', person_id: 'p', assistant_id: 'p' }), 'assistant_id')).toBe(
      'validation.assistantIsSignatory',
    )
    expect(parsePartyForm({ organization_id: 'o', person_id: '', assistant_id: '' })).toEqual({
      ok: true,
      value: { organizationId: 'o', personId: null, assistantId: null },
    })
  })
  it('needs a person and a known role on stage', () => {
    expect(errorOf(parseStagePersonForm({ role: 'witness' }), 'person_id')).toBe('validation.required')
    expect(errorOf(parseStagePersonForm({ person_id: 'p', role: 'juggler' }), 'role')).toBe('validation.choice')
  })
  it('reads ranks 1–999 or empty, naming each bad one', () => {
    expect(parseRanks({ rank_a: '1', rank_b: '', intent: 'ranks' })).toEqual({
      ok: true,
      value: new Map([
        ['a', 1],
        ['b', null],
      ]),
    })
    const bad = parseRanks({ rank_a: '0', rank_b: 'first', rank_c: '1000' })
    expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(['rank_a', 'rank_b', 'rank_c'])
  })
  it('reads table seats 1–60 or empty', () => {
    expect(parseTableSeats({ table_seats: '６' })).toEqual({ ok: true, value: 6 })
    expect(parseTableSeats({ table_seats: '' })).toEqual({ ok: true, value: null })
    expect(errorOf(parseTableSeats({ table_seats: '0' }), 'table_seats')).toBe('validation.tableSeats')
    expect(errorOf(parseTableSeats({ table_seats: '-2' }), 'table_seats')).toBe('validation.tableSeats')
  })
})
