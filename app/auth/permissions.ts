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
