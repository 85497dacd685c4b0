import i18next from 'i18next'
import { StrictMode, startTransition } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { HydratedRouter } from 'react-router/dom'
import { i18nextOptions, isLanguage } from './i18n/i18n'

async function hydrate() {
  const lang = document.documentElement.lang
  await i18next.use(initReactI18next).init({ ...i18nextOptions, lng: isLanguage(lang) ? lang : 'en' })
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
