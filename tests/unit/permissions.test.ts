import { describe, expect, it } from 'vitest'
import { can } from '../../app/auth/permissions'

describe('event permissions', () => {
  const user = { isAdmin: false }
  it('lets an admin do everything, even without a role', () => {
    expect(can({ isAdmin: true }, null, 'event.edit')).toBe(true)
  })
  it('gives organizers view, edit and scanning', () => {
    expect(['event.view', 'event.edit', 'checkin.scan'].every((c) => can(user, 'organizer', c as never))).toBe(true)
  })
  it('gives viewers reading only', () => {
    expect(can(user, 'viewer', 'event.view')).toBe(true)
    expect(can(user, 'viewer', 'event.edit')).toBe(false)
    expect(can(user, 'viewer', 'checkin.scan')).toBe(false)
  })
  it('gives check-in staff scanning only', () => {
    expect(can(user, 'checkin', 'checkin.scan')).toBe(true)
    expect(can(user, 'checkin', 'event.view')).toBe(false)
  })
  it('gives nothing without a role', () => {
    expect(can(user, null, 'event.view')).toBe(false)
  })
})
