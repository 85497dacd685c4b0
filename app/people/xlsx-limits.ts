/**
 * What an uploaded workbook really holds, checked before the XLSX parser (exceljs) sees it. exceljs
 * builds every cell a sheet mentions, every cell a merge or a data validation covers, and inflates
 * every zip entry whole, so a 12 kB file with one cell at column XFD per row, or a small entry
 * that inflates to gigabytes, would cost the parser millions of cells or the heap. Here the zip's
 * central directory is read by hand, every entry is inflated with a cap (declared sizes are not
 * trusted), and each worksheet's XML is scanned for the cells, rows and ranges it names: all must
 * fit the import (MAX_IMPORT_COLUMNS columns, a header and MAX_IMPORT_ROWS rows). Pure: bytes in,
 * a coded refusal or nothing out.
 */
import { inflateRawSync } from 'node:zlib'
import type { FieldIssue } from '../validation/field-errors'
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './columns'

/** Largest inflated size of one zip entry (a 50,000-row sheet of 12 columns is about 30 MB). */
export const MAX_XLSX_ENTRY_BYTES = 100 * 1024 * 1024
/** Largest inflated size of all entries together. */
export const MAX_XLSX_TOTAL_BYTES = 200 * 1024 * 1024
const MAX_ENTRIES = 10_000
/** The header row and MAX_IMPORT_ROWS data rows. */
const MAX_ROW = MAX_IMPORT_ROWS + 1
/** Cells a sheet may name in all (refs repeated or without an address count too). */
const MAX_CELLS = MAX_ROW * MAX_IMPORT_COLUMNS

const MB = 1024 * 1024
const badXlsx: FieldIssue = { key: 'people.errors.badXlsx' }
const tooManyRows: FieldIssue = { key: 'people.errors.tooManyRows', values: { max: MAX_IMPORT_ROWS } }

export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

