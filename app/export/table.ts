/**
 * A table of text for Excel: CSV (UTF-8 with a BOM so Excel shows CJK, formulas neutralized,
 * CRLF) or an .xlsx workbook with one sheet (cells written as text, never as formulas).
 */
import ExcelJS from 'exceljs'
import Papa from 'papaparse'

const UTF8_BOM = '\uFEFF'

export function csvTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    UTF8_BOM +
    Papa.unparse({ fields: [...header], data: rows.map((r) => [...r]) }, { escapeFormulae: true, newline: '\r\n' })
  )
}

export async function xlsxTable(
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Signet'
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31))
  sheet.columns = header.map((h) => ({ header: h, width: Math.min(40, Math.max(12, h.length + 4)) }))
  // exceljs writes a string as a string cell, never as a formula, whatever it starts with.
  for (const row of rows) sheet.addRow([...row])
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
