/**
 * The demo's directory, sessions and run of show (db/seed/demo-event.json), written through the
 * organizers' own commands inside the seed's transaction. Every command's refusal is a broken
 * seed: it throws.
 */
import type { Kysely } from 'kysely'
import { newId } from '../../db/ids'
import type { Database, Language, OrganizationKind, SessionRow, StageRole } from '../../db/schema'
import demo from '../../db/seed/demo-event.json'
import type { SessionUser } from '../auth/session.server'
import { addDays } from '../i18n/format'
import { organizationSearchText, personSearchText } from '../people/search'
import { setRanks, setTableSeats } from '../run-of-show/protocol.server'
import { roomKey } from '../run-of-show/rooms'
import { SEGMENT_KINDS } from '../run-of-show/rules'
import type { ProjectInput } from '../run-of-show/segment-form'
import { createSegment, updateSegment } from '../run-of-show/segments.server'
import { addParty, addStagePerson } from '../run-of-show/stage.server'
import { INTERPRETATION_PAIRS, SESSION_KINDS, type SessionInput } from '../sessions/session-form'
import { createSession } from '../sessions/sessions.server'
import { zonedToUtc } from '../time/zoned'

type Triple = { zh: string; en: string; ja: string }
const EMPTY: Triple = { zh: '', en: '', ja: '' }

