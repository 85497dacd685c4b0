/**
 * Seats, the domain suite (issue 16), in pretix's style: the registration commands called on a
 * real database (SQLite and PostgreSQL) with a frozen clock. Every change that opens seats (a
 * larger capacity, a cancellation, a decline, a session dropped) gives them to the people waiting,
 * in the order they asked, under the event's seat lock, and queues each promoted person's mail
 * before any newcomer can take them. A registration waiting for approval holds no seat; approval
 * seats it then. VIP-only sessions are for VIPs. An organizer can promote one person by hand,
 * beyond the capacity if need be. Two people never get the last seat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionUser } from '../../app/auth/session.server'
import { formObject } from '../../app/http/form'
import { registerPublic } from '../../app/registration/public-registration.server'
import { approveRegistration, cancelRegistration, declineInvitation } from '../../app/registration/registration.server'
import { parseRegistrationForm } from '../../app/registration/registration-form'
import { promoteByHand, seatCounts } from '../../app/registration/seats.server'
import { submitRegistration } from '../../app/registration/submission.server'
import { parseSessionForm } from '../../app/sessions/session-form'
import { updateSession } from '../../app/sessions/sessions.server'
import { createTestDatabase, type TestDatabase, testDialect } from '../helpers/db'
import { makeUser } from '../helpers/fixtures'
import { makeEvent, makeInvitees, registrationForm, registrationRow, TEST_SECRET } from '../helpers/registration'

let t: TestDatabase
let actor: SessionUser
const NOW = new Date('2030-05-01T02:00:00.000Z')

beforeAll(async () => {
  t = await createTestDatabase()
  const id = await makeUser(t.db, 'planner@example.org', { admin: true })
  actor = { id, email: 'planner@example.org', name: 'planner', isAdmin: true, language: 'en' }
})
afterAll(async () => {
  await t?.destroy()
})

/** A forum with `capacity` seats: one person seated, then `waiting` people waitlisted one minute apart. */
async function fullForum(slug: string, capacity: number, waiting: number) {
  const event = await makeEvent(t.db, {
    slug,
    sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00', capacity }],
  })
  const sessionId = event.sessionIds[0] ?? ''
  const people = await makeInvitees(t.db, event, capacity + waiting, { prefix: `${slug}-` })
  const registrations: string[] = []
  for (const [n, person] of people.entries()) {
    const row = registrationRow({
      event_id: event.id,
      person_id: person.personId,
      email: person.email,
      invitation_id: person.invitationId,
    })
    await t.db.insertInto('registrations').values(row).execute()
    await t.db
      .insertInto('registration_sessions')
      .values({
        registration_id: row.id,
        session_id: sessionId,
        status: n < capacity ? 'confirmed' : 'waitlisted',
        requested_at: new Date(Date.UTC(2030, 3, 1, 0, n)).toISOString(),
        updated_at: new Date(Date.UTC(2030, 3, 1, 0, n)).toISOString(),
      })
      .execute()
    registrations.push(row.id)
  }
  await t.db.deleteFrom('outbox').execute()
  return { event, sessionId, registrations, people }
}

/** What a delegate's form submits: their email and the sessions ticked. */
function input(email: string, sessionIds: readonly string[]) {
  const fd = new FormData()
  for (const [k, v] of registrationForm(email, sessionIds, { language: 'en' })) fd.append(k, v)
  const parsed = parseRegistrationForm(formObject(fd, ['sessions']))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.value
}

/** An invitee registers (or changes their registration) for these sessions at `now`. */
async function register(invitee: { invitationId: string; email: string }, sessionIds: string[], now = NOW) {
  const result = await submitRegistration(
    t.db,
    TEST_SECRET,
    { invitationId: invitee.invitationId, input: input(invitee.email, sessionIds), source: 'invitation', lng: 'en' },
    now,
  )
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.registrationId
}

async function outbox() {
  const rows = await t.db.selectFrom('outbox').select(['kind', 'registration_id', 'data']).execute()
  return rows.map((r) => ({ kind: r.kind, registrationId: r.registration_id, data: JSON.parse(r.data) }))
}

const promotedMail = (registrationId: string | undefined, sessionId: string) => ({
  kind: 'waitlist',
  registrationId,
  data: { sessionIds: [sessionId], state: 'promoted' },
})

