import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable } from '@react-router/node'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import {
  type EntryContext,
  type HandleErrorFunction,
  isRouteErrorResponse,
  type RouterContextProvider,
  ServerRouter,
} from 'react-router'
import { appContext } from './http/context'
import { noteOutage, takeOutage, UNAVAILABLE_CODE, UNAVAILABLE_RETRY_SECONDS } from './http/unavailable.server'
import { getI18n } from './i18n/i18n.server'

export const streamTimeout = 5_000

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}

/**
 * Every error a loader, an action or the render throws. One that says the database is unreachable
 * is logged in one line and marks the request, so its page becomes a 503 (below) (ADR 0002).
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return
  if (noteOutage(context, error)) {
    const reason = error instanceof Error ? error.message : String(error)
    console.error(`signet: ${request.method} ${new URL(request.url).pathname}: database unavailable (${reason})`)
    return
  }
  // The 503 thrown below to render the error page again is an answer, not a fault. React
  // Router's default handler logs nothing in test mode (NODE_ENV=test, the in-process suites).
  if (error instanceof Response || process.env.NODE_ENV === 'test') return
  // As React Router's default: its own error responses (no route matches) carry the error inside.
  console.error(isRouteErrorResponse(error) && 'error' in error && error.error ? error.error : error)
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (takeOutage(loadContext)) {
    // React Router renders the error page again for a Response thrown here, with its status and
    // data: the page says the database is unavailable, in the reader's language, with 503.
    responseHeaders.set('Retry-After', String(UNAVAILABLE_RETRY_SECONDS))
    throw Response.json({ code: UNAVAILABLE_CODE }, { status: 503 })
  }
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders })
  }
  const { nonce, config } = loadContext.get(appContext)
  const i18n = getI18n(loadContext)
  // Vite's dev server injects inline scripts without our nonce; the policy applies to builds.
  if (import.meta.env.PROD) responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce))
  if (config.appUrl.protocol === 'https:') responseHeaders.set('Strict-Transport-Security', 'max-age=31536000')

  return new Promise<Response>((resolve, reject) => {
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000)
    // Pages here are small and read without JavaScript: send the whole document at once.
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </I18nextProvider>,
      {
        nonce,
        onAllReady() {
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId)
              timeoutId = undefined
              callback()
            },
          })
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          pipe(body)
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          console.error(error)
        },
      },
    )
  })
}
