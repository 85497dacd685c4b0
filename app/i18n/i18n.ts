import en from './locales/en'
import ja from './locales/ja'
import zh from './locales/zh'

export const LANGUAGES = ['zh', 'en', 'ja'] as const
export type Language = (typeof LANGUAGES)[number]
export const FALLBACK_LANGUAGE: Language = 'en'

export const resources = {
  zh: { translation: zh },
  en: { translation: en },
  ja: { translation: ja },
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The BCP 47 locale used for Intl formatting of each UI language. */
export const INTL_LOCALE: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB', ja: 'ja-JP' }

export const i18nextOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: 'translation',
  resources,
  interpolation: { escapeValue: false },
} as const
