import { useTranslation } from 'react-i18next'
import { useLocation } from 'react-router'
import { LANGUAGES } from '../../i18n/i18n'

/** Plain links with ?lng=, so switching works without JavaScript and the choice is remembered. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  return (
    <nav aria-label={t('app.language')} className="language-switcher">
      {LANGUAGES.map((lng) => {
        const params = new URLSearchParams(location.search)
        params.set('lng', lng)
        const current = i18n.language === lng
        return (
          <a
            key={lng}
            href={`${location.pathname}?${params}`}
            lang={lng}
            hrefLang={lng}
            aria-current={current ? 'true' : undefined}
          >
            {t(`languages.${lng}`)}
          </a>
        )
      })}
    </nav>
  )
}
