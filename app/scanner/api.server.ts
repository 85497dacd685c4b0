/**
 * The device API, `/api/v1`: JSON for the scanner page and for third-party scanners. Served by a
 * plain express router ahead of React Router, because a door scan must cost well under a
 * millisecond of server time (ADR 0012). Each handler is parse → authenticate → one domain call
 * → answer; error answers carry a stable `code` and a message in the caller's language.
 *
 * Authentication: `Authorization: Device <token>` (an enrolled device), or the signed-in
 * session cookie of a user who may scan at the event (then the origin check applies as to any
 * form). A device request is exempt from the origin check: browsers cannot send that header
 * across sites without a CORS preflight, which is never granted.
 */
import express, { type Request, type Response, type Router } from 'express'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { isDatabaseUnavailable } from '../../db/connect'
import type { Database } from '../../db/schema'
import type { createSessionCookie } from '../auth/cookie.server'
import { eventAccess } from '../auth/event-access.server'
import { createMissLimiter } from '../auth/miss-limiter'
import { findSessionUser } from '../auth/session.server'
import { redeem, type Scanner, undoCheckin } from '../checkin/checkin.server'
import { authenticateDevice, enrollDevice, revokeDevice } from '../checkin/devices.server'
import type { CheckinBus } from '../checkin/live.server'
import { scannerSessions, searchAttendees, sessionRoster } from '../checkin/roster.server'
import { UNAVAILABLE_RETRY_SECONDS } from '../http/unavailable.server'
import type { Language } from '../i18n/i18n'
import { detectLanguage } from '../i18n/i18n.server'
import { resources } from '../i18n/resources'
import type {
  AdmitRequest,
  ApiError,
  EnrollAnswer,
  EnrollRequest,
  LeaveAnswer,
  RedeemRequest,
  RosterAnswer,
  SearchAnswer,
  SessionsAnswer,
  UndoAnswer,
  UndoRequest,
  Verdict,
} from './wire'

interface ApiDeps {
  db: Kysely<Database>
  sessionCookie: ReturnType<typeof createSessionCookie>
  live: CheckinBus
  /** the clock of check-ins, undos and the failed-authentication limiter (a test's, or the real one) */
  now?: () => Date
}

type ApiMessageKey = keyof (typeof resources)['en']['translation']['checkin']['api']

const nonce = z.string().min(8).max(128)

const redeemBody = z.strictObject({
  code: z.string().max(4096),
  sessionId: z.string().min(1).max(64),
  nonce,
  scannedAt: z.iso.datetime({ offset: true }).optional(),
  offline: z.boolean().optional(),
  override: z.boolean().optional(),
}) satisfies z.ZodType<RedeemRequest>

const undoBody = z.strictObject({ nonce }) satisfies z.ZodType<UndoRequest>

const admitBody = z.strictObject({
  registrationId: z.string().min(1).max(64),
  sessionId: z.string().min(1).max(64),
  nonce,
  override: z.boolean().optional(),
}) satisfies z.ZodType<AdmitRequest>

const enrollBody = z.strictObject({ code: z.string().min(16).max(64) }) satisfies z.ZodType<EnrollRequest>

/** Who a request authenticates as, before any event is known. */
type Caller =
  | { kind: 'device'; scanner: Scanner }
  | { kind: 'user'; userId: string; name: string; isAdmin: boolean }
  | { kind: 'none' }

/**
 * Failed authentications (401) and enrollments per address and minute before the address gets
 * 429 for anything that does not authenticate (enrollments included); door phones with a valid
 * token keep working. Kept in memory: a door scan pays no write for it.
 */
export const DEVICE_MISSES_PER_MINUTE = 30

