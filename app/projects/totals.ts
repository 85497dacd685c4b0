/**
 * The figures organizers are judged on, per industry chain and per event, each per currency
 * (amounts in different currencies are never added up): signed (签约: signed, started or invested,
 * by the signed amount), started (开工: started or invested, by the signed amount) and invested
 * (到位: invested, by the amount in place). Sums are exact (sumAmounts), with their counts. Beside
 * those, `byStatus` counts each project once, under the status it has now, by its signed (or
 * planned) amount: so three confirmed projects show as confirmed, not as nothing signed.
 */
import type { ProjectStatus } from '../../db/schema'
import { sumAmounts } from './amounts'
import { PROJECT_STATUSES, SIGNED_STATUSES, STARTED_STATUSES } from './statuses'

export interface Figure {
  count: number
  /** exact sum, two decimals */
  amount: string
}

export interface TotalsRow<K> {
  group: K
  /** ISO 4217; null for projects without an amount */
  currency: string | null
  /** every project of the group in this currency, whatever its status */
  projects: number
  signed: Figure
  started: Figure
  invested: Figure
  /** each project under its current status, by its amount */
  byStatus: Record<ProjectStatus, Figure>
}

export interface TotalsInput {
  status: ProjectStatus
  amount: string | null
  currency: string | null
  investedAmount: string | null
}

const includes = (list: readonly string[], value: string) => list.includes(value)

function figure(amounts: readonly (string | null)[]): Figure {
  return { count: amounts.length, amount: sumAmounts(amounts.filter((a): a is string => a !== null)) }
}

/**
 * One row per group and currency, groups in the order they first appear in `items` (keyed by
 * `keyOf`), currencies in alphabetical order with projects without a currency last.
 */
export function totalsBy<T extends TotalsInput, K>(
  items: readonly T[],
  groupOf: (item: T) => K,
  keyOf: (group: K) => string = String,
): TotalsRow<K>[] {
  const groups = new Map<string, { group: K; byCurrency: Map<string, T[]> }>()
  for (const item of items) {
    const group = groupOf(item)
    const key = keyOf(group)
    let entry = groups.get(key)
    if (!entry) {
      entry = { group, byCurrency: new Map() }
      groups.set(key, entry)
    }
    const currency = item.currency ?? ''
    entry.byCurrency.set(currency, [...(entry.byCurrency.get(currency) ?? []), item])
  }
  const rows: TotalsRow<K>[] = []
  for (const { group, byCurrency } of groups.values()) {
    const currencies = [...byCurrency.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    for (const currency of currencies) {
      const list = byCurrency.get(currency) ?? []
      rows.push({
        group,
        currency: currency === '' ? null : currency,
        projects: list.length,
        signed: figure(list.filter((p) => includes(SIGNED_STATUSES, p.status)).map((p) => p.amount)),
        started: figure(list.filter((p) => includes(STARTED_STATUSES, p.status)).map((p) => p.amount)),
        invested: figure(list.filter((p) => p.status === 'invested').map((p) => p.investedAmount)),
        byStatus: Object.fromEntries(
          PROJECT_STATUSES.map((status) => [
            status,
            figure(list.filter((p) => p.status === status).map((p) => p.amount)),
          ]),
        ) as Record<ProjectStatus, Figure>,
      })
    }
  }
  return rows
}
