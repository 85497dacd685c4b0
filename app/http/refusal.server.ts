import type { Request as ExpressRequest, RequestHandler } from 'express'
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

/**
 * Refuses every cross-site non-GET request before any route runs, in the user's language:
 * a small HTML page for browsers, { code, message } JSON for API clients.
 */
export function originGuard(appOrigin: string): RequestHandler {
  return async (req, res, next) => {
    const requestOrigin = `${req.protocol}://${req.get('host') ?? ''}`
    const verdict = checkOrigin({
      method: req.method,
      // As React Router will see it: dot segments resolved, so '/api/v1/../x' is '/x'.
      path: new URL(req.originalUrl, requestOrigin).pathname,
      origin: req.get('origin') ?? null,
      fetchSite: req.get('sec-fetch-site') ?? null,
      authorization: req.get('authorization') ?? null,
      allowedOrigins: [appOrigin, requestOrigin],
    })
    if (verdict.ok) return next()
    const lng = await detectLanguage(toFetchRequest(req, requestOrigin))
    const messages = resources[lng].translation
    const message = messages.errors[verdict.reason]
    res.status(403)
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ code: verdict.reason, message })
      return
    }
    res
      .type('html')
      .send(
        `<!DOCTYPE html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(messages.errors.title)}</title></head>` +
          `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${escapeHtml(messages.errors.title)} (403)</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">${escapeHtml(messages.errors.backHome)}</a></p></body></html>`,
      )
  }
}
