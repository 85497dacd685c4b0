/**
 * Reading a delegate list (CSV or XLSX) and judging each row, without touching the database:
 * the rules behind the import preview and its commit. Failures are message keys with values;
 * the UI words them in the reader's language.
 */
import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { Language } from '../../db/schema'
import { normalizeEmail } from '../validation/email'
import type { FieldErrors, FieldIssue } from '../validation/field-errors'
import {
  COLUMN_ALIASES,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportEncoding,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  SESSIONS_ALIASES,
} from './columns'
import { countryCode } from './countries'
import { PERSON_LIMITS } from './person-limits'
import { matchSessions, type SessionIndex } from './session-column'
import { checkWorkbook, columnLetters } from './xlsx-limits'

export * from './columns'

/** Column widths kept in the database. */
export { PERSON_LIMITS }

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-・]+/g, '_')
}

const HEADER_TO_COLUMN = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => COLUMN_ALIASES[column].map((alias) => [normalizeHeader(alias), column] as const)),
)
const SESSIONS_HEADERS = new Set(SESSIONS_ALIASES.map(normalizeHeader))

export type ImportCells = Partial<Record<ImportColumn, string>>

export interface RawRow {
  /** the row's number in the spreadsheet (the header is row 1) */
  line: number
  cells: ImportCells
  /** the `sessions` cell, when the file has that column (session-column.ts) */
  sessions?: string
}

export interface ParsedFile {
  format: 'csv' | 'xlsx'
  /** the text encoding a CSV was read with */
  encoding: 'utf-8' | 'gb18030' | null
  columns: ImportColumn[]
  /** headers that were not recognized, and the sessions column (read only when inviting to an event) */
  ignored: string[]
  /** the header of the sessions column as written, or null when the file has none */
  sessionsColumn: string | null
  /** each column's header as the file writes it (国家, not country), for the messages */
  headers: Partial<Record<ImportColumn | 'sessions', string>>
  rows: RawRow[]
}

export type ParseResult = { ok: true; file: ParsedFile } | { ok: false; error: FieldIssue }

const fail = (key: string, values?: FieldIssue['values']): ParseResult => ({
  ok: false,
  error: values ? { key, values } : { key },
})

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const UTF8_BOM = [0xef, 0xbb, 0xbf]
const UTF16_LE = [0xff, 0xfe]
const UTF16_BE = [0xfe, 0xff]
// Old Excel (.xls), Word and other OLE files; PDF; PNG; JPEG; GIF
const BINARY_MAGIC = [
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x25, 0x50, 0x44, 0x46],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
]

/** True for C0 and C1 control characters other than tab, line feed and carriage return. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)
}

/** True when a cell holds a control character (a tab or line break counts too: names are one line). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true
  }
  return false
}

function looksBinary(bytes: Uint8Array): boolean {
  if (BINARY_MAGIC.some((magic) => startsWith(bytes, magic))) return true
  const sample = bytes.subarray(0, 65_536)
  let controls = 0
  for (const byte of sample) {
    if (byte === 0) return true
    if (isControl(byte) && byte < 0x20) controls++
  }
  return sample.length > 0 && controls / sample.length > 0.01
}

function decode(bytes: Uint8Array, encoding: ImportEncoding): { text: string; encoding: 'utf-8' | 'gb18030' } | null {
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes
  const tryDecode = (label: 'utf-8' | 'gb18030') => {
    try {
      return { text: new TextDecoder(label, { fatal: true }).decode(body), encoding: label }
    } catch {
      return null
    }
  }
  if (encoding === 'utf-8') return tryDecode('utf-8')
  if (encoding === 'gb18030') return tryDecode('gb18030')
  return tryDecode('utf-8') ?? tryDecode('gb18030')
}

// Our CSV export neutralizes formulas by prefixing ' (papaparse escapeFormulae); undo that on import.
const NEUTRALIZED = /^'[=+\-@\t\r]/

interface HeaderMap {
  map: (ImportColumn | null)[]
  ignored: string[]
  /** the position of the sessions column, or -1 */
  sessionsAt: number
}

