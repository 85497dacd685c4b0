/**
 * What a file may hold before the parser builds it (issue 14): a workbook's zip entries are
 * inflated with a cap whatever their headers say, its sheets may name no cell, row or range past
 * the import's 64 columns and 50,001 rows, and a CSV stops at the first row past them.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { parseImportFile } from '../../app/people/people-import'
import { checkSheetXml, checkWorkbook } from '../../app/people/xlsx-limits'
import { bombSheet, cell, peopleSheet, SHEET_START, workbook } from '../helpers/xlsx'

const text = (s: string) => new TextEncoder().encode(s)
const sheet = (body: string) => text(`${SHEET_START}${body}</worksheet>`)

describe('a workbook before exceljs reads it', () => {
  it('lets a plain workbook through, as exceljs writes it', async () => {
    const book = new ExcelJS.Workbook()
    const ws = book.addWorksheet('People')
    ws.addRow(['latin_name', 'email'])
    ws.addRow(['SATO Kenichi', 'sato@example.jp'])
    ws.mergeCells('C1:D2')
    const bytes = new Uint8Array(await book.xlsx.writeBuffer())
    expect(checkWorkbook(bytes)).toBeNull()
    expect(checkWorkbook(workbook(peopleSheet(20)))).toBeNull()
  })

  it('refuses a cell past column 64, naming the column and the cell', () => {
    expect(checkWorkbook(workbook(peopleSheet(3, { extra: 'XFD' })))).toEqual({
      key: 'people.errors.tooManyColumns',
      values: { column: 'XFD', cell: 'XFD2', max: 64 },
    })
    expect(checkSheetXml(sheet(`<sheetData><row r="1">${cell('BL1', 'x')}</row></sheetData>`))).toBeNull()
    expect(checkSheetXml(sheet(`<sheetData><row r="1">${cell('BM1', 'x')}</row></sheetData>`))?.key).toBe(
      'people.errors.tooManyColumns',
    )
  })

  it('counts cells without an address, and refuses an address it cannot read', () => {
    const cells = '<c t="inlineStr"><is><t>x</t></is></c>'.repeat(65)
    expect(checkSheetXml(sheet(`<sheetData><row r="1">${cells}</row></sheetData>`))?.values).toMatchObject({
      column: 'BM',
    })
    expect(checkSheetXml(sheet('<sheetData><row r="1"><c r="&#88;FD1"/></row></sheetData>'))?.key).toBe(
      'people.errors.badXlsx',
    )
    // Attributes end at the next '<', however long: padding cannot hide an address.
    const padded = `<c${' '.repeat(10_000)}r="XFD1"/>`
    expect(checkSheetXml(sheet(`<sheetData><row r="1">${padded}</row></sheetData>`))?.key).toBe(
      'people.errors.tooManyColumns',
    )
  })

  it('refuses a row, a dimension, a merge or a data validation past the rows or columns an import can have', () => {
    const tooMany = { key: 'people.errors.tooManyRows', values: { max: 50_000 } }
    expect(checkSheetXml(sheet('<dimension ref="A1:B1000000"/><sheetData/>'))).toEqual(tooMany)
    expect(checkSheetXml(sheet('<sheetData><row r="50002"/></sheetData>'))).toEqual(tooMany)
    expect(checkSheetXml(sheet('<sheetData><row r="50001"/></sheetData>'))).toBeNull()
    expect(checkSheetXml(sheet('<sheetData/><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>'))?.key).toBe(
      'people.errors.tooManyColumns',
    )
    const validation =
      '<dataValidations count="1"><dataValidation type="list" sqref="A2 C2:C1048576"/></dataValidations>'
    expect(checkSheetXml(sheet(`<sheetData/>${validation}`))).toEqual(tooMany)
  })

  it('refuses a deflate bomb by inflating it with a cap, whatever its headers declare', () => {
    const lying = checkWorkbook(workbook(bombSheet(150), 10_000))
    expect(lying).toEqual({ key: 'people.errors.xlsxUnpacksTooLarge', values: { max: 100 } })
    const honest = checkWorkbook(workbook(bombSheet(150)))
    expect(honest).toEqual({ key: 'people.errors.xlsxUnpacksTooLarge', values: { max: 100 } })
  })

  it('is what parseImportFile answers for such a file', async () => {
    const result = await parseImportFile(workbook(peopleSheet(300, { extra: 'XFD' })), 'wide.xlsx')
    expect(result).toMatchObject({ ok: false, error: { key: 'people.errors.tooManyColumns' } })
  })
})

describe('a CSV read row by row', () => {
  it('refuses a value past column 64 but not empty fields there', async () => {
    const wide = `latin_name,email${','.repeat(70)}\nSATO,sato@example.jp${','.repeat(63)}x\n`
    expect(await parseImportFile(text(wide), 'list.csv')).toMatchObject({
      ok: false,
      error: { key: 'people.errors.tooManyColumns', values: { column: 'BM', cell: 'BM2', max: 64 } },
    })
    const trailing = `latin_name,email${','.repeat(70)}\nSATO,sato@example.jp${','.repeat(70)}\n`
    expect(await parseImportFile(text(trailing), 'list.csv')).toMatchObject({ ok: true })
  })

  it('stops at the first row past 50,000, and does not count blank lines', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `P${i},p${i}@example.org`)
    expect(await parseImportFile(text(`latin_name,email\n${rows.join('\n')}`), 'list.csv')).toMatchObject({
      ok: false,
      error: { key: 'people.errors.tooManyRows' },
    })
    const blank = `latin_name,email\nSATO,sato@example.jp${'\n'.repeat(100_000)}`
    const result = await parseImportFile(text(blank), 'list.csv')
    expect(result.ok && result.file.rows).toHaveLength(1)
  })

  it('names the row of a quoted cell that is never closed', async () => {
    const result = await parseImportFile(text('latin_name,email\nSATO,sato@example.jp\n"LI,li@example.cn\n'), 'x.csv')
    expect(result).toMatchObject({ ok: false, error: { key: 'people.errors.malformedCsv', values: { row: 3 } } })
  })
})
