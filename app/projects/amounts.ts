/**
 * Money as organizers enter it: exact decimals kept as text (never floats), in the currency entered
 * (ISO 4217, no conversion). Sums are exact (BigInt on the smallest unit we keep: hundredths).
 */
import type { Language } from '../../db/schema'

/** Digits before the decimal point: up to 999 trillion, more than any city's yearly target. */
export const MAX_INTEGER_DIGITS = 15

export type AmountResult =
  | { ok: true; value: string | null }
  | {
      ok: false
      key:
        | 'validation.amount'
        | 'validation.amountNegative'
        | 'validation.amountPrecision'
        | 'validation.amountTooLarge'
    }

let currencies: Set<string> | null = null

/** Whether `code` is an ISO 4217 currency code known to the runtime's ICU data (CNY, JPY, USD …). */
export function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'))
  return currencies.has(code)
}

/** How many decimals a currency has (JPY 0, CNY 2 …). */
export function currencyDigits(currency: string): number {
  if (!isCurrency(currency)) return 2
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/**
 * Reads an amount as typed: full-width digits, thousands separators (`,` `，` spaces `_`) are
 * fine; negative, non-numeric, more decimals than the currency has, or more than 15 integer
 * digits are refused. Empty is null. The value is canonical: no leading zeros, the currency's
 * number of decimals ('1200000.50').
 */
export function parseAmount(text: string, currency: string | null): AmountResult {
  const cleaned = text
    .normalize('NFKC')
    .trim()
    .replace(/[,_\s，]/g, '')
  if (cleaned === '') return { ok: true, value: null }
  if (/^-/.test(cleaned)) return { ok: false, key: 'validation.amountNegative' }
  const match = /^\+?(\d+)(?:\.(\d+))?$/.exec(cleaned)
  if (!match) return { ok: false, key: 'validation.amount' }
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '')
  const fraction = match[2] ?? ''
  const digits = currency ? currencyDigits(currency) : 2
  if (fraction.replace(/0+$/, '').length > digits) return { ok: false, key: 'validation.amountPrecision' }
  if (whole.length > MAX_INTEGER_DIGITS) return { ok: false, key: 'validation.amountTooLarge' }
  const kept = digits === 0 ? '' : `.${fraction.padEnd(digits, '0').slice(0, digits)}`
  return { ok: true, value: `${whole}${kept}` }
}

/** An exact decimal (as parseAmount gives it) in hundredths. */
function toHundredths(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.')
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2) || '0')
}

/** The exact sum of decimals, as a decimal with two places ('0.00' for none). */
export function sumAmounts(amounts: readonly string[]): string {
  const total = amounts.reduce((sum, a) => sum + toHundredths(a), 0n)
  const whole = total / 100n
  const cents = (total % 100n).toString().padStart(2, '0')
  return `${whole}.${cents}`
}

const LOCALES: Record<Language, string> = { zh: 'zh-CN', en: 'en', ja: 'ja-JP' }

/** An amount in its currency for people: '¥1,200,000,000.00', 'JP¥500,000,000' … exact for any size. */
export function formatAmount(amount: string, currency: string, lng: Language): string {
  const format = new Intl.NumberFormat(LOCALES[lng], {
    style: 'currency',
    currency,
    minimumFractionDigits: currencyDigits(currency),
  })
  // Intl formats decimal strings exactly (no float rounding).
  return format.format(amount as Intl.StringNumericLiteral)
}

/** English compact suffixes as finance writes them ('bn', not 'B'). */
const ENGLISH_COMPACT: Record<string, string> = { K: ' k', M: ' m', B: ' bn', T: ' tn' }

/**
 * An amount as organizers write it, rounded: 50亿元 and 1.2万亿元 in Chinese, ¥5.0 bn in English,
 * 50億円 in Japanese (Intl compact notation, the currency by its name in zh and ja and by its
 * symbol in en: CN¥ for the renminbi, ¥ for the yen). Small amounts stay exact. Only for reading
 * at a glance: pages show the exact figure (formatAmount) on hover, and exports write the exact
 * decimal.
 */
export function formatCompactAmount(amount: string, currency: string, lng: Language): string {
  // Below the first compact unit (10,000 in zh and ja, a thousand in en) the exact figure is as short.
  if (Number(amount) < (lng === 'en' ? 1_000 : 10_000)) return formatAmount(amount, currency, lng)
  const value = amount as Intl.StringNumericLiteral
  if (lng === 'en') {
    const parts = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      // CN¥ and ¥ (JPY) apart: a page may list both currencies
      currencyDisplay: 'symbol',
      notation: 'compact',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).formatToParts(value)
    return parts.map((p) => (p.type === 'compact' ? (ENGLISH_COMPACT[p.value] ?? p.value) : p.value)).join('')
  }
  const number = new Intl.NumberFormat(LOCALES[lng], { notation: 'compact', maximumSignificantDigits: 3 }).format(value)
  // 元 is how Chinese organizers write the renminbi (Intl's name is 人民币).
  if (lng === 'zh' && currency === 'CNY') return `${number}元`
  const named = new Intl.NumberFormat(LOCALES[lng], {
    style: 'currency',
    currency,
    currencyDisplay: 'name',
    notation: 'compact',
    maximumSignificantDigits: 3,
  })
    .formatToParts(value)
    .filter((p) => p.type === 'currency')
    .map((p) => p.value)
    .join('')
  return `${number}${named.trim()}`
}
