import { FALLBACK_LANGUAGE, LANGUAGES, type Language } from './i18n'

export interface LocalizedText {
  text: string
  /** the language the text is really in */
  lang: Language
  /** true when the requested language was empty and another one stood in */
  isFallback: boolean
}

/**
 * Picks the text for `lng` from a zh/en/ja triple. An empty value falls back to English, then
 * to the other languages, and says so, so the page can tag it instead of showing a blank.
 */
export function pickLocalized(values: Record<Language, string | null | undefined>, lng: Language): LocalizedText {
  const order: Language[] = [lng, FALLBACK_LANGUAGE, ...LANGUAGES]
  for (const candidate of order) {
    const text = values[candidate]?.trim()
    if (text) return { text, lang: candidate, isFallback: candidate !== lng }
  }
  return { text: '', lang: lng, isFallback: false }
}

/** Reads `<field>_zh`, `<field>_en`, `<field>_ja` from a row. */
export function localizedField<F extends string>(
  row: Record<`${F}_${Language}`, string | null>,
  field: F,
  lng: Language,
): LocalizedText {
  return pickLocalized({ zh: row[`${field}_zh`], en: row[`${field}_en`], ja: row[`${field}_ja`] }, lng)
}

/** The zh/en/ja values of `<field>_zh`, `<field>_en`, `<field>_ja` in a parsed form, '' when absent. */
export function readTriple(values: object, field: string): Record<Language, string> {
  const v = values as Record<string, unknown>
  return { zh: String(v[`${field}_zh`] ?? ''), en: String(v[`${field}_en`] ?? ''), ja: String(v[`${field}_ja`] ?? '') }
}

/** A zh/en/ja triple as a row's columns: `{ <field>_zh: values.zh, <field>_en: …, <field>_ja: … }`. */
export function localizedColumns<F extends string, V>(field: F, values: Record<Language, V>) {
  return Object.fromEntries(LANGUAGES.map((lng) => [`${field}_${lng}`, values[lng]])) as Record<`${F}_${Language}`, V>
}

/** The same rule for each of `<field>_zh`, `<field>_en`, `<field>_ja` (a form schema's shape). */
export function localizedRule<F extends string, R>(field: F, rule: R) {
  return Object.fromEntries(LANGUAGES.map((lng) => [`${field}_${lng}`, rule])) as Record<`${F}_${Language}`, R>
}
