/**
 * Who may reach a page or an action: the one home of the routes' authorization. Each guard reads
 * the signed-in user from the request's session and decides with the permission table
 * (app/auth/permissions.ts, eventAccessOf for events), throwing the redirect, 403 or 404 the
 * route answers; the device API applies the same rule through app/auth/event-access.server.ts.
 */
import { data, type RouterContextProvider, redirect } from 'react-router'
import { type Capability, can, eventAccessOf } from '../auth/permissions'
import { findSessionUser, type SessionUser } from '../auth/session.server'
import { canCreateEvents, type EventOverview, findEventForUser } from '../events/events.server'
import { findSession } from '../sessions/sessions.server'
import { appContext } from './context'
import { pagePathOf } from './redirect'

/** The token in the request's session cookie, or null when absent or its signature is wrong. */
export async function readSessionToken(
  request: Request,
  context: Readonly<RouterContextProvider>,
): Promise<string | null> {
  const { sessionCookie } = context.get(appContext)
  const value: unknown = await sessionCookie.parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

type SessionLookup = { user: SessionUser | null; hadCookie: boolean }

// The root, the layout and the page loaders of one request all ask; look the session up once.
const lookups = new WeakMap<Readonly<RouterContextProvider>, Promise<SessionLookup>>()

export function getOptionalUser(request: Request, context: Readonly<RouterContextProvider>): Promise<SessionLookup> {
  let lookup = lookups.get(context)
  if (!lookup) {
    lookup = lookUpSession(request, context)
    lookups.set(context, lookup)
  }
  return lookup
}

async function lookUpSession(request: Request, context: Readonly<RouterContextProvider>): Promise<SessionLookup> {
  const hadCookie = /(?:^|;\s*)signet_session=/.test(request.headers.get('Cookie') ?? '')
  const token = await readSessionToken(request, context)
  if (!token) return { user: null, hadCookie }
  const { db, now } = context.get(appContext)
  return { user: await findSessionUser(db, token, now()), hadCookie }
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request, context: Readonly<RouterContextProvider>): Promise<SessionUser> {
  const { user, hadCookie } = await getOptionalUser(request, context)
  if (user) return user
  const params = new URLSearchParams({ redirectTo: pagePathOf(request) })
  if (hadCookie) params.set('reason', 'expired')
  const headers = new Headers()
  if (hadCookie) headers.append('Set-Cookie', await context.get(appContext).sessionCookie.serialize('', { maxAge: 0 }))
  throw redirect(`/login?${params}`, { headers })
}

/** The signed-in admin; anyone else signed in gets a 403 (the page says so), no account a sign-in. */
export async function requireAdmin(request: Request, context: Readonly<RouterContextProvider>): Promise<SessionUser> {
  const user = await requireUser(request, context)
  if (!user.isAdmin) throw data({ code: 'forbidden' }, { status: 403 })
  return user
}

/**
 * The signed-in user, if they organize: an admin or an organizer of some event, who may create
 * events and keep the delegate directory (people.server.ts canManagePeople); otherwise a 403.
 */
export async function requireOrganizer(
  request: Request,
  context: Readonly<RouterContextProvider>,
): Promise<SessionUser> {
  const user = await requireUser(request, context)
  if (!(await canCreateEvents(context.get(appContext).db, user))) throw data({ code: 'forbidden' }, { status: 403 })
  return user
}

/**
 * The signed-in user's event by slug, if they may do `capability` on it: otherwise a 404 when
 * the event is unknown or not theirs (the two look the same), a 403 when their role is too small.
 */
export async function requireEventAccess(
  request: Request,
  context: Readonly<RouterContextProvider>,
  slug: string,
  capability: Capability,
) {
  const user = await requireUser(request, context)
  const found: EventOverview | null = await findEventForUser(context.get(appContext).db, user, slug)
  const access = eventAccessOf(user, found?.role, capability)
  if (!access.ok) throw data({ code: access.reason }, { status: access.reason === 'forbidden' ? 403 : 404 })
  if (!found) throw data({ code: 'not_found' }, { status: 404 })
  return {
    user,
    ...found,
    canEdit: can(user, found.role, 'event.edit'),
    canScan: can(user, found.role, 'checkin.scan'),
    canManageTeam: can(user, found.role, 'team.manage'),
  }
}

/**
 * The signed-in user's session of an event, if they may do `capability` on the event: a 404 when
 * the event or the session is unknown or not theirs, a 403 when their role is too small.
 */
export async function requireSessionAccess(
  request: Request,
  context: Readonly<RouterContextProvider>,
  params: { slug: string; sessionId: string },
  capability: Capability,
) {
  const access = await requireEventAccess(request, context, params.slug, capability)
  const session = await findSession(context.get(appContext).db, access.event.id, params.sessionId)
  if (!session) throw data({ code: 'not_found' }, { status: 404 })
  return { ...access, session }
}
