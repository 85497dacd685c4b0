import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from 'express'
import { detectLanguage } from '../i18n/i18n.server'
import { resources } from '../i18n/resources'
import { checkOrigin } from './origin'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function toFetchRequest(req: ExpressRequest, base: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  return new Request(new URL(req.originalUrl, base), { headers })
}

/** A refusal the HTTP layer answers itself, before any route runs; its message is errors.<code>. */
export type RefusalCode = 'cross_site' | 'too_large'

/**
 * Answers a refusal in the user's language: { code, message } JSON for API clients (the device
 * API always), a small HTML page for browsers. `close` ends the connection after the answer, for
 * a request whose body is not read.
 */
export async function sendRefusal(
  req: ExpressRequest,
  res: ExpressResponse,
  status: number,
  code: RefusalCode,
  options: { close?: boolean } = {},
): Promise<void> {
  const requestOrigin = `${req.protocol}://${req.get('host') ?? ''}`
  const lng = await detectLanguage(toFetchRequest(req, requestOrigin))
  if (res.headersSent) return
  const messages = resources[lng].translation
  const message = messages.errors[code]
  res.status(status)
  if (options.close) res.setHeader('Connection', 'close')
  if (req.originalUrl.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') {
    res.json({ code, message })
    return
  }
  res
    .type('html')
    .send(
      `<!DOCTYPE html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(messages.errors.title)}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${escapeHtml(messages.errors.title)} (${status})</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">${escapeHtml(messages.errors.backHome)}</a></p></body></html>`,
    )
}

/** Refuses every cross-site non-GET request before any route runs, in the user's language. */
export function originGuard(appOrigin: string): RequestHandler {
  return (req, res, next) => {
    const requestOrigin = `${req.protocol}://${req.get('host') ?? ''}`
    const verdict = checkOrigin({
      method: req.method,
      // As React Router will see it: dot segments resolved, so '/api/v1/../x' is '/x'.
      // (Resolved on a fixed base: a malformed Host header must not make this throw.)
      path: new URL(req.originalUrl, 'http://x').pathname,
      origin: req.get('origin') ?? null,
      fetchSite: req.get('sec-fetch-site') ?? null,
      authorization: req.get('authorization') ?? null,
      allowedOrigins: [appOrigin, requestOrigin],
    })
    if (verdict.ok) return next()
    sendRefusal(req, res, 403, verdict.reason).catch(next)
  }
}

/**
 * Caps every request body at the limit its path allows (`limitFor`, given the path as React
 * Router sees it), answering 413 in the user's language and closing the connection:
 * - a declared Content-Length over the limit is refused at once, before a byte is read;
 * - a body without one (chunked) is counted as whoever reads it reads it, and refused as soon as
 *   it passes the limit; reading stops there.
 * A body within its Content-Length needs no counting: Node's parser never reads past it.
 * A route that answers without reading all of its body (a redirect to sign in) leaves the rest
 * to be read and dropped, up to the limit, so that the connection serves the next request.
 */
export function bodyLimit(limitFor: (path: string) => number): RequestHandler {
  return (req, res, next) => {
    const limit = limitFor(new URL(req.originalUrl, 'http://x').pathname)
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      sendRefusal(req, res, 413, 'too_large', { close: true }).catch(next)
      return
    }
    let received = 0
    let refused = false
    const count = (chunk: Buffer) => {
      received += chunk.length
      if (received <= limit || refused) return
      refused = true
      req.pause()
      if (res.headersSent) {
        req.socket.destroy()
        return
      }
      // The reader's stream fails when the connection closes after the answer.
      sendRefusal(req, res, 413, 'too_large', { close: true }).catch(() => req.socket.destroy())
    }
    res.on('finish', () => {
      if (req.complete || refused) return
      req.removeAllListeners('data')
      req.on('data', count)
      req.resume()
    })
    if (req.headers['transfer-encoding'] === undefined) return next()
    // Counting must not start the flow: the body moves only when a route reads it.
    req.pause()
    req.on('data', count)
    next()
  }
}