function columnNumber(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

const tooWide = (column: number, cell: string): FieldIssue => ({
  key: 'people.errors.tooManyColumns',
  values: { column: columnLetters(column), cell, max: MAX_IMPORT_COLUMNS },
})

const CELL_REF = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/

/** A1-style reference → [row, column], or null when it is not one. */
function decodeRef(ref: string): [number, number] | null {
  const match = CELL_REF.exec(ref.toUpperCase())
  if (!match?.[1] || !match[2]) return null
  return [Number(match[2]), columnNumber(match[1])]
}

/** A refusal when a reference ("B3", "A1:L200", "A1:A5 C2") reaches past the import's box. */
function checkRange(value: string): FieldIssue | null {
  for (const token of value.trim().split(/\s+/)) {
    if (token === '') continue
    for (const ref of token.split(':')) {
      const decoded = decodeRef(ref)
      if (!decoded) return badXlsx
      const [row, column] = decoded
      if (column > MAX_IMPORT_COLUMNS) return tooWide(column, ref.toUpperCase())
      if (row > MAX_ROW) return tooManyRows
    }
  }
  return null
}

const LT = 0x3c
const isDelimiter = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x2f || byte === 0x3e

const ATTRIBUTES = new Map(
  ['r', 'ref', 'sqref'].map((name) => [
    name,
    { value: new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`), present: new RegExp(`\\s${name}\\s*=`) },
  ]),
)

/** The attribute's value; null when the tag has none; undefined when it has one that cannot be read. */
function attribute(tag: string, name: 'r' | 'ref' | 'sqref'): string | null | undefined {
  const patterns = ATTRIBUTES.get(name)
  if (!patterns) return undefined
  const match = patterns.value.exec(tag)
  if (match) return match[1] ?? match[2] ?? ''
  return patterns.present.test(tag) ? undefined : null
}

/**
 * Scans a worksheet's XML for what exceljs would build: every <row> and <c> (with or without an
 * address), the <dimension>, every <mergeCell> and <dataValidation> range. A tag's attributes end
 * at the next '<' (which XML forbids inside an attribute value).
 */
export function checkSheetXml(xml: Uint8Array): FieldIssue | null {
  const buffer = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength)
  let row = 0
  let column = 0
  let cells = 0
  let rows = 0
  for (let at = buffer.indexOf(LT); at !== -1; at = buffer.indexOf(LT, at + 1)) {
    const next = buffer[at + 1]
    // Only the elements below matter: <c, <row, <dimension, <mergeCell, <dataValidation
    if (next !== 0x63 && next !== 0x72 && next !== 0x64 && next !== 0x6d) continue
    const end = buffer.indexOf(LT, at + 1)
    const tag = buffer.toString('latin1', at, end === -1 ? buffer.length : end)
    const name = /^<([A-Za-z]+)/.exec(tag)?.[1]
    if (!name || !isDelimiter(tag.charCodeAt(name.length + 1))) continue
    if (name === 'row') {
      rows++
      const r = attribute(tag, 'r')
      if (r === undefined) return badXlsx
      row = r === null ? row + 1 : Number(r)
      column = 0
      if (!Number.isInteger(row) || row < 1) return badXlsx
      if (row > MAX_ROW || rows > MAX_ROW) return tooManyRows
    } else if (name === 'c') {
      if (++cells > MAX_CELLS) return tooManyRows
      const r = attribute(tag, 'r')
      if (r === undefined) return badXlsx
      if (r === null) {
        column++
        if (column > MAX_IMPORT_COLUMNS) return tooWide(column, `${columnLetters(column)}${row}`)
        continue
      }
      const decoded = decodeRef(r)
      if (!decoded) return badXlsx
      column = decoded[1]
      if (column > MAX_IMPORT_COLUMNS) return tooWide(column, r.toUpperCase())
      if (decoded[0] > MAX_ROW) return tooManyRows
    } else if (name === 'dimension' || name === 'mergeCell') {
      const ref = attribute(tag, 'ref')
      if (ref === undefined) return badXlsx
      const refused = checkRange(ref ?? '')
      if (refused) return refused
    } else if (name === 'dataValidation') {
      const sqref = attribute(tag, 'sqref')
      if (sqref === undefined) return badXlsx
      const refused = checkRange(sqref ?? '')
      if (refused) return refused
    }
  }
  return null
}

interface Entry {
  name: string
  method: number
  compressedSize: number
  size: number
  localOffset: number
}

/** The central directory's entries, or null when it cannot be read (or is ZIP64, which no import needs). */
function centralDirectory(bytes: Buffer): Entry[] | null {
  const from = Math.max(0, bytes.length - 22 - 65_535)
  let end = -1
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end === -1) return null
  const count = bytes.readUInt16LE(end + 10)
  const offset = bytes.readUInt32LE(end + 16)
  if (count === 0xffff || offset === 0xffffffff || count > MAX_ENTRIES) return null
  const entries: Entry[] = []
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      localOffset: bytes.readUInt32LE(at + 42),
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

const isSheet = (name: string) => /(^|\/)worksheets\/[^/]+\.xml$/i.test(name)

/**
 * Refuses a workbook whose zip entries inflate past the caps (whatever their headers declare), or
 * whose sheets name cells, rows or ranges outside the import's columns and rows. Null: exceljs
 * may read it.
 */
export function checkWorkbook(input: Uint8Array): FieldIssue | null {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  const entries = centralDirectory(bytes)
  if (!entries) return badXlsx
  const unpacksTooLarge = (max: number): FieldIssue => ({
    key: 'people.errors.xlsxUnpacksTooLarge',
    values: { max: max / MB },
  })
  if (entries.reduce((sum, e) => sum + e.size, 0) > MAX_XLSX_TOTAL_BYTES) return unpacksTooLarge(MAX_XLSX_TOTAL_BYTES)
  let total = 0
  for (const entry of entries) {
    if (entry.size > MAX_XLSX_ENTRY_BYTES) return unpacksTooLarge(MAX_XLSX_ENTRY_BYTES)
    const local = entry.localOffset
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return badXlsx
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    if (start + entry.compressedSize > bytes.length) return badXlsx
    const data = bytes.subarray(start, start + entry.compressedSize)
    const cap = Math.min(MAX_XLSX_ENTRY_BYTES, MAX_XLSX_TOTAL_BYTES - total)
    let inflated: Buffer
    if (entry.method === 0) {
      inflated = data
    } else if (entry.method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) })
      } catch (error) {
        if (error instanceof RangeError) {
          return unpacksTooLarge(cap === MAX_XLSX_ENTRY_BYTES ? MAX_XLSX_ENTRY_BYTES : MAX_XLSX_TOTAL_BYTES)
        }
        return badXlsx
      }
    } else {
      return badXlsx
    }
    if (inflated.length > cap) return unpacksTooLarge(MAX_XLSX_TOTAL_BYTES)
    total += inflated.length
    if (isSheet(entry.name)) {
      const refused = checkSheetXml(inflated)
      if (refused) return refused
    }
  }
  return null
}