/** Throws unless a command said yes: the demo data must be valid. */
export function must<T extends { ok: boolean }>(result: T, what: string): asserts result is Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: ${what} refused: ${JSON.stringify(result)}`)
}

/** `value` as one of `choices`, or a broken seed file. */
export function oneOf<T extends string>(choices: readonly T[], value: string, what: string): T {
  const found = choices.find((c) => c === value)
  if (found === undefined) throw new Error(`demo seed: unknown ${what} ${value}`)
  return found
}

function need(map: Map<string, string>, key: string, what: string): string {
  const id = map.get(key)
  if (!id) throw new Error(`demo seed: unknown ${what} ${key}`)
  return id
}

export function zonedIso(date: string, time: string, timeZone: string): string {
  const result = zonedToUtc(date, time, timeZone)
  if (!result.ok) throw new Error(`demo seed: ${date} ${time} does not exist in ${timeZone}`)
  return result.iso
}

/** Fictional people get addresses under the reserved .invalid domain: nothing can ever be delivered. */
function demoEmail(latin: string, orgKey: string | null): string {
  const local = latin
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '')
  return `${local}@${orgKey ?? 'guest'}.signet.invalid`
}

export interface Directory {
  orgIds: Map<string, string>
  personIds: Map<string, string>
}

/**
 * The organizations and people, by their seed keys. Written directly: no organizer command
 * creates one organization or person with a seed key, three titles, VIP and diet (the import
 * matches by name and email and sets one title).
 */
export async function seedDirectory(trx: Kysely<Database>, stamp: string): Promise<Directory> {
  const orgIds = new Map<string, string>()
  for (const org of demo.organizations) {
    const id = newId()
    orgIds.set(org.key, id)
    await trx
      .insertInto('organizations')
      .values({
        id,
        key: org.key,
        name_zh: org.name.zh,
        name_en: org.name.en,
        name_ja: org.name.ja,
        country: org.country,
        kind: org.kind as OrganizationKind,
        fortune500: 'fortune500' in org && org.fortune500 ? 1 : 0,
        created_at: stamp,
        updated_at: stamp,
        search_text: organizationSearchText({ name_zh: org.name.zh, name_en: org.name.en, name_ja: org.name.ja }),
      })
      .execute()
  }
  const personIds = new Map<string, string>()
  for (const p of [...demo.people, ...demo.stagePeople]) {
    const org = p.org ? orgIds.get(p.org) : undefined
    const personId = newId()
    personIds.set(p.key, personId)
    const name = {
      family_name: p.family,
      given_name: p.given,
      latin_name: p.latin,
      kana: 'kana' in p ? (p.kana ?? null) : null,
      email: demoEmail(p.latin, p.org),
    }
    await trx
      .insertInto('people')
      .values({
        id: personId,
        key: p.key,
        organization_id: org ?? null,
        ...name,
        search_text: personSearchText(name),
        title_zh: p.title.zh,
        title_en: p.title.en,
        title_ja: p.title.ja,
        phone: null,
        preferred_language: p.lang as Language,
        vip: 'vip' in p && p.vip ? 1 : 0,
        dietary: 'diet' in p && p.diet && p.diet !== 'none' ? p.diet : null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
  }
  return { orgIds, personIds }
}

/** Companies each site visit goes to (the article names them in the visits' titles). */
const VISITS: Record<string, string[]> = {
  'visit-yeda': ['wanhua'],
  'visit-longkou': ['yulong'],
  'visit-port': ['yantai-port', 'cimc-raffles'],
}

/** The meeting point without its time: 'Hotel lobby, meet 08:15' -> 'Hotel lobby'. */
function placeOnly(text: string): string {
  return text
    .replace(/,?\s*meet\s*\d{2}:\d{2}/i, '')
    .replace(/\s*\d{2}:\d{2}\s*集合/, '')
    .trim()
}

/** The sessions, with their buses and companies visited, as the session form would save them. */
export async function seedSessions(
  trx: Kysely<Database>,
  actor: SessionUser,
  eventId: string,
  startsOn: string,
  orgIds: Map<string, string>,
  now: Date,
): Promise<Map<string, SessionRow>> {
  const tz = demo.event.timezone
  const sessions = new Map<string, SessionRow>()
  for (const s of demo.sessions) {
    const date = addDays(startsOn, s.day - 1)
    const meeting = 'meetingPoint' in s && s.meetingPoint ? s.meetingPoint : null
    const meetingTime = meeting ? /\d{2}:\d{2}/.exec(meeting.en)?.[0] : undefined
    const buses = 'buses' in s && s.buses ? s.buses : 0
    const input: SessionInput = {
      kind: oneOf(SESSION_KINDS, s.kind, 'session kind'),
      title: s.title,
      description: EMPTY,
      room: 'room' in s && s.room ? s.room : EMPTY,
      startsAt: zonedIso(date, s.start, tz),
      endsAt: zonedIso(date, s.end, tz),
      capacity: s.capacity,
      // Every delegate may attend the opening; the rest are registered for.
      registrationRequired: s.kind !== 'ceremony',
      vipOnly: false,
      interpretation: ('interpretation' in s && s.interpretation ? s.interpretation : []).map((pair) =>
        oneOf(INTERPRETATION_PAIRS, pair, 'interpretation'),
      ),
      chain: 'chain' in s && s.chain ? s.chain : null,
      meetingPoint: meeting
        ? { zh: placeOnly(meeting.zh), en: placeOnly(meeting.en), ja: placeOnly(meeting.ja) }
        : EMPTY,
      meetingAt: meetingTime ? zonedIso(date, meetingTime, tz) : null,
      buses: Array.from({ length: buses }, (_, i) => ({ label: String(i + 1), seats: Math.ceil(s.capacity / buses) })),
      visits: (VISITS[s.key] ?? []).map((key) => need(orgIds, key, 'company')),
    }
    const created = await createSession(trx, actor, eventId, input, now)
    must(created, `session ${s.key}`)
    sessions.set(
      s.key,
      await trx.selectFrom('sessions').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow(),
    )
  }
  return sessions
}

/**
 * The reference run of show: the opening's speeches, award and initiative, and the three
 * signings with their projects. Each organization coming up is represented by the first demo
 * person of that organization; protocol ranks and table seats as in the seed. The people on
 * stage must be invited to the event first (the commands refuse anyone else).
 */
export async function seedRunOfShow(
  trx: Kysely<Database>,
  actor: SessionUser,
  eventId: string,
  sessions: Map<string, SessionRow>,
  directory: Directory,
  now: Date,
): Promise<void> {
  const everyone = [...demo.people, ...demo.stagePeople]
  const representative = (orgKey: string) => {
    const person = everyone.find((p) => p.org === orgKey)
    if (!person) throw new Error(`demo seed: nobody represents ${orgKey}`)
    return need(directory.personIds, person.key, 'person')
  }
  for (const item of demo.runOfShow) {
    const session = sessions.get(item.session)
    if (!session) throw new Error(`demo seed: unknown session ${item.session}`)
    const kind = oneOf(SEGMENT_KINDS, item.kind, 'segment kind')
    const project = 'project' in item && item.project ? item.project : null
    const { segmentId } = await createSegment(
      trx,
      actor,
      session,
      { kind, title: item.title, minutes: item.minutes },
      now,
    )
    const signed: ProjectInput | null =
      kind === 'signing' && project
        ? {
            name: project.name,
            chain: 'chain' in item && item.chain ? item.chain : null,
            amount: `${project.amount}.00`,
            currency: project.currency,
            location: project.location,
            description: EMPTY,
            status: 'confirmed',
          }
        : null
    const details = {
      title: item.title,
      minutes: item.minutes,
      script: item.script,
      award: 'award' in item && item.award ? item.award : EMPTY,
      citation: 'citation' in item && item.citation ? item.citation : EMPTY,
      copies: project?.copies ?? null,
      project: signed,
    }
    must(
      await updateSegment(trx, actor, session, demo.event.timezone, segmentId, details, now),
      `segment ${item.title.en}`,
    )
    const roles: [StageRole, string[]][] = [
      ['speaker', 'onStage' in item && item.onStage ? item.onStage : []],
      ['presenter', 'presenters' in item && item.presenters ? item.presenters : []],
      ['witness', 'witnesses' in item && item.witnesses ? item.witnesses : []],
    ]
    for (const [role, people] of roles) {
      for (const key of people) {
        const personId = need(directory.personIds, key, 'person')
        must(await addStagePerson(trx, actor, session.id, segmentId, { personId, role }, now), `${role} ${key}`)
      }
    }
    const parties = [
      ...('parties' in item && item.parties ? item.parties : []),
      ...('recipients' in item && item.recipients ? item.recipients : []),
    ]
    for (const orgKey of parties) {
      const party = {
        organizationId: need(directory.orgIds, orgKey, 'organization'),
        personId: representative(orgKey),
        assistantId: null,
      }
      must(await addParty(trx, actor, session.id, segmentId, party, now), `party ${orgKey}`)
    }
  }
  const ranks = new Map(
    Object.entries(demo.protocol.ranks).map(([key, rank]) => [need(directory.personIds, key, 'person'), rank]),
  )
  must(await setRanks(trx, actor, eventId, ranks, now), 'protocol ranks')
  for (const [room, seats] of Object.entries(demo.stageTables)) {
    if (typeof seats !== 'number') continue
    const key = roomKey({ room_zh: room, room_en: '', room_ja: '' })
    const session = [...sessions.values()].find((s) => roomKey(s) === key)
    if (!session) throw new Error(`demo seed: no session in room ${room}`)
    must(await setTableSeats(trx, actor, session, seats, now), `table seats of ${room}`)
  }
}
