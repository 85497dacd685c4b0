import { createCookie, type RouterContextProvider } from 'react-router'
import { createI18nextMiddleware } from 'remix-i18next/middleware'
import { LanguageDetector, type LanguageDetectorOption } from 'remix-i18next/server'
import { FALLBACK_LANGUAGE, i18nextOptions, isLanguage, LANGUAGES, type Language } from './i18n'

/** Remembers the language chosen with ?lng=. Not a secret, but no script needs it either. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
})

// Detection order: ?lng=, then the cookie, then Accept-Language, then English.
const detection: LanguageDetectorOption = {
  supportedLanguages: [...LANGUAGES],
  fallbackLanguage: FALLBACK_LANGUAGE,
  cookie: languageCookie,
  order: ['searchParams', 'cookie', 'header'],
}

export const [i18nextMiddleware, getDetectedLocale, getI18n] = createI18nextMiddleware({
  detection,
  i18next: { ...i18nextOptions, supportedLngs: [...LANGUAGES] },
})

const detector = new LanguageDetector(detection)

/** The same detection, for answers given before React Router runs (the HTTP layer's refusals). */
export async function detectLanguage(request: Request): Promise<Language> {
  const detected = await detector.detect(request)
  return isLanguage(detected) ? detected : FALLBACK_LANGUAGE
}

export function getLanguage(context: Readonly<RouterContextProvider>): Language {
  const detected = getDetectedLocale(context)
  return isLanguage(detected) ? detected : FALLBACK_LANGUAGE
}

/** A Set-Cookie header when the request chose a language with ?lng=, so the choice sticks. */
export async function rememberLanguage(request: Request): Promise<HeadersInit | undefined> {
  const requested = new URL(request.url).searchParams.get('lng')
  if (!isLanguage(requested)) return undefined
  return { 'Set-Cookie': await languageCookie.serialize(requested) }
}
