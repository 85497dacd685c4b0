import { data, type RouterContextProvider } from 'react-router'
import { requireUser } from '../auth/auth.server'
import { type Capability, can } from '../auth/permissions'
import { appContext } from '../server/context'
import { type EventOverview, findEventForUser } from './events.server'

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
  if (!found) throw data({ code: 'not_found' }, { status: 404 })
  if (!can(user, found.role, capability)) throw data({ code: 'forbidden' }, { status: 403 })
  return {
    user,
    ...found,
    canEdit: can(user, found.role, 'event.edit'),
    canScan: can(user, found.role, 'checkin.scan'),
    canManageTeam: can(user, found.role, 'team.manage'),
  }
}
