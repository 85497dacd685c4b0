/**
 * Someone on another stage: an event, a session and a speech made directly in the database (as
 * fixtures are), so a run of show can be checked against a person's time elsewhere.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'

export async function speechElsewhere(
  db: Kysely<Database>,
  spec: {
    slug: string
    eventTitle: string
    sessionTitle: string
    speechTitle: string
    personId: string
    start: Date
    minutes: number
  },
): Promise<{ eventId: string; sessionId: string; segmentId: string }> {
  const eventId = newId()
  const sessionId = newId()
  const segmentId = newId()
  const stamp = nowIso()
  const end = new Date(spec.start.getTime() + spec.minutes * 60_000)
  const day = spec.start.toISOString().slice(0, 10)
  await db
    .insertInto('events')
    .values({
      id: eventId,
      slug: spec.slug,
      title_zh: spec.eventTitle,
      title_en: spec.eventTitle,
      title_ja: '',
      description_zh: '',
      description_en: '',
      description_ja: '',
      timezone: 'Asia/Shanghai',
      starts_on: day,
      ends_on: day,
      venue_zh: '',
      venue_en: '',
      venue_ja: '',
      address_zh: '',
      address_en: '',
      address_ja: '',
      registration_mode: 'invite_only',
      registration_opens_at: null,
      registration_closes_at: null,
      status: 'draft',
      languages: 'zh',
      created_at: stamp,
      updated_at: stamp,
    })
    .execute()
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      event_id: eventId,
      kind: 'forum',
      title_zh: spec.sessionTitle,
      title_en: spec.sessionTitle,
      title_ja: '',
      description_zh: '',
      description_en: '',
      description_ja: '',
      starts_at: spec.start.toISOString(),
      ends_at: end.toISOString(),
      room_zh: '',
      room_en: '',
      room_ja: '',
      capacity: null,
      registration_required: 1,
      interpretation: '',
      chain: null,
      meeting_point_zh: '',
      meeting_point_en: '',
      meeting_point_ja: '',
      meeting_at: null,
      vip_only: 0,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute()
  await db
    .insertInto('segments')
    .values({
      id: segmentId,
      event_id: eventId,
      session_id: sessionId,
      position: 0,
      kind: 'speech',
      title_zh: spec.speechTitle,
      minutes: spec.minutes,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute()
  await db
    .insertInto('segment_people')
    .values({ segment_id: segmentId, person_id: spec.personId, role: 'speaker', position: 0 })
    .execute()
  return { eventId, sessionId, segmentId }
}
