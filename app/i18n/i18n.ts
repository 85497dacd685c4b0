import { FALLBACK_LANGUAGE, INTL_LOCALE, isLanguage, LANGUAGES, type Language } from './languages'
import en from './locales/en'
import ja from './locales/ja'
import zh from './locales/zh'

export { FALLBACK_LANGUAGE, INTL_LOCALE, isLanguage, LANGUAGES, type Language }

export const resources = {
  zh: { translation: zh },
  en: { translation: en },
  ja: { translation: ja },
}

export const i18nextOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: 'translation',
  resources,
  interpolation: { escapeValue: false },
} as const