function headerColumns(headers: string[]): HeaderMap | ParseResult {
  const map: (ImportColumn | null)[] = []
  const ignored: string[] = []
  const seen = new Set<ImportColumn>()
  let sessionsAt = -1
  for (const [i, header] of headers.entries()) {
    const normalized = normalizeHeader(header)
    const column = HEADER_TO_COLUMN.get(normalized) ?? null
    if (column && seen.has(column)) return fail('people.errors.duplicateColumn', { column: header.trim() })
    if (SESSIONS_HEADERS.has(normalized)) {
      if (sessionsAt !== -1) return fail('people.errors.duplicateColumn', { column: header.trim() })
      sessionsAt = i
    }
    if (column) seen.add(column)
    else if (normalized !== '') ignored.push(header.trim())
    map.push(column)
  }
  const missing: string[] = []
  if (!seen.has('family_name') && !seen.has('latin_name')) missing.push('family_name / latin_name')
  if (!seen.has('email')) missing.push('email')
  if (missing.length > 0) return fail('people.errors.missingColumns', { columns: missing.join(', ') })
  return { map, ignored, sessionsAt }
}

function toRows(grid: { line: number; values: string[] }[], undoNeutralized: boolean): ParseResult {
  const [header, ...data] = grid
  if (!header) return fail('people.errors.empty')
  const columns = headerColumns(header.values)
  if ('ok' in columns) return columns
  const cell = (values: string[], i: number) => {
    const value = (values[i] ?? '').trim()
    return undoNeutralized && NEUTRALIZED.test(value) ? value.slice(1) : value
  }
  const rows: RawRow[] = []
  for (const { line, values } of data) {
    if (values.every((v) => v.trim() === '')) continue
    const cells: ImportCells = {}
    columns.map.forEach((column, i) => {
      if (column) cells[column] = cell(values, i)
    })
    rows.push(columns.sessionsAt === -1 ? { line, cells } : { line, cells, sessions: cell(values, columns.sessionsAt) })
  }
  if (rows.length === 0) return fail('people.errors.empty')
  if (rows.length > MAX_IMPORT_ROWS) return fail('people.errors.tooManyRows', { max: MAX_IMPORT_ROWS })
  const used = columns.map.filter((c): c is ImportColumn => c !== null)
  const sessionsColumn = columns.sessionsAt === -1 ? null : (header.values[columns.sessionsAt] ?? '').trim()
  const headers: ParsedFile['headers'] = {}
  columns.map.forEach((column, i) => {
    if (column) headers[column] = (header.values[i] ?? '').trim()
  })
  if (sessionsColumn !== null) headers.sessions = sessionsColumn
  return {
    ok: true,
    file: { format: 'csv', encoding: null, columns: used, ignored: columns.ignored, sessionsColumn, headers, rows },
  }
}

function parseCsv(bytes: Uint8Array, encoding: ImportEncoding): ParseResult {
  if (startsWith(bytes, UTF16_LE) || startsWith(bytes, UTF16_BE)) return fail('people.errors.utf16')
  if (looksBinary(bytes)) return fail('people.errors.binary')
  const decoded = decode(bytes, encoding)
  if (!decoded) {
    return fail(encoding === 'auto' ? 'people.errors.encodingUnknown' : 'people.errors.encoding', {
      encoding: encoding.toUpperCase(),
    })
  }
  // Row by row, keeping only rows with content, and stopping at the first row past the limits:
  // the work is bounded by what the file holds, not by how many empty lines or fields it has.
  const grid: { line: number; values: string[] }[] = []
  let line = 0
  let dataRows = 0
  let refused: ParseResult | null = null
  Papa.parse<string[]>(decoded.text, {
    header: false,
    skipEmptyLines: false,
    step(results, parser) {
      line++
      if (results.errors.some((e) => e.type === 'Quotes')) {
        refused = fail('people.errors.malformedCsv', { row: line })
        parser.abort()
        return
      }
      const values = results.data.map(String)
      const beyond = values.findIndex((v, i) => i >= MAX_IMPORT_COLUMNS && v.trim() !== '')
      if (beyond !== -1) {
        const column = columnLetters(beyond + 1)
        refused = fail('people.errors.tooManyColumns', { column, cell: `${column}${line}`, max: MAX_IMPORT_COLUMNS })
        parser.abort()
        return
      }
      if (line > 1 && values.every((v) => v.trim() === '')) return
      if (line > 1 && ++dataRows > MAX_IMPORT_ROWS) {
        refused = fail('people.errors.tooManyRows', { max: MAX_IMPORT_ROWS })
        parser.abort()
        return
      }
      grid.push({ line, values: values.slice(0, MAX_IMPORT_COLUMNS) })
    },
  })
  if (refused) return refused
  const result = toRows(grid, true)
  if (result.ok) result.file.encoding = decoded.encoding
  return result
}

