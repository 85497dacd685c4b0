/**
 * A message lookup fixed to one language, outside any request: the mail templates (also in
 * react-email's preview) and the outbox worker use it. Same catalogues and options as the pages.
 */
import i18next from 'i18next'
import { i18nextOptions, type Language } from '../i18n/i18n'
import { resources } from '../i18n/resources'

/** A message lookup in one language (the same shape as the calendar's). */
export type Translate = (key: string, values?: Record<string, string | number>) => string

const translators = new Map<Language, Translate>()

export function mailTranslator(lng: Language): Translate {
  let t = translators.get(lng)
  if (!t) {
    const instance = i18next.createInstance()
    void instance.init({
      ...i18nextOptions,
      resources,
      supportedLngs: [...i18nextOptions.supportedLngs],
      lng,
      initAsync: false,
    })
    const fixed = instance.getFixedT(lng)
    t = (key, values) => fixed(key, values ?? {})
    translators.set(lng, t)
  }
  return t
}
