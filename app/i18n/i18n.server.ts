import { createInstance, type i18n } from 'i18next'
import { createContext, createCookie, type MiddlewareFunction, type RouterContextProvider } from 'react-router'
import { i18nextOptions, isLanguage, LANGUAGES, type Language } from './i18n'
import { detectLanguageOf } from './languages'
import { resources } from './resources'

/** Remembers the language chosen with ?lng=. Not a secret, but no script needs it either. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
})

/** Detection order: ?lng=, then the cookie, then Accept-Language, then English (ADR 0004). */
async function detect(request: Request): Promise<Language> {
  return detectLanguageOf({
    query: new URL(request.url).searchParams.get('lng'),
    cookie: await languageCookie.parse(request.headers.get('Cookie')),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
}

const localeContext = createContext<Language>()
const i18nContext = createContext<i18n>()

/**
 * One i18next instance per language for the whole process, made on first use. A middleware that
 * builds and initializes a new instance on every request (as remix-i18next's does) makes a burst
 * of 500 registrations pay for 500 of them. Sharing is safe because the server never changes an
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
  const lng = await detect(request)
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
  return detect(request)
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
