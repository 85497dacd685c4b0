/**
 * The delegate directory as files, with the import's columns, so that an exported file imports
 * back as all duplicates. CSV carries a UTF-8 BOM (Excel then reads CJK correctly) and neutralizes
 * formulas: a cell starting with = + - @ (or a tab / carriage return) is prefixed with '.
 */
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { IMPORT_COLUMNS, type ImportColumn } from './people-import'

export type ExportRow = Record<ImportColumn, string>

export const UTF8_BOM = '\uFEFF'

export function toCsv(rows: readonly ExportRow[]): string {
  const data = rows.map((row) => IMPORT_COLUMNS.map((column) => row[column]))
  return UTF8_BOM + Papa.unparse({ fields: [...IMPORT_COLUMNS], data }, { escapeFormulae: true, newline: '\r\n' })
}

/** An .xlsx workbook with one sheet. Cells are written as text, never as formulas. */
export async function toXlsx(rows: readonly ExportRow[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Signet'
  const sheet = workbook.addWorksheet('people')
  sheet.columns = IMPORT_COLUMNS.map((column) => ({ header: column, key: column, width: column === 'email' ? 32 : 18 }))
  for (const row of rows) sheet.addRow(IMPORT_COLUMNS.map((column) => row[column]))
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/**
 * Rows of an import file as a workbook to fix and import again: the file's own headers as it
 * wrote them, then (when `problems` is given) a last column saying what is wrong with each row.
 * Cells are written as text, never as formulas.
 */
export async function rowsXlsx(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  problems?: { header: string; texts: readonly string[] },
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Signet'
  const sheet = workbook.addWorksheet('rows')
  const all = problems ? [...headers, problems.header] : [...headers]
  sheet.columns = all.map((header) => ({ header, width: 22 }))
  rows.forEach((row, i) => {
    sheet.addRow(problems ? [...row, problems.texts[i] ?? ''] : [...row])
  })
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** What the template's words are in the organizer's language (the route passes them in). */
export interface TemplateWords {
  listSheet: string
  exampleSheet: string
  /** the example row, one value per column */
  example: Record<ImportColumn, string>
  languageHint: string
  vipHint: string
}

/**
 * The import template: a first sheet with the headers in the organizer's language and, under
 * them, a choice list for the language (zh, en, ja) and VIP (yes, no) columns; a second sheet
 * with the same headers and an example row (a second sheet is never imported: the import reads
 * the first sheet with content).
 */
export async function importTemplate(
  headers: Record<ImportColumn, string>,
  words: TemplateWords,
  rows = 1000,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Signet'
  const list = workbook.addWorksheet(words.listSheet)
  const example = workbook.addWorksheet(words.exampleSheet)
  for (const sheet of [list, example]) {
    sheet.columns = IMPORT_COLUMNS.map((column) => ({
      header: headers[column],
      key: column,
      width: column === 'email' || column === 'organization' ? 28 : 16,
    }))
    sheet.getRow(1).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
  }
  example.addRow(IMPORT_COLUMNS.map((column) => words.example[column]))
  const choice = (column: ImportColumn, values: string, prompt: string) => {
    const letter = String.fromCharCode(65 + IMPORT_COLUMNS.indexOf(column))
    for (let row = 2; row <= rows + 1; row++) {
      list.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values}"`],
        showInputMessage: true,
        prompt,
        showErrorMessage: true,
        error: prompt,
      }
    }
  }
  choice('preferred_language', 'zh,en,ja', words.languageHint)
  choice('vip', 'yes,no', words.vipHint)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