export function deviceApi({ db, sessionCookie, live, now = () => new Date() }: ApiDeps): Router {
  const router = express.Router()
  const misses = createMissLimiter(DEVICE_MISSES_PER_MINUTE, 60_000)
  router.use((req, res, next) => {
    const key = req.ip ?? 'unknown'
    const decision = misses.check(key, now().getTime())
    res.on('finish', () => {
      if (res.statusCode === 401 || (req.path === '/device/enroll' && res.statusCode === 400))
        misses.miss(key, now().getTime())
    })
    if (!decision.limited) return next()
    const refuse = () => {
      res.setHeader('Retry-After', String(decision.retryAfterSeconds))
      void fail(req, res, 429, 'rateLimited')
    }
    // Over the limit, an address is refused unless the request proves who sent it: a device token
    // or a session is a secret nobody guesses, and every door phone behind a venue's one NAT
    // address shares the address. Enrollment waits out the minute.
    if (req.path === '/device/enroll') return refuse()
    caller(req).then((who) => (who.kind === 'none' ? refuse() : next()), next)
  })
  router.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store')
    if (req.method !== 'POST') return next()
    readJson(req).then(
      (body) => {
        req.body = body
        next()
      },
      (error: unknown) => next(error),
    )
  })

  async function caller(req: Request): Promise<Caller> {
    const header = req.get('authorization') ?? ''
    if (/^Device\s/i.test(header)) {
      const device = await authenticateDevice(db, header.replace(/^Device\s+/i, '').trim())
      return device ? { kind: 'device', scanner: { kind: 'device', device } } : { kind: 'none' }
    }
    const token: unknown = await sessionCookie.parse(req.get('cookie') ?? null)
    if (typeof token !== 'string' || token === '') return { kind: 'none' }
    const user = await findSessionUser(db, token)
    return user ? { kind: 'user', userId: user.id, name: user.name, isAdmin: user.isAdmin } : { kind: 'none' }
  }

  /**
   * The scanner for an event, or null when the caller may not scan there: a user by the pages'
   * rule (eventAccess, `checkin.scan`); a device is bound to its event, which the domain checks.
   */
  async function scannerFor(who: Caller, eventId: string): Promise<Scanner | null> {
    if (who.kind === 'device') return who.scanner
    if (who.kind !== 'user') return null
    const access = await eventAccess(db, { id: who.userId, isAdmin: who.isAdmin }, eventId, 'checkin.scan')
    if (!access.ok) return null
    return { kind: 'user', userId: who.userId, name: who.name, eventId }
  }

  /** The scanner a session's door needs, or an error answer already sent. */
  async function scannerForSession(req: Request, res: Response, sessionId: unknown): Promise<Scanner | null> {
    const who = await caller(req)
    if (who.kind === 'none') {
      await fail(req, res, 401, 'unauthorized')
      return null
    }
    if (who.kind === 'device') return who.scanner
    const session =
      typeof sessionId === 'string'
        ? await db.selectFrom('sessions').select('event_id').where('id', '=', sessionId).executeTakeFirst()
        : undefined
    if (!session) {
      await fail(req, res, 404, 'unknown_session')
      return null
    }
    const scanner = await scannerFor(who, session.event_id)
    if (!scanner) await fail(req, res, 403, 'forbidden')
    return scanner
  }

  // A phone exchanges the one-time code from an enrollment QR for its device token.
  router.post('/device/enroll', async (req, res) => {
    const parsed = enrollBody.safeParse(req.body)
    if (!parsed.success) return invalid(req, res, parsed.error)
    const result = await enrollDevice(db, parsed.data.code)
    if (!result.ok) return fail(req, res, 400, 'enrollInvalid')
    sendJson(res, 200, {
      token: result.token,
      device: { id: result.device.id, name: result.device.name },
    } satisfies EnrollAnswer)
  })

  // A phone removes itself ("remove this device from this phone"): the devices page then shows
  // it revoked, and its token works nowhere any more.
  router.post('/device/leave', async (req, res) => {
    const who = await caller(req)
    if (who.kind !== 'device' || who.scanner.kind !== 'device') return fail(req, res, 401, 'unauthorized')
    const device = who.scanner.device
    await revokeDevice(db, device.eventId, device.id, { userId: null, ip: req.ip ?? null }, now(), 'phone')
    sendJson(res, 200, { ok: true } satisfies LeaveAnswer)
  })

  router.get('/sessions', async (req, res) => {
    const who = await caller(req)
    if (who.kind === 'none') return fail(req, res, 401, 'unauthorized')
    let scanner: Scanner | null = who.kind === 'device' ? who.scanner : null
    if (who.kind === 'user') {
      const slug = typeof req.query.event === 'string' ? req.query.event : ''
      const event = slug
        ? await db.selectFrom('events').select('id').where('slug', '=', slug).executeTakeFirst()
        : undefined
      if (!event) return fail(req, res, 400, 'eventRequired')
      scanner = await scannerFor(who, event.id)
      if (!scanner) return fail(req, res, 403, 'forbidden')
    }
    if (!scanner) return fail(req, res, 401, 'unauthorized')
    sendJson(res, 200, {
      device: scanner.kind === 'device' ? { id: scanner.device.id, name: scanner.device.name } : null,
      sessions: await scannerSessions(db, scanner),
    } satisfies SessionsAnswer)
  })

  router.post('/checkin/redeem', async (req, res) => {
    const parsed = redeemBody.safeParse(req.body)
    if (!parsed.success) return invalid(req, res, parsed.error)
    const scanner = await scannerForSession(req, res, parsed.data.sessionId)
    if (!scanner) return
    const result = await redeem(db, scanner, parsed.data, now())
    if (!result.ok) return fail(req, res, result.reason === 'unknown_session' ? 404 : 403, result.reason)
    sendJson(res, 200, result.verdict satisfies Verdict)
    if (result.verdict.status === 'ok') live.publish({ eventId: result.eventId, sessionId: parsed.data.sessionId })
  })

  // Admission of someone found by name at the door (no code at hand): decided as a scan of their ticket.
  router.post('/checkin/admit', async (req, res) => {
    const parsed = admitBody.safeParse(req.body)
    if (!parsed.success) return invalid(req, res, parsed.error)
    const scanner = await scannerForSession(req, res, parsed.data.sessionId)
    if (!scanner) return
    const { registrationId, ...rest } = parsed.data
    const result = await redeem(db, scanner, { ...rest, code: { registrationId } }, now())
    if (!result.ok) return fail(req, res, result.reason === 'unknown_session' ? 404 : 403, result.reason)
    sendJson(res, 200, result.verdict satisfies Verdict)
    if (result.verdict.status === 'ok') live.publish({ eventId: result.eventId, sessionId: parsed.data.sessionId })
  })

  router.post('/checkin/undo', async (req, res) => {
    const parsed = undoBody.safeParse(req.body)
    if (!parsed.success) return invalid(req, res, parsed.error)
    const who = await caller(req)
    if (who.kind === 'none') return fail(req, res, 401, 'unauthorized')
    const scanner: Scanner =
      who.kind === 'device' ? who.scanner : { kind: 'user', userId: who.userId, name: who.name, eventId: '' }
    const result = await undoCheckin(db, scanner, parsed.data.nonce, now())
    if (result.ok) {
      sendJson(res, 200, { status: 'undone', checkinId: result.checkinId } satisfies UndoAnswer)
      live.publish({ eventId: result.eventId, sessionId: result.sessionId })
      return
    }
    const lng = await languageOf(req)
    sendJson(res, result.reason === 'not_found' ? 404 : 409, {
      code: result.reason,
      message: resources[lng].translation.checkin.undo[result.reason],
    } satisfies ApiError)
  })

  router.get('/checkin/roster', async (req, res) => {
    const sessionId = typeof req.query.sessionId === 'string' ? req.query.sessionId : ''
    if (!sessionId) return fail(req, res, 400, 'badField', { field: 'sessionId' })
    const scanner = await scannerForSession(req, res, sessionId)
    if (!scanner) return
    const since = typeof req.query.since === 'string' ? req.query.since : null
    const result = await sessionRoster(db, scanner, sessionId, since)
    if (!result.ok) return fail(req, res, result.reason === 'unknown_session' ? 404 : 403, result.reason)
    const { etag, ...roster } = result.roster
    res.setHeader('ETag', etag)
    if (!since && req.get('if-none-match') === etag) {
      res.status(304).end()
      return
    }
    sendJson(res, 200, roster satisfies RosterAnswer)
  })

  router.get('/checkin/search', async (req, res) => {
    const sessionId = typeof req.query.sessionId === 'string' ? req.query.sessionId : ''
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : ''
    if (!sessionId) return fail(req, res, 400, 'badField', { field: 'sessionId' })
    const scanner = await scannerForSession(req, res, sessionId)
    if (!scanner) return
    const result = await searchAttendees(db, scanner, sessionId, q)
    if (!result.ok) return fail(req, res, result.reason === 'unknown_session' ? 404 : 403, result.reason)
    sendJson(res, 200, { results: result.results } satisfies SearchAnswer)
  })

  router.use((req, res) => {
    void fail(req, res, 404, 'notFound')
  })

  // Malformed JSON (and any other error) answers in JSON too, never with an HTML page.
  router.use(async (error: unknown, req: Request, res: Response, _next: express.NextFunction) => {
    // Already answered: the body limit refused the request (413) and its connection is closing.
    if (res.headersSent) return
    if (error instanceof BadJson) return fail(req, res, 400, 'badJson', { field: 'body' })
    // PostgreSQL restarting or unreachable: the phone may retry (its offline queue does) (ADR 0002).
    if (isDatabaseUnavailable(error)) {
      res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_SECONDS))
      return sendJson(res, 503, {
        code: 'unavailable',
        message: resources[await languageOf(req)].translation.errors.unavailable,
      } satisfies ApiError)
    }
    console.error(`signet: api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    sendJson(res, 500, {
      code: 'server',
      message: resources[await languageOf(req)].translation.errors.server,
    } satisfies ApiError)
  })

  return router
}

/** Largest request body the API takes; the HTTP layer's body limit holds it (app/server/app.ts). */
export const DEVICE_API_BODY_LIMIT = 16 * 1024

class BadJson extends Error {
  constructor() {
    super('invalid JSON')
  }
}

/**
 * The request's JSON body (any content type: scanners are not careful). Its size is capped before
 * it gets here: a body over DEVICE_API_BODY_LIMIT is answered with 413 by the body limit, and its
 * stream then fails, which ends here unanswered (the error handler sees the answer sent).
 */
function readJson(req: Request): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        reject(new BadJson())
      }
    })
    req.on('error', reject)
    // The body limit pauses a chunked body until its reader is there.
    req.resume()
  })
}

/** A JSON answer, written directly: no ETag hashing or content negotiation for a door scan. */
function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}

async function languageOf(req: Request): Promise<Language> {
  return detectLanguage(new globalThis.Request(`http://api${req.originalUrl}`, { headers: headersOf(req) }))
}

function headersOf(req: Request): Headers {
  const headers = new Headers()
  const accept = req.get('accept-language')
  if (accept) headers.set('accept-language', accept)
  const cookie = req.get('cookie')
  if (cookie) headers.set('cookie', cookie)
  return headers
}

async function fail(
  req: Request,
  res: Response,
  status: number,
  key: ApiMessageKey,
  values: Record<string, string> = {},
): Promise<void> {
  const lng = await languageOf(req)
  let message: string = resources[lng].translation.checkin.api[key]
  for (const [name, value] of Object.entries(values)) message = message.replace(`{{${name}}}`, value)
  sendJson(res, status, { code: key, message, ...values } satisfies ApiError)
}

/** A 400 naming the first field at fault (an unexpected one, or a missing or invalid one). */
function invalid(req: Request, res: Response, error: z.ZodError): Promise<void> {
  const issue = error.issues[0]
  if (issue?.code === 'unrecognized_keys') {
    return fail(req, res, 400, 'extraField', { field: issue.keys[0] ?? '' })
  }
  const field = issue?.path.length ? String(issue.path[0]) : 'body'
  return fail(req, res, 400, 'badField', { field })
}
