/**
 * A country as an organizer's spreadsheet writes it: the ISO 3166-1 code (JP), or its name in
 * Chinese, English or Japanese (日本, Japan, 中国, 日本国, アメリカ合衆国), read with the
 * runtime's own country names (Intl.DisplayNames), not a hand-kept table. Pure; the names are
 * gathered once, on first use.
 */

const NAME_LOCALES = ['zh-Hans', 'zh-Hant', 'en', 'ja'] as const

let byName: Map<string, string> | null = null

/** Folded for comparison: width, case, spaces and dots do not count ("U.S.", "ｊａｐａｎ"). */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.·・]/g, '')
}

/** Two-letter region codes that are no country: the EU, the euro area, the UN, private use, unknown. */
const NOT_COUNTRIES = /^(EU|EZ|UN|ZZ|Q[M-Z]|X[A-JL-Z]|AA)$/

function names(): Map<string, string> {
  if (byName) return byName
  const map = new Map<string, string>()
  const displays = NAME_LOCALES.flatMap((locale) =>
    (['long', 'short'] as const).map(
      (style) => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none', style }),
    ),
  )
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b
      // A code the runtime replaces (DD → DE, SU → RU) is not one to store.
      if (NOT_COUNTRIES.test(code) || new Intl.Locale(`und-${code}`).region !== code) continue
      for (const display of displays) {
        const name = display.of(code)
        if (!name || name === code) continue
        const key = fold(name)
        if (!map.has(key)) map.set(key, code)
      }
    }
  }
  byName = map
  return map
}

/**
 * The ISO code `input` names, or null when it names no country. Codes are taken as they are
 * (upper-cased); a name may carry the formal suffix 国 (日本国, 中华人民共和国 is its own name).
 */
export function countryCode(input: string): string | null {
  const text = input.normalize('NFKC').trim()
  if (text === '') return null
  // A code, or a name that happens to have two letters (UK)
  if (/^[A-Za-z]{2}$/.test(text) && isKnownCode(text.toUpperCase())) return text.toUpperCase()
  const table = names()
  const key = fold(text)
  return table.get(key) ?? (key.endsWith('国') ? (table.get(key.slice(0, -1)) ?? null) : null)
}

/** A two-letter code the runtime names as a country or region (its canonical code). */
function isKnownCode(code: string): boolean {
  if (NOT_COUNTRIES.test(code)) return false
  return new Intl.Locale(`und-${code}`).region === code && knownCodes().has(code)
}

let codes: Set<string> | null = null
function knownCodes(): Set<string> {
  codes ??= new Set(names().values())
  return codes
}
