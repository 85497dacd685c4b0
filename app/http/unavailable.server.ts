/**
 * Answers while the database cannot be reached (PostgreSQL restarting or failing over, ADR 0002):
 * 503 with Retry-After, in the reader's language, instead of a 500 that says something
 * unexpected happened. Pages render the error page with the message (entry.server.tsx), resource
 * routes and data requests answer plain text (the middleware below), the device API answers
 * { code, message } (app/scanner/api.server.ts).
 */
import type { MiddlewareFunction } from 'react-router'
import { isDatabaseUnavailable } from '../../db/connect'
import { getI18n } from '../i18n/i18n.server'

/** What a 503 tells clients to wait before trying again, in seconds. */
export const UNAVAILABLE_RETRY_SECONDS = 5

/** The code a 503's body carries (the error page and the device API's JSON). */
export const UNAVAILABLE_CODE = 'unavailable'

/** Requests (their router context) whose loader or action failed for want of the database. */
const outages = new WeakSet<object>()

/** Records `error` against the request when it means the database is unreachable; says whether it did. */
export function noteOutage(context: object | undefined, error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false
  if (context) outages.add(context)
  return true
}

/** Whether the request had such a failure; the record is taken (a second render sees none). */
export function takeOutage(context: object): boolean {
  return outages.delete(context)
}

/**
 * For resource routes (streams, exports) and client navigations' data requests (`.data`), which
 * React Router answers with a 500 when a loader or action throws (after handleError has noted
 * the outage): a plain-text 503 in the reader's language. A `.data` answer without React Router's
 * X-Remix-Response header is taken by the browser's router as the route's error, status 503, so
 * the error page says the same as a document's. Documents were answered by entry.server.tsx
 * before this sees them.
 */
export const unavailableMiddleware: MiddlewareFunction<Response> = async ({ context }, next) => {
  const answer = () =>
    new Response(getI18n(context).t('errors.unavailable'), {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(UNAVAILABLE_RETRY_SECONDS) },
    })
  let response: Response
  try {
    response = await next()
  } catch (error) {
    if (isDatabaseUnavailable(error)) return answer()
    throw error
  }
  if (response.status < 500 || !takeOutage(context)) return response
  await response.body?.cancel()
  return answer()
}
