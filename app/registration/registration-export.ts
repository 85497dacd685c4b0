/**
 * An event's registrations as a table for Excel (CSV with a BOM so Excel shows CJK and formulas
 * neutralized, or XLSX through app/export/table.ts): headers and statuses in the reader's
 * language, times in the event's zone. Pure.
 */
import type { Language } from '../../db/schema'
import { csvTable } from '../export/table'
import { displayName } from '../people/names'
import { utcToZoned } from '../time/zoned'
import type { RegistrationListItem } from './registration-list.server'

export const REGISTRATION_EXPORT_COLUMNS = [
  'status',
  'name',
  'family_name',
  'given_name',
  'latin_name',
  'kana',
  'title',
  'organization',
  'country',
  'email',
  'phone',
  'language',
  'vip',
  'sessions',
  'waitlisted',
  'diet',
  'allergies',
  'accessibility',
  'interpretation',
  'arrival_date',
  'arrival_transport',
  'departure_date',
  'departure_transport',
  'hotel',
  'registered_at',
] as const
export type RegistrationExportColumn = (typeof REGISTRATION_EXPORT_COLUMNS)[number]

export interface ExportWords {
  /** the column's header */
  header: (column: RegistrationExportColumn) => string
  status: (status: RegistrationListItem['status']) => string
  diet: (diet: RegistrationListItem['diet']) => string
  language: (language: string) => string
  yes: string
  no: string
  sessionTitle: (sessionId: string) => string
  /** joins session titles in one cell */
  separator: string
}

/**
 * `ticketCodes` (registration id → code) adds a last column with each ticket's code, for a badge
 * vendor printing the QR codes: only admins may ask for it (the route decides).
 */
export function registrationsTable(
  items: readonly RegistrationListItem[],
  words: ExportWords,
  lng: Language,
  timeZone: string,
  ticketCodes?: { header: string; codes: ReadonlyMap<string, string> },
): { header: string[]; rows: string[][] } {
  const titles = (item: RegistrationListItem, status: 'confirmed' | 'waitlisted') =>
    item.seats
      .filter((s) => s.status === status)
      .map((s) => words.sessionTitle(s.sessionId))
      .join(words.separator)
  const data = items.map((item) => {
    const registered = utcToZoned(item.createdAt, timeZone)
    const cells: Record<RegistrationExportColumn, string> = {
      status: words.status(item.status),
      name: displayName(item, lng),
      family_name: item.familyName,
      given_name: item.givenName,
      latin_name: item.latinName,
      kana: item.kana ?? '',
      title: item.title,
      organization: item.organization,
      country: item.country ?? '',
      email: item.email,
      phone: item.phone,
      language: words.language(item.language),
      vip: item.vip ? words.yes : words.no,
      sessions: titles(item, 'confirmed'),
      waitlisted: titles(item, 'waitlisted'),
      diet: words.diet(item.diet),
      allergies: item.allergies,
      accessibility: item.accessibility,
      interpretation: item.interpretation ? words.language(item.interpretation) : '',
      arrival_date: item.arrivalDate ?? '',
      arrival_transport: item.arrivalTransport,
      departure_date: item.departureDate ?? '',
      departure_transport: item.departureTransport,
      hotel: item.hotelNeeded ? words.yes : words.no,
      registered_at: `${registered.date} ${registered.time}`,
    }
    const row = REGISTRATION_EXPORT_COLUMNS.map((column) => cells[column])
    return ticketCodes ? [...row, ticketCodes.codes.get(item.id) ?? ''] : row
  })
  const header = REGISTRATION_EXPORT_COLUMNS.map((column) => words.header(column))
  if (ticketCodes) header.push(ticketCodes.header)
  return { header, rows: data }
}

/** The same table as CSV for Excel (BOM, formulas neutralized, CRLF). */
export function registrationsCsv(...args: Parameters<typeof registrationsTable>): string {
  const { header, rows } = registrationsTable(...args)
  return csvTable(header, rows)
}
