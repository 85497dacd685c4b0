/**
 * The projects list as an Excel workbook: one sheet with a row per project (parties and
 * signatories in seating order), one with the totals (all, by chain, by event; a row per
 * currency). Amounts are written as exact decimal text with their currency beside them, never as
 * floats; every cell is a string cell, so nothing typed by a user is ever read as a formula.
 */
import ExcelJS from 'exceljs'
import type { Language } from '../../db/schema'
import { pickLocalized } from '../i18n/localized'
import { nativeName } from '../people/names'
import type { ProjectList } from './projects.server'
import { PROJECT_STATUSES } from './statuses'
import type { TotalsRow } from './totals'

export interface Sheet {
  name: string
  header: readonly string[]
  rows: readonly (readonly string[])[]
}

export interface ExportWords {
  header: (column: string) => string
  status: (status: string) => string
  /** a totals column for the projects now in `status`: their number, or their amount */
  statusColumn: (status: string, kind: 'count' | 'amount') => string
  chain: (chain: string | null) => string
  all: string
  separator: string
}

const PROJECT_COLUMNS = [
  'project',
  'event',
  'chain',
  'parties',
  'signatories',
  'countries',
  'amount',
  'currency',
  'status',
  'signed_on',
  'started_on',
  'invested_on',
  'invested_amount',
] as const

const TOTALS_COLUMNS = [
  'grouping',
  'group',
  'currency',
  'projects',
  'signedCount',
  'signedAmount',
  'startedCount',
  'startedAmount',
  'investedCount',
  'investedAmount',
] as const

export function projectSheets(
  list: ProjectList,
  words: ExportWords,
  lng: Language,
): { projects: Sheet; totals: Sheet } {
  const projects = list.items.map((p) => [
    pickLocalized(p.name, lng).text,
    pickLocalized(p.event.title, lng).text,
    words.chain(p.chain),
    p.parties.map((party) => pickLocalized(party.organization.name, lng).text).join(words.separator),
    p.parties
      .map((party) => {
        const s = party.signatory
        if (!s) return ''
        const native = nativeName(s, lng === 'en' ? 'zh' : lng)
        const latin = s.latinName.trim()
        return native && latin ? `${native} (${latin})` : native || latin
      })
      .join(words.separator),
    p.parties.map((party) => party.organization.country).join(words.separator),
    p.amount ?? '',
    p.currency ?? '',
    words.status(p.status),
    p.signedOn ?? '',
    p.startedOn ?? '',
    p.investedOn ?? '',
    p.investedAmount ?? '',
  ])
  const line = <K>(grouping: string, rows: readonly TotalsRow<K>[], label: (group: K) => string) =>
    rows.map((r) => [
      grouping,
      label(r.group),
      r.currency ?? '',
      String(r.projects),
      String(r.signed.count),
      r.signed.amount,
      String(r.started.count),
      r.started.amount,
      String(r.invested.count),
      r.invested.amount,
      ...PROJECT_STATUSES.flatMap((status) => [String(r.byStatus[status].count), r.byStatus[status].amount]),
    ])
  const totals = [
    ...line(words.all, list.totals.overall, () => words.all),
    ...line(words.header('byChain'), list.totals.byChain, words.chain),
    ...line(words.header('byEvent'), list.totals.byEvent, (event) => pickLocalized(event.title, lng).text),
  ]
  return {
    projects: { name: words.header('sheet'), header: PROJECT_COLUMNS.map(words.header), rows: projects },
    totals: {
      name: words.header('totalsSheet'),
      header: [
        ...TOTALS_COLUMNS.map(words.header),
        ...PROJECT_STATUSES.flatMap((s) => [words.statusColumn(s, 'count'), words.statusColumn(s, 'amount')]),
      ],
      rows: totals,
    },
  }
}

/** Sheets as app/export/table.ts writes one: bold frozen header, string cells only. */
export async function xlsxSheets(sheets: readonly Sheet[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Signet'
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31))
    sheet.columns = s.header.map((h) => ({ header: h, width: Math.min(40, Math.max(12, h.length * 2 + 4)) }))
    for (const row of s.rows) sheet.addRow([...row])
    sheet.getRow(1).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
