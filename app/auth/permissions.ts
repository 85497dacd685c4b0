import type { EventRole } from '../../db/schema'

export type Capability = 'event.view' | 'event.edit' | 'checkin.scan'

const CAPABILITIES: Record<EventRole, readonly Capability[]> = {
  organizer: ['event.view', 'event.edit', 'checkin.scan'],
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
