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
