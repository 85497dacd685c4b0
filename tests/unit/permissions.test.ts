import { describe, expect, it } from 'vitest'
import { can, canChangePerson, eventAccessOf } from '../../app/auth/permissions'

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

describe('changing a person of the shared directory (ADR 0018)', () => {
  const organizer = { isAdmin: false }
  const organizes = new Set(['a', 'c'])
  it('lets an admin change anyone', () => {
    expect(canChangePerson({ isAdmin: true }, ['b'], new Set())).toBe(true)
  })
  it('lets an organizer change a person no event uses, or only events they organize use', () => {
    expect(canChangePerson(organizer, [], organizes)).toBe(true)
    expect(canChangePerson(organizer, ['a'], organizes)).toBe(true)
    expect(canChangePerson(organizer, ['a', 'c'], organizes)).toBe(true)
  })
  it('refuses an organizer a person any other event uses', () => {
    expect(canChangePerson(organizer, ['b'], organizes)).toBe(false)
    expect(canChangePerson(organizer, ['a', 'b'], organizes)).toBe(false)
  })
})

describe('reaching an event (one rule for pages, the scanner and its API)', () => {
  const user = { isAdmin: false }
  it('answers not found, never forbidden, to someone with no role: an unknown event looks the same', () => {
    expect(eventAccessOf(user, undefined, 'event.view')).toEqual({ ok: false, reason: 'not_found' })
    expect(eventAccessOf(user, null, 'event.view')).toEqual({ ok: false, reason: 'not_found' })
  })
  it('answers forbidden to a member whose role may not do it', () => {
    expect(eventAccessOf(user, 'viewer', 'checkin.scan')).toEqual({ ok: false, reason: 'forbidden' })
    expect(eventAccessOf(user, 'checkin', 'event.edit')).toEqual({ ok: false, reason: 'forbidden' })
  })
  it('lets a member do what the role grants, and an admin any event that exists', () => {
    expect(eventAccessOf(user, 'checkin', 'checkin.scan')).toEqual({ ok: true })
    expect(eventAccessOf({ isAdmin: true }, null, 'event.edit')).toEqual({ ok: true })
    expect(eventAccessOf({ isAdmin: true }, undefined, 'event.edit')).toEqual({ ok: false, reason: 'not_found' })
  })
})