async function parseXlsx(bytes: Uint8Array): Promise<ParseResult> {
  // What exceljs would build is checked first: it inflates and builds whatever the file names.
  const refused = checkWorkbook(bytes)
  if (refused) return { ok: false, error: refused }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Uint8Array.from(bytes).buffer)
  } catch {
    return fail('people.errors.badXlsx')
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0)
  if (!sheet) return fail('people.errors.empty')
  const grid: { line: number; values: string[] }[] = []
  const width = sheet.columnCount
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: string[] = []
    for (let c = 1; c <= width; c++) values.push(row.getCell(c).text ?? '')
    grid.push({ line, values })
  })
  const result = toRows(grid, false)
  if (result.ok) result.file.format = 'xlsx'
  return result
}

/**
 * Reads an uploaded file into rows keyed by column. A `.xlsx` name is read as a workbook;
 * anything else as CSV text (UTF-8 with or without BOM, or GB18030: detected when `auto`).
 * A workbook renamed to .csv, a binary file, a bad encoding or missing columns are refused.
 */
export async function parseImportFile(
  bytes: Uint8Array,
  filename: string,
  encoding: ImportEncoding = 'auto',
): Promise<ParseResult> {
  if (bytes.length === 0) return fail('people.errors.empty')
  if (bytes.length > MAX_IMPORT_BYTES) return fail('people.errors.tooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 })
  const isZip = startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)
  if (/\.xlsx$/i.test(filename)) return isZip ? parseXlsx(bytes) : fail('people.errors.notXlsx')
  if (isZip) return fail('people.errors.xlsxAsCsv')
  return parseCsv(bytes, encoding)
}

/** One person as read from a row. Null means "not given": defaults apply on create, and the stored value stays on update. */
export interface PersonInput {
  organization: string | null
  country: string | null
  familyName: string
  givenName: string
  latinName: string
  kana: string | null
  title: string | null
  email: string
  phone: string | null
  preferredLanguage: Language | null
  vip: 0 | 1 | null
}

export type RowVerdict =
  | {
      line: number
      status: 'valid' | 'duplicate'
      cells: ImportCells
      person: PersonInput
      /** the sessions the row invites to ([]: every session open to the person) */
      sessionIds: string[]
      /** what was read differently from how it was written, said in the preview */
      notes?: FieldIssue[]
    }
  | { line: number; status: 'invalid'; cells: ImportCells; errors: FieldErrors }

const LANGUAGE_WORDS: Record<string, Language> = {
  zh: 'zh',
  'zh-cn': 'zh',
  chinese: 'zh',
  中文: 'zh',
  汉语: 'zh',
  中国語: 'zh',
  en: 'en',
  english: 'en',
  英文: 'en',
  英语: 'en',
  英語: 'en',
  ja: 'ja',
  jp: 'ja',
  japanese: 'ja',
  日本語: 'ja',
  日语: 'ja',
  日文: 'ja',
}

/** zh | en | ja from a code or a language's name in zh/en/ja; null when empty, 'invalid' when unknown. */
export function parseLanguage(value: string): Language | null | 'invalid' {
  const v = value.normalize('NFKC').trim().toLowerCase()
  if (v === '') return null
  return LANGUAGE_WORDS[v] ?? 'invalid'
}

const YES = new Set(['yes', 'y', '1', 'true', '是', 'はい', 'vip'])
const NO = new Set(['no', 'n', '0', 'false', '否', 'いいえ'])

