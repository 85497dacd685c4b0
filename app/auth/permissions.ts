import type { EventRole } from '../../db/schema'

/**
 * What a role on an event may do. This one table is what the code checks (`can`, `rolesWith`)
 * and what the team page shows in plain words (`team.capabilities.<capability>`), so the two can
 * never disagree. Admins may do everything on every event.
 */
export const CAPABILITY_LIST = ['event.view', 'event.edit', 'checkin.scan', 'team.manage', 'mail.read'] as const
export type Capability = (typeof CAPABILITY_LIST)[number]

export const ROLE_LIST: readonly EventRole[] = ['organizer', 'checkin', 'viewer']

export const CAPABILITIES: Readonly<Record<EventRole, readonly Capability[]>> = {
  organizer: ['event.view', 'event.edit', 'checkin.scan', 'team.manage', 'mail.read'],
  viewer: ['event.view'],
  checkin: ['checkin.scan'],
}

export interface Actor {
  isAdmin: boolean
}

/** Admins may do everything; everyone else what their role on the event grants. */
export function can(actor: Actor, role: EventRole | null, capability: Capability): boolean {
  if (actor.isAdmin) return true
  return role !== null && CAPABILITIES[role].includes(capability)
}

/**
 * The one rule for reaching an event: not found when the user has no role on it (an admin needs
 * none; an unknown event looks the same), forbidden when their role may not do `capability`.
 * `role` is undefined when the event is unknown or the user has no membership row.
 */
export function eventAccessOf(
  actor: Actor,
  role: EventRole | null | undefined,
  capability: Capability,
): { ok: true } | { ok: false; reason: 'not_found' | 'forbidden' } {
  if (role === undefined || (role === null && !actor.isAdmin)) return { ok: false, reason: 'not_found' }
  return can(actor, role, capability) ? { ok: true } : { ok: false, reason: 'forbidden' }
}

/** The roles that grant a capability, for queries that find a user's events by role. */
export function rolesWith(capability: Capability): EventRole[] {
  return ROLE_LIST.filter((role) => CAPABILITIES[role].includes(capability))
}

/**
 * Whether an actor may change a person of the shared directory (ADR 0018): admins always; an
 * organizer only when they organize every event that uses the person (`usedBy`: the events the
 * person is invited to, registered for or on the stage of). A person no event uses is anyone's
 * who keeps the directory.
 */
export function canChangePerson(actor: Actor, usedBy: Iterable<string>, organizes: ReadonlySet<string>): boolean {
  if (actor.isAdmin) return true
  for (const eventId of usedBy) if (!organizes.has(eventId)) return false
  return true
}
