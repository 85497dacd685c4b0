/**
 * The UI languages and their Intl locales, without the message catalogues: for code that must
 * not pull every language's messages into a bundle (the standalone scanner, date formatting).
 */
export const LANGUAGES = ['zh', 'en', 'ja'] as const
export type Language = (typeof LANGUAGES)[number]
export const FALLBACK_LANGUAGE: Language = 'en'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The BCP 47 locale used for Intl formatting of each UI language. */
export const INTL_LOCALE: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB', ja: 'ja-JP' }

/** One of our languages for a BCP 47 tag ('ja', 'ja-JP', 'zh-Hans-CN', 'EN'), or null. */
export function languageOfTag(tag: string | null | undefined): Language | null {
  if (typeof tag !== 'string') return null
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0]
  return isLanguage(primary) ? primary : null
}

/**
 * The first of our languages a browser asks for in its Accept-Language header, by quality (ties
 * keep the header's order): 'fr-FR,ja;q=0.8,en;q=0.5' is Japanese. `*` and q=0 ask for nothing.
 */
export function languageOfAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null
  const wanted = header
    .slice(0, 1000)
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';')
      // A weight that is not a number (q=x) asks for nothing rather than for everything.
      const q = params.map((p) => /^\s*q\s*=(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined)
      const quality = q === undefined ? 1 : /^\s*[0-9.]+\s*$/.test(q) ? Number(q) : 0
      return { language: languageOfTag(tag), quality: Number.isFinite(quality) ? quality : 0, order }
    })
    .filter((w) => w.language !== null && w.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order)
  return wanted[0]?.language ?? null
}

/**
 * The language of a request: the one chosen with ?lng=, then the one remembered in the cookie,
 * then the browser's, then English. Each source that names none of ours is passed over.
 */
export function detectLanguageOf(sources: {
  query: string | null
  cookie: unknown
  acceptLanguage: string | null
}): Language {
  return (
    languageOfTag(sources.query) ??
    (typeof sources.cookie === 'string' ? languageOfTag(sources.cookie) : null) ??
    languageOfAcceptLanguage(sources.acceptLanguage) ??
    FALLBACK_LANGUAGE
  )
}
