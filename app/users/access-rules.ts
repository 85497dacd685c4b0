/**
 * The rules that keep an instance and its events governable (issue 15): there is always an active
 * admin, every event keeps an organizer, and nobody locks themselves out by accident. Pure: the
 * callers load the facts inside a serialized transaction and write only when the rule says ok.
 */
import type { EventRole } from '../../db/schema'

export type AdminRuleResult = { ok: true } | { ok: false; reason: 'last_admin' | 'self' }

/** An account counts as an active admin when it is an admin, enabled, and has set its password. */
export interface AdminFact {
  id: string
  isAdmin: boolean
  disabled: boolean
  activated: boolean
}

function activeAdmins(users: readonly AdminFact[]): string[] {
  return users.filter((u) => u.isAdmin && !u.disabled && u.activated).map((u) => u.id)
}

/** Whether `target` may lose admin rights, or be disabled, and an active admin still remain. */
export function mayLoseAdmin(users: readonly AdminFact[], target: string): AdminRuleResult {
  const admins = activeAdmins(users)
  if (admins.includes(target) && admins.length === 1) return { ok: false, reason: 'last_admin' }
  return { ok: true }
}

/** Whether `actor` may disable `target`: never themselves (they would end their own session), never the last admin. */
export function mayDisable(users: readonly AdminFact[], actor: string | null, target: string): AdminRuleResult {
  if (actor === target) return { ok: false, reason: 'self' }
  return mayLoseAdmin(users, target)
}

export type TeamRuleResult = { ok: true } | { ok: false; reason: 'last_organizer' }

export interface MemberFact {
  userId: string
  role: EventRole
  /** a disabled account's role still shows, but it organizes nothing */
  disabled: boolean
}

/**
 * Whether `userId`'s role on the event may become `next` (null: removed from the team) with an
 * enabled organizer still on it.
 */
export function keepsAnOrganizer(
  members: readonly MemberFact[],
  userId: string,
  next: EventRole | null,
): TeamRuleResult {
  const after = members
    .map((m) => (m.userId === userId ? { ...m, role: next } : m))
    .filter((m) => m.role === 'organizer' && !m.disabled)
  const before = members.filter((m) => m.role === 'organizer' && !m.disabled)
  // An event that already had no enabled organizer (an admin made it) does not block other changes.
  if (after.length === 0 && before.length > 0) return { ok: false, reason: 'last_organizer' }
  return { ok: true }
}