/** 1 | 0 from yes/no, 1/0, true/false, 是/否, はい/いいえ; null when empty, 'invalid' when unknown. */
export function parseVip(value: string): 0 | 1 | null | 'invalid' {
  const v = value.normalize('NFKC').trim().toLowerCase()
  if (v === '') return null
  if (YES.has(v)) return 1
  if (NO.has(v)) return 0
  return 'invalid'
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/

const SESSION_ERRORS = {
  unknown: 'invitations.import.unknownSession',
  ambiguous: 'invitations.import.ambiguousSession',
} as const

/**
 * Judges each row: invalid (with one reason per column), a duplicate of a person already in the
 * directory (`existingEmails`, lower-cased), or valid. A second row with an email seen earlier in
 * the same file is invalid and names the first row. With `sessions` (an import that invites to an
 * event), the sessions cell must name sessions of that event; an unknown one makes the row invalid.
 */
export function validateRows(
  rows: readonly RawRow[],
  existingEmails: ReadonlySet<string>,
  sessions: SessionIndex | null = null,
): RowVerdict[] {
  const firstLine = new Map<string, number>()
  return rows.map(({ line, cells, sessions: sessionsCell }) => {
    const errors: FieldErrors = {}
    const text = (column: keyof typeof PERSON_LIMITS): string => {
      const value = (cells[column] ?? '').trim()
      if (hasControlCharacters(value)) errors[column] = { key: 'people.errors.controlCharacters' }
      else if ([...value].length > PERSON_LIMITS[column]) {
        errors[column] = { key: 'validation.tooLong', values: { max: PERSON_LIMITS[column] } }
      }
      return value
    }
    const organization = text('organization')
    const familyName = text('family_name')
    const givenName = text('given_name')
    const latinName = text('latin_name')
    const kana = text('kana')
    const title = text('title')
    const email = text('email')
    const phone = text('phone')
    if (!familyName && !latinName && !errors.family_name) errors.family_name = { key: 'people.errors.nameRequired' }
    if (!errors.email) {
      if (email === '') errors.email = { key: 'validation.required' }
      else if (!EMAIL.test(email)) errors.email = { key: 'validation.email' }
    }
    // 日本, Japan, 日本国 or JP (countries.ts)
    const countryCell = (cells.country ?? '').trim()
    const country = countryCell === '' ? '' : (countryCode(countryCell) ?? '')
    if (countryCell !== '' && country === '')
      errors.country = { key: 'people.errors.country', values: { value: countryCell.slice(0, 40) } }
    const language = parseLanguage(cells.preferred_language ?? '')
    if (language === 'invalid') errors.preferred_language = { key: 'people.errors.language' }
    const vip = parseVip(cells.vip ?? '')
    if (vip === 'invalid') errors.vip = { key: 'people.errors.vip' }
    if (!errors.email) {
      const key = normalizeEmail(email)
      const first = firstLine.get(key)
      if (first !== undefined) errors.email = { key: 'people.errors.duplicateInFile', values: { row: first } }
      else firstLine.set(key, line)
    }
    let sessionIds: string[] = []
    const notes: FieldIssue[] = []
    if (sessions && sessionsCell !== undefined) {
      const match = matchSessions(sessionsCell, sessions)
      if (match.ok) {
        sessionIds = match.ids
        for (const session of match.openToAll)
          notes.push({ key: 'invitations.import.sessionOpenToAll', values: { session } })
      } else errors.sessions = { key: SESSION_ERRORS[match.reason], values: { session: match.name } }
    }
    if (Object.keys(errors).length > 0 || language === 'invalid' || vip === 'invalid') {
      return { line, status: 'invalid', cells, errors }
    }
    const person: PersonInput = {
      organization: organization || null,
      country: country || null,
      familyName,
      givenName,
      latinName,
      kana: kana || null,
      title: title || null,
      email,
      phone: phone || null,
      preferredLanguage: language,
      vip,
    }
    const status = existingEmails.has(normalizeEmail(email)) ? 'duplicate' : 'valid'
    return notes.length > 0
      ? { line, status, cells, person, sessionIds, notes }
      : { line, status, cells, person, sessionIds }
  })
}

export interface ImportCounts {
  total: number
  valid: number
  duplicate: number
  invalid: number
}

export function countVerdicts(verdicts: readonly RowVerdict[]): ImportCounts {
  const counts: ImportCounts = { total: verdicts.length, valid: 0, duplicate: 0, invalid: 0 }
  for (const verdict of verdicts) counts[verdict.status]++
  return counts
}

/** The language a new person gets when the file gives none: from the row's country, else English. */
export function defaultLanguage(country: string | null): Language {
  if (country === 'JP') return 'ja'
  if (country === 'CN' || country === 'TW' || country === 'HK' || country === 'MO') return 'zh'
  return 'en'
}
