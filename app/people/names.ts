/**
 * How a person's name is shown in each language. Names are kept in native script (family,
 * given), in Latin letters and, for Japanese, in kana.
 * - zh: family name then given name, no space (佐藤健一).
 * - ja: family name, a space, given name (佐藤 健一); the kana reading goes with it.
 * - en: the Latin name as the person writes it (SATO Kenichi).
 * - A Western name in the family/given fields: given name first, with a space (John Smith).
 * Each falls back to the other form when its own is empty.
 */
import type { Language } from '../../db/schema'

export interface PersonName {
  familyName: string
  givenName: string
  latinName: string
  kana?: string | null
}

/** The name a row of people or registrations holds (its snake_case columns). */
export function nameOfRow(row: { family_name: string; given_name: string; latin_name: string; kana: string | null }) {
  return { familyName: row.family_name, givenName: row.given_name, latinName: row.latin_name, kana: row.kana }
}

const LATIN = /\p{Script=Latin}/u

export function nativeName(name: PersonName, lng: Language = 'zh'): string {
  const family = name.familyName.trim()
  const given = name.givenName.trim()
  // A Western name kept in the family/given fields reads given name first, with a space
  // ("John Smith"), never run together ("SmithJohn").
  if (LATIN.test(family) || LATIN.test(given)) return [given, family].filter(Boolean).join(' ')
  return [family, given].filter(Boolean).join(lng === 'ja' ? ' ' : '')
}

/** The name to greet or list someone by in `lng`. */
export function displayName(name: PersonName, lng: Language): string {
  const native = nativeName(name, lng)
  const latin = name.latinName.trim()
  if (lng === 'en') return latin || native
  return native || latin
}

/** The other form, shown small under the display name ('' when it would repeat it). */
export function secondaryName(name: PersonName, lng: Language): string {
  const native = nativeName(name, lng)
  const latin = name.latinName.trim()
  if (lng === 'en') return latin && native ? native : ''
  if (!native) return ''
  const kana = lng === 'ja' ? (name.kana ?? '').trim() : ''
  return [kana, latin].filter(Boolean).join(' · ')
}