function forumInput(capacity: string) {
  const parsed = parseSessionForm(
    {
      kind: 'forum',
      title_en: 'Forum',
      date: '2030-05-20',
      start_time: '09:00',
      end_time: '10:00',
      capacity,
      interpretation: [],
      chain: '',
      meeting_time: '',
      visits: [],
    },
    { timezone: 'Asia/Shanghai', startsOn: '2030-05-20', endsOn: '2030-05-22' },
  )
  if (!parsed.ok) throw new Error(`invalid session: ${JSON.stringify(parsed.errors)}`)
  return parsed.value
}

async function seats(sessionId: string) {
  const rows = await t.db
    .selectFrom('registration_sessions')
    .select(['registration_id', 'status'])
    .where('session_id', '=', sessionId)
    .execute()
  return new Map(rows.map((r) => [r.registration_id, r.status]))
}

describe(`a larger capacity, on ${testDialect}`, () => {
  it('promotes the first people waiting, in the order they asked, and mails each of them', async () => {
    const { event, sessionId, registrations } = await fullForum('raise-by-two', 1, 3)
    const [seated, first, second, third] = registrations
    expect(await updateSession(t.db, actor, event.id, sessionId, forumInput('3'), NOW)).toEqual({
      ok: true,
      id: sessionId,
    })
    const after = await seats(sessionId)
    expect([seated, first, second, third].map((id) => after.get(id ?? ''))).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'waitlisted',
    ])
    const mails = await t.db.selectFrom('outbox').select(['kind', 'registration_id', 'data']).execute()
    expect(mails.map((m) => [m.kind, m.registration_id]).sort()).toEqual(
      [
        ['waitlist', first],
        ['waitlist', second],
      ].sort(),
    )
    for (const mail of mails) expect(JSON.parse(mail.data)).toEqual({ sessionIds: [sessionId], state: 'promoted' })
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'session.update')
      .where('entity_id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ promoted: 2 })
  })

  it('promotes everyone waiting when the session becomes unlimited', async () => {
    const { event, sessionId, registrations } = await fullForum('raise-unlimited', 2, 4)
    await updateSession(t.db, actor, event.id, sessionId, forumInput(''), NOW)
    const after = await seats(sessionId)
    expect(registrations.map((id) => after.get(id))).toEqual(Array(6).fill('confirmed'))
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(4)
  })

  it('changes no seat and sends no mail when the capacity does not grow', async () => {
    const { event, sessionId } = await fullForum('same-size', 2, 1)
    const before = await seats(sessionId)
    await updateSession(t.db, actor, event.id, sessionId, forumInput('2'), NOW)
    expect(await seats(sessionId)).toEqual(before)
    expect(await t.db.selectFrom('outbox').select('id').execute()).toEqual([])
  })
})

