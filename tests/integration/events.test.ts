import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionUser } from '../../app/auth/session.server'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { parseEventForm } from '../../app/events/event-form'
import { cloneEvent, createEvent, updateEvent } from '../../app/events/events.server'
import { parseSessionForm } from '../../app/sessions/session-form'
import { createSession, listSessions, updateSession } from '../../app/sessions/sessions.server'
import { utcToZoned } from '../../app/time/zoned'
import { countRows, createTestDatabase, type TestDatabase, testDialect } from '../helpers/db'
import { makeUser } from '../helpers/fixtures'

let t: TestDatabase
let actor: SessionUser

beforeAll(async () => {
  t = await createTestDatabase()
  await seedDemo(t.db)
  const id = await makeUser(t.db, 'planner@example.org', { admin: true })
  actor = { id, email: 'planner@example.org', name: 'planner', isAdmin: true, language: 'en' }
})
afterAll(async () => {
  await t?.destroy()
})

const eventFields = (patch: Record<string, string | string[]> = {}) => ({
  slug: 'berlin-2027',
  title_zh: '',
  title_en: 'Invest in Yantai: Berlin roadshow',
  title_ja: '',
  timezone: 'Europe/Berlin',
  starts_on: '2027-03-25',
  ends_on: '2027-03-27',
  registration_mode: 'open',
  registration_opens_at: '',
  registration_closes_at: '',
  languages: ['en', 'zh'],
  ...patch,
})

function parsedEvent(patch: Record<string, string | string[]> = {}) {
  const result = parseEventForm(eventFields(patch))
  if (!result.ok) throw new Error(`fixture event invalid: ${JSON.stringify(result.errors)}`)
  return result.value
}

const sessionFields = (patch: Record<string, string | string[]> = {}) => ({
  kind: 'forum',
  title_en: 'Roadshow forum',
  date: '2027-03-26',
  start_time: '09:00',
  end_time: '10:30',
  capacity: '80',
  interpretation: [],
  chain: '',
  meeting_time: '',
  visits: [],
  ...patch,
})

