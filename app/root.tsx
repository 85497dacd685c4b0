import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  type MiddlewareFunction,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
} from 'react-router'
import type { Route } from './+types/root'
import { getOptionalUser } from './http/access.server'
import { appContext } from './http/context'
import { unavailableMiddleware } from './http/unavailable.server'
import { ensureMessages, isLanguage, type LanguagesHandle } from './i18n/i18n'
import { getLanguage, i18nextMiddleware, rememberLanguage } from './i18n/i18n.server'
import stylesheet from './styles/app.css?url'
import { SiteHeader } from './ui/layout/site-header'

export const middleware: MiddlewareFunction<Response>[] = [i18nextMiddleware, unavailableMiddleware]

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await getOptionalUser(request, context)
  return data(
    { lng: getLanguage(context), user, nonce: context.get(appContext).nonce },
    { headers: await rememberLanguage(request) },
  )
}

/** A page that runs a bundle of its own instead of the app (the door scanner): its script URL. */
function useStandaloneScript(): string | null {
  const matches = useMatches()
  for (const match of matches) {
    const standalone = (match.loaderData as { standalone?: { src?: unknown } | null } | undefined)?.standalone
    if (standalone && typeof standalone.src === 'string') return standalone.src
  }
  return null
}

/** The languages the page shows besides the reader's, as its routes' handles name them. */
function useOtherLanguages(): string | undefined {
  const matches = useMatches()
  const languages = matches.flatMap(
    (match) => (match.handle as Partial<LanguagesHandle> | undefined)?.languages?.(match.loaderData) ?? [],
  )
  return languages.length > 0 ? [...new Set(languages)].join(',') : undefined
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root')
  const standalone = useStandaloneScript()
  const others = useOtherLanguages()
  const { i18n } = useTranslation()
  const lng = root?.lng ?? (isLanguage(i18n.language) ? i18n.language : 'en')
  return (
    <html lang={lng} dir="ltr" data-languages={others}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {standalone ? (
          <script type="module" src={standalone} nonce={root?.nonce} />
        ) : (
          <>
            <ScrollRestoration nonce={root?.nonce} />
            <Scripts nonce={root?.nonce} />
          </>
        )}
      </body>
    </html>
  )
}

export default function App({ loaderData }: Route.ComponentProps) {
  const { i18n } = useTranslation()
  useEffect(() => {
    if (i18n.language === loaderData.lng) return
    // The browser holds only the languages it has shown: fetch this one's messages first.
    let current = true
    void ensureMessages(i18n, [loaderData.lng]).then(() => {
      if (current) void i18n.changeLanguage(loaderData.lng)
    })
    return () => {
      current = false
    }
  }, [i18n, loaderData.lng])
  return (
    <>
      <SiteHeader user={loaderData.user} />
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  )
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation()
  let message = t('errors.server')
  let status = 500
  if (isRouteErrorResponse(error)) {
    status = error.status
    const code: unknown = error.data?.code
    if (code === 'cross_site') message = t('errors.cross_site')
    // 503: the database is unreachable (a client navigation's error carries the status only).
    else if (code === 'unavailable' || status === 503) message = t('errors.unavailable')
    else if (code === 'invalid_transition') message = t('errors.invalid_transition')
    else if (status === 400) message = t('errors.bad_request')
    else if (status === 403) message = t('errors.forbidden')
    else if (status === 404) message = t('errors.not_found')
  } else if (import.meta.env.DEV && error instanceof Error) {
    console.error(error)
  }
  return (
    <>
      <SiteHeader user={null} />
      <main id="main" className="page">
        <section className="card error" role="alert">
          <h1>
            {t('errors.title')} <span className="muted">({status})</span>
          </h1>
          <p>{message}</p>
          <p>
            <a href="/">{t('errors.backHome')}</a>
          </p>
        </section>
      </main>
    </>
  )
}