describe(`seats opened by a cancellation, a decline or a session dropped, on ${testDialect}`, () => {
  it('a cancellation gives the seat to the first person waiting, who is mailed', async () => {
    const { event, sessionId, registrations } = await fullForum('cancel-promotes', 1, 2)
    const [seated, first, second] = registrations
    expect(await cancelRegistration(t.db, event.id, seated ?? '', { userId: actor.id }, NOW)).toEqual({
      ok: true,
      promoted: 1,
    })
    const after = await seats(sessionId)
    expect([seated, first, second].map((id) => after.get(id ?? ''))).toEqual(['cancelled', 'confirmed', 'waitlisted'])
    const mails = await outbox()
    expect(mails).toContainEqual(promotedMail(first, sessionId))
    expect(mails.filter((m) => m.kind === 'waitlist')).toHaveLength(1)
    expect(mails.map((m) => [m.kind, m.registrationId])).toContainEqual(['cancellation', seated])
  })

  it('a decline of the invitation cancels the registration and promotes the next in line', async () => {
    const { sessionId, registrations, people } = await fullForum('decline-promotes', 1, 1)
    const [seated, waiting] = registrations
    expect(await declineInvitation(t.db, people[0]?.invitationId ?? '', { userId: null }, NOW)).toEqual({ ok: true })
    const after = await seats(sessionId)
    expect([after.get(seated ?? ''), after.get(waiting ?? '')]).toEqual(['cancelled', 'confirmed'])
    expect(await outbox()).toContainEqual(promotedMail(waiting, sessionId))
    const invitation = await t.db
      .selectFrom('invitations')
      .select('status')
      .where('id', '=', people[0]?.invitationId ?? '')
      .executeTakeFirstOrThrow()
    expect(invitation.status).toBe('declined')
  })

  it('a delegate who drops a session frees the seat for the first person waiting, not for a newcomer', async () => {
    const event = await makeEvent(t.db, {
      slug: 'seat-move',
      sessions: [
        { title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00', capacity: 1 },
        { title: 'Seminar', start: '2030-05-20T14:00', end: '2030-05-20T15:00' },
      ],
    })
    const [forum = '', seminar = ''] = event.sessionIds
    const [a, b, c] = await makeInvitees(t.db, event, 3, { prefix: 'seat-move-' })
    if (!a || !b || !c) throw new Error('invitees missing')
    const ra = await register(a, [forum])
    const rb = await register(b, [forum], new Date(NOW.getTime() + 60_000))
    await t.db.deleteFrom('outbox').execute()
    await register(a, [seminar], new Date(NOW.getTime() + 120_000))
    const rc = await register(c, [forum], new Date(NOW.getTime() + 180_000))
    const after = await seats(forum)
    expect([after.get(ra), after.get(rb), after.get(rc)]).toEqual(['cancelled', 'confirmed', 'waitlisted'])
    expect(await outbox()).toContainEqual(promotedMail(rb, forum))
  })
})

describe(`VIP-only sessions, on ${testDialect}`, () => {
  it('a non-VIP cannot take a seat in a VIP-only session; a VIP can', async () => {
    const event = await makeEvent(t.db, {
      slug: 'vip-seats',
      sessions: [{ title: 'Dinner', start: '2030-05-20T18:00', end: '2030-05-20T20:00', capacity: 10, vipOnly: true }],
    })
    const dinner = event.sessionIds[0] ?? ''
    const [guest] = await makeInvitees(t.db, event, 1, { prefix: 'vip-seats-guest-' })
    const [vip] = await makeInvitees(t.db, event, 1, { prefix: 'vip-seats-vip-', vip: true })
    if (!guest || !vip) throw new Error('invitees missing')
    const refused = await submitRegistration(
      t.db,
      TEST_SECRET,
      { invitationId: guest.invitationId, input: input(guest.email, [dinner]), source: 'invitation', lng: 'en' },
      NOW,
    )
    expect(refused).toEqual({ ok: false, errors: { sessions: { key: 'validation.sessionNotAllowed' } } })
    const rv = await register(vip, [dinner])
    expect((await seats(dinner)).get(rv)).toBe('confirmed')
    expect((await seatCounts(t.db, [dinner])).get(dinner)).toEqual({ taken: 1, waiting: 0 })
  })
})

describe(`approval, on ${testDialect}`, () => {
  it('a registration waiting for approval holds no seat; approval seats it, or puts it at the end of the queue', async () => {
    const event = await makeEvent(t.db, {
      slug: 'approval-seats',
      mode: 'approval',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00', capacity: 1 }],
    })
    const forum = event.sessionIds[0] ?? ''
    const row = await t.db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow()
    expect(
      await registerPublic(
        t.db,
        TEST_SECRET,
        row,
        input('walk-in@example.test', [forum]),
        { lng: 'en', ip: null },
        NOW,
      ),
    ).toEqual({ ok: true })
    const pending = await t.db
      .selectFrom('registrations')
      .select(['id', 'status'])
      .where('event_id', '=', event.id)
      .where('email', '=', 'walk-in@example.test')
      .executeTakeFirstOrThrow()
    expect(pending.status).toBe('pending')
    expect((await seatCounts(t.db, [forum])).get(forum)).toEqual({ taken: 0, waiting: 0 })

    // The invited delegate who comes next takes the seat the pending request did not hold.
    const [invitee] = await makeInvitees(t.db, event, 1, { prefix: 'approval-seats-' })
    if (!invitee) throw new Error('invitee missing')
    const seated = await register(invitee, [forum], new Date(NOW.getTime() + 60_000))
    expect((await seats(forum)).get(seated)).toBe('confirmed')

    await t.db.deleteFrom('outbox').execute()
    const approvedAt = new Date(NOW.getTime() + 3_600_000)
    expect(
      await approveRegistration(t.db, TEST_SECRET, event.id, pending.id, { userId: actor.id }, approvedAt),
    ).toEqual({
      ok: true,
    })
    const rs = await t.db
      .selectFrom('registration_sessions')
      .select(['status', 'requested_at'])
      .where('registration_id', '=', pending.id)
      .executeTakeFirstOrThrow()
    expect(rs).toEqual({ status: 'waitlisted', requested_at: approvedAt.toISOString() })
    expect((await seatCounts(t.db, [forum])).get(forum)).toEqual({ taken: 1, waiting: 1 })
    expect((await outbox()).map((m) => [m.kind, m.registrationId])).toEqual([['confirmation', pending.id]])

    // When the seat frees, the approved registration is next in line.
    await cancelRegistration(t.db, event.id, seated, { userId: actor.id }, new Date(approvedAt.getTime() + 60_000))
    expect((await seats(forum)).get(pending.id)).toBe('confirmed')
    expect(await outbox()).toContainEqual(promotedMail(pending.id, forum))
  })

  it('approval with a seat free confirms it at once', async () => {
    const event = await makeEvent(t.db, {
      slug: 'approval-free',
      mode: 'approval',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00', capacity: 2 }],
    })
    const forum = event.sessionIds[0] ?? ''
    const row = await t.db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow()
    await registerPublic(t.db, TEST_SECRET, row, input('early@example.test', [forum]), { lng: 'en', ip: null }, NOW)
    const pending = await t.db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow()
    await approveRegistration(t.db, TEST_SECRET, event.id, pending.id, { userId: actor.id }, NOW)
    expect((await seats(forum)).get(pending.id)).toBe('confirmed')
    expect((await seatCounts(t.db, [forum])).get(forum)).toEqual({ taken: 1, waiting: 0 })
  })
})

describe(`promotion by hand, on ${testDialect}`, () => {
  it('gives one waiting person a seat ahead of the queue, beyond the capacity, audited and mailed', async () => {
    const { event, sessionId, registrations } = await fullForum('by-hand', 1, 2)
    const [seated, first, second] = registrations
    const result = await promoteByHand(
      t.db,
      event.id,
      second ?? '',
      sessionId,
      { userId: actor.id, ip: '203.0.113.9' },
      NOW,
    )
    expect(result).toEqual({ ok: true, overCapacity: true, taken: 2, capacity: 1 })
    const after = await seats(sessionId)
    expect([seated, first, second].map((id) => after.get(id ?? ''))).toEqual(['confirmed', 'waitlisted', 'confirmed'])
    expect(await outbox()).toEqual([promotedMail(second, sessionId)])
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'detail'])
      .where('action', '=', 'registration.promote')
      .where('entity_id', '=', second ?? '')
      .executeTakeFirstOrThrow()
    expect(audit.actor_user_id).toBe(actor.id)
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ sessionId, overCapacity: true, taken: 2, capacity: 1 })
  })

  it('says when the seat was free', async () => {
    const { event, sessionId, registrations } = await fullForum('by-hand-free', 1, 1)
    await t.db.updateTable('sessions').set({ capacity: 3 }).where('id', '=', sessionId).execute()
    expect(await promoteByHand(t.db, event.id, registrations[1] ?? '', sessionId, { userId: actor.id }, NOW)).toEqual({
      ok: true,
      overCapacity: false,
      taken: 2,
      capacity: 3,
    })
  })

  it("refuses someone not waiting, a registration not confirmed, and another event's registration", async () => {
    const { event, sessionId, registrations } = await fullForum('by-hand-refused', 1, 1)
    const other = await fullForum('by-hand-other', 1, 1)
    const [seated, waiting] = registrations
    const by = { userId: actor.id }
    expect(await promoteByHand(t.db, event.id, seated ?? '', sessionId, by, NOW)).toEqual({
      ok: false,
      reason: 'not_waiting',
    })
    expect(await promoteByHand(t.db, event.id, other.registrations[1] ?? '', sessionId, by, NOW)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(await promoteByHand(t.db, event.id, waiting ?? '', other.sessionId, by, NOW)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    await t.db
      .updateTable('registrations')
      .set({ status: 'pending' })
      .where('id', '=', waiting ?? '')
      .execute()
    expect(await promoteByHand(t.db, event.id, waiting ?? '', sessionId, by, NOW)).toEqual({
      ok: false,
      reason: 'not_confirmed',
    })
    expect(await outbox()).toEqual([])
  })
})

describe(`the last seat, on ${testDialect}`, () => {
  it('two delegates submitting at the same moment: one gets the seat, the other waits', async () => {
    const event = await makeEvent(t.db, {
      slug: 'last-seat',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00', capacity: 1 }],
    })
    const forum = event.sessionIds[0] ?? ''
    const [a, b] = await makeInvitees(t.db, event, 2, { prefix: 'last-seat-' })
    if (!a || !b) throw new Error('invitees missing')
    const ids = await Promise.all([register(a, [forum]), register(b, [forum])])
    const after = await seats(forum)
    expect(ids.map((id) => after.get(id)).sort()).toEqual(['confirmed', 'waitlisted'])
    expect((await seatCounts(t.db, [forum])).get(forum)).toEqual({ taken: 1, waiting: 1 })
  })
})
