import type { Kysely } from 'kysely'
import type { Database, EventRole } from '../../db/schema'
import { type Actor, type Capability, eventAccessOf } from './permissions'

export type EventAccess = { ok: true; role: EventRole | null } | { ok: false; reason: 'not_found' | 'forbidden' }

/**
 * Whether a user may do `capability` on an event known by its id: the rule of the pages'
 * requireEventAccess (app/http/access.server.ts), for callers outside React Router (the device
 * API). Not found when the event is unknown or the user has no role on it (an admin needs none),
 * forbidden when `can` refuses their role.
 */
export async function eventAccess(
  db: Kysely<Database>,
  user: Actor & { id: string },
  eventId: string,
  capability: Capability,
): Promise<EventAccess> {
  const row = await db
    .selectFrom('events as e')
    .leftJoin('event_members as m', (join) => join.onRef('m.event_id', '=', 'e.id').on('m.user_id', '=', user.id))
    .select('m.role')
    .where('e.id', '=', eventId)
    .executeTakeFirst()
  const access = eventAccessOf(user, row?.role, capability)
  return access.ok && row
    ? { ok: true, role: row.role }
    : { ok: false, reason: access.ok ? 'not_found' : access.reason }
}
