import type { BadgeRole } from '../../db/schema'

/** The roles a badge can show, each with its colour band (app.css: .role-*). */
export const BADGE_ROLES: readonly BadgeRole[] = ['delegate', 'vip', 'staff', 'press']

export function isBadgeRole(value: unknown): value is BadgeRole {
  return typeof value === 'string' && (BADGE_ROLES as readonly string[]).includes(value)
}
