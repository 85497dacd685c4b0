/**
 * The projects page's totals say what they count (issue 19): each project once under the status
 * it has now, beside the judged figures (signed, started, in place); amounts read as organizers
 * write them (50亿元, CN¥5.0 bn, 50億円), never as the exact figure rounded silently.
 */
import { describe, expect, it } from 'vitest'
import { formatCompactAmount } from '../../app/projects/amounts'
import { type TotalsInput, totalsBy } from '../../app/projects/totals'

const project = (status: TotalsInput['status'], amount: string | null, currency = 'CNY'): TotalsInput => ({
  status,
  amount,
  currency,
  investedAmount: status === 'invested' ? amount : null,
})

describe('totals by current status', () => {
  it('counts three confirmed projects as confirmed, while nothing is signed yet', () => {
    const [row] = totalsBy(
      [
        project('confirmed', '5000000000.00'),
        project('confirmed', '5300000000.00'),
        project('confirmed', '5000000000'),
      ],
      () => null,
    )
    expect(row?.byStatus.confirmed).toEqual({ count: 3, amount: '15300000000.00' })
    expect(row?.signed).toEqual({ count: 0, amount: '0.00' })
    expect(row?.byStatus.signed).toEqual({ count: 0, amount: '0.00' })
  })

  it('puts every project under exactly one status, per currency', () => {
    const rows = totalsBy(
      [
        project('planned', null),
        project('signed', '100.00'),
        project('started', '200.00'),
        project('invested', '300.00'),
        project('cancelled', '400.00'),
        project('signed', '7', 'JPY'),
      ],
      () => null,
    )
    expect(rows.map((r) => r.currency)).toEqual(['CNY', 'JPY'])
    const cny = rows[0]
    const counted = Object.values(cny?.byStatus ?? {}).reduce((n, f) => n + f.count, 0)
    expect(counted).toBe(cny?.projects)
    expect(cny?.byStatus.planned).toEqual({ count: 1, amount: '0.00' })
    expect(cny?.byStatus.cancelled).toEqual({ count: 1, amount: '400.00' })
    // the judged figure still adds signed, started and invested together
    expect(cny?.signed).toEqual({ count: 3, amount: '600.00' })
    expect(rows[1]?.byStatus.signed).toEqual({ count: 1, amount: '7.00' })
  })
})

describe('amounts at a glance', () => {
  it('writes Chinese amounts in 万 and 亿 with 元 for the renminbi', () => {
    expect(formatCompactAmount('5000000000.00', 'CNY', 'zh')).toBe('50亿元')
    expect(formatCompactAmount('1200000000000.00', 'CNY', 'zh')).toBe('1.2万亿元')
    expect(formatCompactAmount('15300000000.00', 'CNY', 'zh')).toBe('153亿元')
    expect(formatCompactAmount('100000000.00', 'USD', 'zh')).toBe('1亿美元')
  })

  it('writes English amounts with the currency symbol and bn or m', () => {
    expect(formatCompactAmount('5000000000.00', 'CNY', 'en')).toBe('CN¥5.0 bn')
    expect(formatCompactAmount('5000000000', 'JPY', 'en')).toBe('¥5.0 bn')
    expect(formatCompactAmount('100000000.00', 'EUR', 'en')).toBe('€100.0 m')
  })

  it('writes Japanese amounts in 億 with the currency name', () => {
    expect(formatCompactAmount('5000000000', 'JPY', 'ja')).toBe('50億円')
  })

  it('keeps a small amount exact, below the first unit', () => {
    expect(formatCompactAmount('350.50', 'CNY', 'zh')).toBe('¥350.50')
    expect(formatCompactAmount('999.00', 'USD', 'en')).toBe('$999.00')
  })
})
