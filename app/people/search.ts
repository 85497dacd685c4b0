/**
 * Search text, the same on the server (SQL over the stored `search_text` columns) and in the
 * browser (the scanner's offline roster). Pure: no database, no Node.
 *
 * A search folds what a user cannot see, or should not have to type the same way (issue 16):
 * - half- and full-width forms, ligatures and other compatibility forms (NFKC: ｽｽﾞｷ → スズキ,
 *   ＳＡＴＯ → SATO, ㈱ → (株));
 * - case (SATO → sato);
 * - katakana and hiragana (スズキ → すずき, wanakana). The prolonged sound mark ー is kept as it
 *   is in both scripts, so ラーメン and らーめん match; サトー does not match さとう, a spelling
 *   the reader can see, not a script;
 * - spaces, ideographic spaces included (佐藤 健一 → 佐藤健一, sato ken → satoken).
 * Latin letters, digits, kanji and hanzi are left as NFKC and lower case make them.
 */
import { toHiragana } from 'wanakana'

/**
 * ヷヸヹヺ have no hiragana letter: wanakana's code shift would turn them into unassigned code
 * points or lone voiced marks, so they are decomposed first (ヷ → ワ + ゙, then わ + ゙).
 */
const KATAKANA_WITHOUT_HIRAGANA = /[\u30F7-\u30FA]/g

/** The folded form of `text`: what is stored in `search_text` and what a query is matched as. */
export function foldForSearch(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(KATAKANA_WITHOUT_HIRAGANA, (c) => c.normalize('NFD'))
  return toHiragana(folded, { passRomaji: true, convertLongVowelMark: false }).replace(/\s+/gu, '').normalize('NFKC')
}

/**
 * Joins the folded parts of a row. A folded query has no whitespace, so no match can run from
 * one part into the next across the newline.
 */
function joined(parts: readonly (string | null | undefined)[]): string {
  return parts
    .map((part) => foldForSearch(part ?? ''))
    .filter(Boolean)
    .join('\n')
}

/** What a name is found by: family and given name together in both orders (佐藤健一, John Smith), each alone inside them. */
function nameParts(name: { familyName: string; givenName: string }): string[] {
  return [`${name.familyName}${name.givenName}`, `${name.givenName}${name.familyName}`]
}

/** A person's `search_text`: the native name, the Latin name, the kana and the email. */
export function personSearchText(person: {
  family_name: string
  given_name: string
  latin_name: string
  kana: string | null
  email: string | null
}): string {
  return joined([
    ...nameParts({ familyName: person.family_name, givenName: person.given_name }),
    person.latin_name,
    person.kana,
    person.email,
  ])
}

/** An organization's `search_text`: its names in the three languages. */
export function organizationSearchText(organization: { name_zh: string; name_en: string; name_ja: string }): string {
  return joined([...new Set([organization.name_zh, organization.name_en, organization.name_ja])])
}

/**
 * A registration's `search_text`: the names, kana, organization and email the delegate gave on
 * the form (a registration keeps its own copy, which may differ from the directory's).
 */
export function registrationSearchText(registration: {
  family_name: string
  given_name: string
  latin_name: string
  kana: string | null
  organization_name: string
  email: string
}): string {
  return joined([
    ...nameParts({ familyName: registration.family_name, givenName: registration.given_name }),
    registration.latin_name,
    registration.kana,
    registration.organization_name,
    registration.email,
  ])
}

type PersonFields = Parameters<typeof personSearchText>[0]
type OrganizationFields = Parameters<typeof organizationSearchText>[0]
type RegistrationFields = Parameters<typeof registrationSearchText>[0]

/** `row` with its `search_text`, for an insert. */
export function withPersonSearchText<const T extends PersonFields>(row: T): T & { search_text: string } {
  return { ...row, search_text: personSearchText(row) }
}

/** `row` with its `search_text`, for an insert. */
export function withOrganizationSearchText<const T extends OrganizationFields>(row: T): T & { search_text: string } {
  return { ...row, search_text: organizationSearchText(row) }
}

/** `row` with its `search_text`, for an insert. */
export function withRegistrationSearchText<const T extends RegistrationFields>(row: T): T & { search_text: string } {
  return { ...row, search_text: registrationSearchText(row) }
}

/** `%text%` for `LIKE … ESCAPE '\'`, lower-cased, with the text's own % _ and \ matched literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