describe(`events and sessions on ${testDialect}`, () => {
  it('refuses a duplicate slug and saves nothing', async () => {
    const before = await countRows(t.db, 'events')
    const result = await createEvent(t.db, actor, parsedEvent({ slug: 'yantai-japan-2024' }))
    expect(result).toEqual({ ok: false, errors: { slug: { key: 'validation.slugTaken' } } })
    expect(await countRows(t.db, 'events')).toBe(before)
  })

  it('refuses a host organization that does not exist and saves nothing', async () => {
    const before = await countRows(t.db, 'events')
    const result = await createEvent(
      t.db,
      actor,
      parsedEvent({ slug: 'ghost-host', host_org_0: 'nope', host_role_0: 'host' }),
    )
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.host_org_0?.key).toBe('validation.choice')
    expect(await countRows(t.db, 'events')).toBe(before)
  })

  it('creates a draft event with its hosts and makes its creator an organizer', async () => {
    const org = await t.db
      .selectFrom('organizations')
      .select('id')
      .where('key', '=', 'yantai-gov')
      .executeTakeFirstOrThrow()
    const result = await createEvent(t.db, actor, parsedEvent({ host_org_0: org.id, host_role_0: 'host' }))
    expect(result.ok).toBe(true)
    const event = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'berlin-2027')
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({ status: 'draft', timezone: 'Europe/Berlin', languages: 'zh,en' })
    const member = await t.db
      .selectFrom('event_members')
      .select('role')
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow()
    expect(member.role).toBe('organizer')
    expect(await t.db.selectFrom('event_hosts').select('role').where('event_id', '=', event.id).execute()).toEqual([
      { role: 'host' },
    ])
  })

  it('stores session times in UTC from the event zone, with buses of a site visit', async () => {
    const event = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'berlin-2027')
      .executeTakeFirstOrThrow()
    const frame = { timezone: event.timezone, startsOn: event.starts_on, endsOn: event.ends_on }
    const forum = parseSessionForm(sessionFields(), frame)
    const visit = parseSessionForm(
      sessionFields({
        kind: 'site_visit',
        title_en: 'Visit: port',
        start_time: '13:30',
        end_time: '17:00',
        meeting_point_en: 'Hotel lobby',
        meeting_time: '13:15',
        bus_label_0: 'A',
        bus_seats_0: '40',
        bus_label_1: 'B',
        bus_seats_1: '30',
        capacity: '',
      }),
      frame,
    )
    if (!forum.ok || !visit.ok) throw new Error('fixture sessions invalid')
    expect((await createSession(t.db, actor, event.id, forum.value)).ok).toBe(true)
    expect((await createSession(t.db, actor, event.id, visit.value)).ok).toBe(true)
    const sessions = await listSessions(t.db, event.id)
    expect(sessions.map((s) => [s.title_en, s.starts_at, s.ends_at])).toEqual([
      ['Roadshow forum', '2027-03-26T08:00:00.000Z', '2027-03-26T09:30:00.000Z'],
      ['Visit: port', '2027-03-26T12:30:00.000Z', '2027-03-26T16:00:00.000Z'],
    ])
    expect(sessions[1]?.buses.map((b) => [b.label, b.seats])).toEqual([
      ['A', 40],
      ['B', 30],
    ])
    expect(sessions[1]?.meeting_at).toBe('2027-03-26T12:15:00.000Z')
    // no capacity given: the visit holds the seats its buses carry, not "unlimited"
    expect(sessions[1]?.capacity).toBe(70)
  })

  it('refuses to move the dates of an event away from its sessions', async () => {
    const event = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'berlin-2027')
      .executeTakeFirstOrThrow()
    const result = await updateEvent(
      t.db,
      actor,
      event.id,
      parsedEvent({ starts_on: '2027-03-27', ends_on: '2027-03-28' }),
    )
    expect(result).toEqual({
      ok: false,
      errors: { starts_on: { key: 'validation.sessionsOutside', values: { count: 2 } } },
    })
    const after = await t.db
      .selectFrom('events')
      .select('starts_on')
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow()
    expect(after.starts_on).toBe('2027-03-25')
  })

  it('saves an edited session and refuses an unknown company', async () => {
    const event = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'berlin-2027')
      .executeTakeFirstOrThrow()
    const [forum] = await listSessions(t.db, event.id)
    if (!forum) throw new Error('no session')
    const frame = { timezone: event.timezone, startsOn: event.starts_on, endsOn: event.ends_on }
    const edited = parseSessionForm(sessionFields({ capacity: '', end_time: '11:00' }), frame)
    if (!edited.ok) throw new Error('invalid')
    expect(await updateSession(t.db, actor, event.id, forum.id, edited.value)).toEqual({ ok: true, id: forum.id })
    const saved = await t.db.selectFrom('sessions').selectAll().where('id', '=', forum.id).executeTakeFirstOrThrow()
    expect([saved.capacity, saved.ends_at]).toEqual([null, '2027-03-26T10:00:00.000Z'])
    const withGhost = parseSessionForm(
      sessionFields({ kind: 'site_visit', meeting_point_en: 'Lobby', meeting_time: '08:00', visits: ['nope'] }),
      frame,
    )
    if (!withGhost.ok) throw new Error('invalid')
    const refused = await updateSession(t.db, actor, event.id, forum.id, withGhost.value)
    expect(refused).toEqual({ ok: false, errors: { visits: { key: 'validation.choice' } } })
  })

  it('clones across a daylight-saving change keeping every session at its local time', async () => {
    const source = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'berlin-2027')
      .executeTakeFirstOrThrow()
    // 2027-03-26 is CET (UTC+1); a week later Berlin is on CEST (UTC+2).
    const result = await cloneEvent(t.db, actor, source.id, { slug: 'berlin-2027-again', startsOn: '2027-04-01' })
    expect(result).toEqual({ ok: true, slug: 'berlin-2027-again' })
    const clone = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'berlin-2027-again')
      .executeTakeFirstOrThrow()
    expect([clone.starts_on, clone.ends_on, clone.status]).toEqual(['2027-04-01', '2027-04-03', 'draft'])
    const sessions = await listSessions(t.db, clone.id)
    expect(
      sessions.map((s) => [utcToZoned(s.starts_at, 'Europe/Berlin'), utcToZoned(s.ends_at, 'Europe/Berlin').time]),
    ).toEqual([
      [{ date: '2027-04-02', time: '09:00' }, '11:00'],
      [{ date: '2027-04-02', time: '13:30' }, '17:00'],
    ])
    expect(sessions[0]?.starts_at).toBe('2027-04-02T07:00:00.000Z')
    expect(sessions[1]?.meeting_at).toBe('2027-04-02T11:15:00.000Z')
    expect(sessions[1]?.buses.map((b) => b.seats)).toEqual([40, 30])
    expect(await t.db.selectFrom('event_hosts').select('role').where('event_id', '=', clone.id).execute()).toEqual([
      { role: 'host' },
    ])
  })

  it('clones the demo event to next year, moving every session by the same number of days', async () => {
    const source = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'yantai-japan-2024')
      .executeTakeFirstOrThrow()
    const nextYear = `${Number(source.starts_on.slice(0, 4)) + 1}${source.starts_on.slice(4)}`
    expect((await cloneEvent(t.db, actor, source.id, { slug: 'yantai-japan-next', startsOn: nextYear })).ok).toBe(true)
    const clone = await t.db
      .selectFrom('events')
      .selectAll()
      .where('slug', '=', 'yantai-japan-next')
      .executeTakeFirstOrThrow()
    const before = await listSessions(t.db, source.id)
    const after = await listSessions(t.db, clone.id)
    expect(after).toHaveLength(before.length)
    const days = (Date.parse(nextYear) - Date.parse(source.starts_on)) / 86_400_000
    after.forEach((s, i) => {
      const original = before[i]
      if (!original) throw new Error('missing')
      expect(s.title_zh).toBe(original.title_zh)
      const local = utcToZoned(s.starts_at, 'Asia/Shanghai')
      const was = utcToZoned(original.starts_at, 'Asia/Shanghai')
      expect(local.time).toBe(was.time)
      expect((Date.parse(local.date) - Date.parse(was.date)) / 86_400_000).toBe(days)
      expect(s.buses.length).toBe(original.buses.length)
      expect(s.visits.map((v) => v.id)).toEqual(original.visits.map((v) => v.id))
    })
  })

  it('refuses a clone onto a taken slug or a bad date and saves nothing', async () => {
    const source = await t.db
      .selectFrom('events')
      .select('id')
      .where('slug', '=', 'berlin-2027')
      .executeTakeFirstOrThrow()
    const before = await countRows(t.db, 'events')
    expect(await cloneEvent(t.db, actor, source.id, { slug: 'berlin-2027-again', startsOn: '2028-03-01' })).toEqual({
      ok: false,
      errors: { slug: { key: 'validation.slugTaken' } },
    })
    const bad = await cloneEvent(t.db, actor, source.id, { slug: 'has space', startsOn: 'soon' })
    expect(bad.ok).toBe(false)
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['slug', 'starts_on'])
    expect(await countRows(t.db, 'events')).toBe(before)
  })
})
