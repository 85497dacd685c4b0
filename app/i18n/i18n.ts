import type { i18n as I18n, TFunction } from 'i18next'
import { FALLBACK_LANGUAGE, INTL_LOCALE, isLanguage, LANGUAGES, type Language } from './languages'
import type { Messages } from './messages'

export { FALLBACK_LANGUAGE, INTL_LOCALE, isLanguage, LANGUAGES, type Language }

/**
 * i18next's options, without the messages: the server adds every language's (./resources.ts),
 * the browser only the ones its page shows (loadMessages), so a page does not download the
 * messages of three languages to show one.
 */
export const i18nextOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
} as const

/** One language's messages; in the browser each language is a chunk of its own, fetched once. */
export function loadMessages(lng: Language): Promise<Messages> {
  switch (lng) {
    case 'zh':
      return import('./locales/zh').then((m) => m.default)
    case 'ja':
      return import('./locales/ja').then((m) => m.default)
    default:
      return import('./locales/en').then((m) => m.default)
  }
}

/** Adds the messages of `languages` an i18next instance does not hold yet (the browser's). */
export async function ensureMessages(i18n: I18n, languages: readonly Language[]): Promise<void> {
  const missing = [...new Set(languages)].filter((lng) => !i18n.hasResourceBundle(lng, 'translation'))
  const loaded = await Promise.all(missing.map(loadMessages))
  missing.forEach((lng, n) => {
    i18n.addResourceBundle(lng, 'translation', loaded[n])
  })
}

/**
 * A route's `handle` may name the languages its page shows besides the reader's (the print view
 * is bilingual): root.tsx lists them on <html data-languages>, and the browser loads them before
 * hydrating.
 */
export interface LanguagesHandle {
  languages: (loaderData: unknown) => Language[]
}

/** A message lookup in one language: the mails, the calendar files and the HTTP layer's answers. */
export type Translate = (key: string, values?: Record<string, string | number>) => string

/** i18next's `t` as a Translate (i18next 27 takes no `undefined` for the values). */
export function asTranslate(t: TFunction): Translate {
  return (key, values) => t(key, values ?? {})
}
