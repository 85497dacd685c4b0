import { createInstance, type i18n } from 'i18next'
import { createContext, createCookie, type MiddlewareFunction, type RouterContextProvider } from 'react-router'
import { LanguageDetector, type LanguageDetectorOption } from 'remix-i18next/server'
import { FALLBACK_LANGUAGE, i18nextOptions, isLanguage, LANGUAGES, type Language } from './i18n'
import { resources } from './resources'

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

const detector = new LanguageDetector(detection)

const localeContext = createContext<Language>()
const i18nContext = createContext<i18n>()

/**
 * One i18next instance per language for the whole process, made on first use. remix-i18next's
 * middleware builds and initializes a new instance on every request, which a burst of
 * registrations pays for 500 times. Sharing is safe because the server never changes an
 * instance's language (only the browser does, in root.tsx's effect); use getFixedT for another
 * language.
 */
const instances = new Map<Language, Promise<i18n>>()
function instanceFor(lng: Language): Promise<i18n> {
  let instance = instances.get(lng)
  if (!instance) {
    const created = createInstance({ ...i18nextOptions, resources, supportedLngs: [...LANGUAGES] })
    instance = created.init({ lng }).then(() => created)
    instances.set(lng, instance)
  }
  return instance
}

/** Detects the request's language (?lng=, cookie, Accept-Language) and provides its i18next. */
export const i18nextMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const detected = await detector.detect(request)
  const lng = isLanguage(detected) ? detected : FALLBACK_LANGUAGE
  context.set(localeContext, lng)
  context.set(i18nContext, await instanceFor(lng))
  return next()
}

/** The request's i18next instance (shared per language: never call changeLanguage on it). */
export function getI18n(context: Readonly<RouterContextProvider>): i18n {
  return context.get(i18nContext)
}

/** The same detection, for answers given before React Router runs (the HTTP layer's refusals). */
export async function detectLanguage(request: Request): Promise<Language> {
  const detected = await detector.detect(request)
  return isLanguage(detected) ? detected : FALLBACK_LANGUAGE
}

export function getLanguage(context: Readonly<RouterContextProvider>): Language {
  return context.get(localeContext)
}

/** A Set-Cookie header when the request chose a language with ?lng=, so the choice sticks. */
export async function rememberLanguage(request: Request): Promise<HeadersInit | undefined> {
  const requested = new URL(request.url).searchParams.get('lng')
  if (!isLanguage(requested)) return undefined
  return { 'Set-Cookie': await languageCookie.serialize(requested) }
}
