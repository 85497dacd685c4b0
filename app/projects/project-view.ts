/**
 * A project as pages and exports show it in the reader's language: names picked from zh/en/ja,
 * parties with their country's name and the signatory's name in native script and Latin letters,
 * amounts formatted exactly in their own currency, and rounded as organizers write them (50亿元)
 * for tables read at a glance.
 */
import type { Language } from '../../db/schema'
import { INTL_LOCALE } from '../i18n/languages'
import { type LocalizedText, pickLocalized } from '../i18n/localized'
import { displayName, nativeName, secondaryName } from '../people/names'
import { formatAmount, formatCompactAmount } from './amounts'
import type { ProjectItem, ProjectParty } from './projects.server'
import { PROJECT_STATUSES } from './statuses'
import type { Figure, TotalsRow } from './totals'

const regionNames = new Map<Language, Intl.DisplayNames>()

/** 'Japan', '日本', '日本' for JP; the code itself when the runtime does not know it. */
export function countryName(code: string, lng: Language): string {
  let names = regionNames.get(lng)
  if (!names) {
    names = new Intl.DisplayNames([INTL_LOCALE[lng]], { type: 'region' })
    regionNames.set(lng, names)
  }
  try {
    return names.of(code) ?? code
  } catch {
    return code
  }
}

export interface PartyView {
  organization: LocalizedText
  country: string
  countryName: string
  /** the signatory as listed in the reader's language, with the other forms (kana, Latin) */
  signatory: { name: string; secondary: string; native: string; latin: string } | null
}

export function partyView(party: ProjectParty, lng: Language): PartyView {
  const s = party.signatory
  return {
    organization: pickLocalized(party.organization.name, lng),
    country: party.organization.country,
    countryName: countryName(party.organization.country, lng),
    signatory: s
      ? {
          name: displayName(s, lng),
          secondary: secondaryName(s, lng),
          native: nativeName(s, lng === 'en' ? 'zh' : lng),
          latin: s.latinName.trim(),
        }
      : null,
  }
}

/** An amount in its currency, or null when there is none. */
export function money(amount: string | null, currency: string | null, lng: Language): string | null {
  if (amount === null) return null
  return currency ? formatAmount(amount, currency, lng) : amount
}

export function projectView(p: ProjectItem, lng: Language) {
  return {
    id: p.id,
    name: pickLocalized(p.name, lng),
    chain: p.chain,
    status: p.status,
    amount: money(p.amount, p.currency, lng),
    /** rounded (50亿元), for the list; the exact `amount` on hover */
    amountCompact: p.amount !== null && p.currency ? formatCompactAmount(p.amount, p.currency, lng) : p.amount,
    currency: p.currency,
    investedAmount: money(p.investedAmount, p.currency, lng),
    signedOn: p.signedOn,
    startedOn: p.startedOn,
    investedOn: p.investedOn,
    event: { slug: p.event.slug, title: pickLocalized(p.event.title, lng) },
    parties: p.parties.map((party) => partyView(party, lng)),
  }
}

export interface FigureView {
  count: number
  /** formatted exactly in the row's currency; null when the row has no currency */
  amount: string | null
  /** the same, rounded as organizers write it (50亿元) */
  compact: string | null
}

const figureView = (figure: Figure, currency: string | null, lng: Language): FigureView => ({
  count: figure.count,
  amount: currency ? formatAmount(figure.amount, currency, lng) : null,
  compact: currency ? formatCompactAmount(figure.amount, currency, lng) : null,
})

export function totalsView<K, L>(rows: readonly TotalsRow<K>[], label: (group: K) => L, lng: Language) {
  return rows.map((row) => ({
    label: label(row.group),
    currency: row.currency,
    projects: row.projects,
    signed: figureView(row.signed, row.currency, lng),
    started: figureView(row.started, row.currency, lng),
    invested: figureView(row.invested, row.currency, lng),
    byStatus: PROJECT_STATUSES.map((status) => ({ status, ...figureView(row.byStatus[status], row.currency, lng) })),
  }))
}
