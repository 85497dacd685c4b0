/**
 * Formula injection in exports (issue 7): whatever a delegate or an import puts in a text field, a
 * CSV opened in Excel never runs it as a formula (cells that start with = + - @, a tab or a
 * carriage return are prefixed with '), and an XLSX holds it as a string cell, never a formula.
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { csvTable, xlsxTable } from '../../app/export/table'

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r']
const cell = fc.oneof(
  fc.string(),
  fc.tuple(fc.constantFrom(...TRIGGERS), fc.string()).map(([t, rest]) => `${t}${rest}`),
  fc.constantFrom(
    '=HYPERLINK("http://evil.example","點我")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '-2+3',
    '+81 90 1234 5678',
  ),
)

describe('CSV exports', () => {
  it('prefix every cell a spreadsheet would read as a formula with a quote, and keep every other cell as it is', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = Math.max(...rows.map((r) => r.length))
        const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('x')])
        const header = Array.from({ length: width }, (_, i) => `c${i}`)
        const text = csvTable(header, padded).slice(1)
        const parsed = Papa.parse<string[]>(text, { newline: '\r\n', delimiter: ',' }).data.slice(1)
        for (const [r, row] of padded.entries()) {
          for (const [c, value] of row.entries()) {
            const expected = TRIGGERS.some((t) => value.startsWith(t)) ? `'${value}` : value
            expect(parsed[r]?.[c]).toBe(expected)
          }
        }
      }),
      // Found by CI: a lone "||" made Papa guess '|' as the delimiter; the CSV is comma-separated.
      { numRuns: 300, examples: [[[['||']]]] },
    )
  })
})

describe('XLSX exports', () => {
  it('write every text as a string cell, never a formula', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 6 }), async (values) => {
        const bytes = await xlsxTable(
          'Sheet',
          ['value'],
          values.map((v) => [v]),
        )
        const workbook = new ExcelJS.Workbook()
        await workbook.xlsx.load(bytes.buffer)
        const sheet = workbook.worksheets[0]
        for (const [i, value] of values.entries()) {
          const c = sheet?.getRow(i + 2).getCell(1)
          expect(c?.formula).toBeUndefined()
          if (value !== '') {
            expect(c?.type).toBe(ExcelJS.ValueType.String)
            // XML keeps line ends as LF: a lone CR comes back as a newline, the text is otherwise intact.
            expect(c?.value).toBe(value.replace(/\r\n?/g, '\n'))
          }
        }
      }),
      { numRuns: 40 },
    )
  })
})
