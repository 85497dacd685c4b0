import { data, type RouterContextProvider } from 'react-router'
import type { Capability } from '../auth/permissions'
import { requireEventAccess } from '../events/event-access.server'
import { appContext } from '../server/context'
import { findSession } from './sessions.server'

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
