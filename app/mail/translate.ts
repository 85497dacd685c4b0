/**
 * A message lookup fixed to one language, outside any request: the mail templates (also in
 * react-email's preview) and the outbox worker use it. Same catalogues and options as the pages.
 */
import i18next from 'i18next'
import { asTranslate, i18nextOptions, type Language, type Translate } from '../i18n/i18n'
import { resources } from '../i18n/resources'

export type { Translate }

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
    t = asTranslate(instance.getFixedT(lng))
    translators.set(lng, t)
  }
  return t
}
