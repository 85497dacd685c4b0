import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AdminFact,
  keepsAnOrganizer,
  type MemberFact,
  mayDisable,
  mayLoseAdmin,
} from '../../app/users/access-rules'

const admin = (id: string, over: Partial<AdminFact> = {}): AdminFact => ({
  id,
  isAdmin: true,
  disabled: false,
  activated: true,
  ...over,
})

describe('the last active admin', () => {
  it('refuses taking admin from the only active admin', () => {
    expect(mayLoseAdmin([admin('a'), admin('b', { isAdmin: false })], 'a')).toEqual({ ok: false, reason: 'last_admin' })
  })
  it('allows it once another admin is active', () => {
    expect(mayLoseAdmin([admin('a'), admin('b')], 'a')).toEqual({ ok: true })
  })
  it('does not count a disabled admin, nor an invited one who has not set a password', () => {
    const users = [admin('a'), admin('b', { disabled: true }), admin('c', { activated: false })]
    expect(mayLoseAdmin(users, 'a')).toEqual({ ok: false, reason: 'last_admin' })
  })
  it('lets anyone who is not an active admin lose the flag', () => {
    expect(mayLoseAdmin([admin('a'), admin('c', { activated: false })], 'c')).toEqual({ ok: true })
  })
  it('never lets someone disable themselves, even with other admins', () => {
    expect(mayDisable([admin('a'), admin('b')], 'a', 'a')).toEqual({ ok: false, reason: 'self' })
  })
  it('refuses disabling the last active admin, also from the command line (no actor)', () => {
    expect(mayDisable([admin('a')], null, 'a')).toEqual({ ok: false, reason: 'last_admin' })
    expect(mayDisable([admin('a'), admin('b')], null, 'a')).toEqual({ ok: true })
  })
  it('leaves an active admin after any change it allows (property)', () => {
    const fact = fc.record({ isAdmin: fc.boolean(), disabled: fc.boolean(), activated: fc.boolean() })
    fc.assert(
      fc.property(fc.array(fact, { minLength: 1, maxLength: 6 }), fc.nat(), (facts, pick) => {
        const users = facts.map((f, i) => ({ id: `u${i}`, ...f }))
        const target = users[pick % users.length]?.id ?? 'u0'
        const active = (list: AdminFact[]) => list.filter((u) => u.isAdmin && !u.disabled && u.activated).length
        if (active(users) === 0) return
        if (!mayLoseAdmin(users, target).ok) return
        const after = users.map((u) => (u.id === target ? { ...u, isAdmin: false, disabled: true } : u))
        expect(active(after)).toBeGreaterThan(0)
      }),
    )
  })
})

describe('the last organizer of an event', () => {
  const m = (userId: string, role: MemberFact['role'], disabled = false): MemberFact => ({ userId, role, disabled })
  it('refuses removing or demoting the only enabled organizer', () => {
    const team = [m('a', 'organizer'), m('b', 'viewer')]
    expect(keepsAnOrganizer(team, 'a', null)).toEqual({ ok: false, reason: 'last_organizer' })
    expect(keepsAnOrganizer(team, 'a', 'checkin')).toEqual({ ok: false, reason: 'last_organizer' })
  })
  it('allows it with another enabled organizer, and any change of the others', () => {
    const team = [m('a', 'organizer'), m('b', 'organizer'), m('c', 'checkin')]
    expect(keepsAnOrganizer(team, 'a', null)).toEqual({ ok: true })
    expect(keepsAnOrganizer([m('a', 'organizer'), m('c', 'checkin')], 'c', null)).toEqual({ ok: true })
  })
  it('does not count a disabled organizer', () => {
    expect(keepsAnOrganizer([m('a', 'organizer'), m('b', 'organizer', true)], 'a', 'viewer')).toEqual({
      ok: false,
      reason: 'last_organizer',
    })
  })
  it('does not block changes on an event that already had no enabled organizer', () => {
    expect(keepsAnOrganizer([m('b', 'organizer', true), m('c', 'viewer')], 'c', null)).toEqual({ ok: true })
  })
})
