import type { EventStatus } from '../../db/schema'

/** Which status an event may move to from each: publish, unpublish, archive, restore. */
const TRANSITIONS: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['published', 'archived'],
  published: ['draft', 'archived'],
  archived: ['draft'],
}

export function canChangeStatus(from: EventStatus, to: EventStatus): boolean {
  return TRANSITIONS[from].includes(to)
}
