import i18next from 'i18next'
import { StrictMode, startTransition } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { HydratedRouter } from 'react-router/dom'
import { i18nextOptions, isLanguage, type Language, loadMessages } from './i18n/i18n'

async function hydrate() {
  const root = document.documentElement
  const lng: Language = isLanguage(root.lang) ? root.lang : 'en'
  // The reader's language, and any other the page shows (root.tsx lists them): one chunk each.
  const others = (root.dataset.languages ?? '').split(',').filter(isLanguage)
  const languages = [...new Set([lng, ...others])]
  const messages = await Promise.all(languages.map(async (l) => [l, { translation: await loadMessages(l) }] as const))
  await i18next.use(initReactI18next).init({ ...i18nextOptions, lng, resources: Object.fromEntries(messages) })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

hydrate()
