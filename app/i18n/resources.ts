/**
 * Every language's messages at once, for the server (pages, mail, the HTTP layer's refusals) and
 * the tests. Browsers load one language at a time instead (`loadMessages` in ./i18n.ts).
 */
import en from './locales/en'
import ja from './locales/ja'
import zh from './locales/zh'

export const resources = {
  zh: { translation: zh },
  en: { translation: en },
  ja: { translation: ja },
}
