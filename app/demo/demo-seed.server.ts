/**
 * Seeds the reference event (db/seed/demo-event.json) into an empty database: organizations,
 * people, the event and its hosts, sessions, run of show, and an admin account, through the same
 * commands an organizer's forms call. All or nothing, in one transaction.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import demo from '../../db/seed/demo-event.json'
import { exclusively } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { generatePassword } from '../auth/password.server'
import type { SessionUser } from '../auth/session.server'
import { DEFAULT_SCAN_OPENS_MINUTES } from '../checkin/rules'
import { HOST_ROLES, REGISTRATION_MODES } from '../events/event-form'
import { createEvent, setEventStatus } from '../events/events.server'
import { addDays, localDateOf } from '../i18n/format'
import { LANGUAGES } from '../i18n/languages'
import { invitePeopleIn, queueInvitations } from '../registration/invitations.server'
import { declineInvitation } from '../registration/registration.server'
import { submitRegistration } from '../registration/submission.server'
import { createUser } from '../users/users.server'
import { must, oneOf, seedDirectory, seedRunOfShow, seedSessions, zonedIso } from './demo-program.server'

export const DEMO_ADMIN_EMAIL = 'admin@signet.test'
/** The demo event starts this many days after the day it is seeded. */
export const DEMO_LEAD_DAYS = 30

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const [users, events] = await Promise.all([
    db.selectFrom('users').select('id').limit(1).execute(),
    db.selectFrom('events').select('id').limit(1).execute(),
  ])
  return users.length === 0 && events.length === 0
}

export interface SeedResult {
  adminEmail: string
  adminPassword: string
  eventSlug: string
}

export type FirstStart = { status: 'seeded'; seed: SeedResult } | { status: 'empty' } | { status: 'not_empty' }

/**
 * At boot: seeds the demo (when `seed`) if the database is empty, and says what it found. The
 * check and the seed run under one lock, so instances starting together on one empty PostgreSQL
 * database seed it once: the others wait, then find it seeded. Run again, it changes nothing.
 */
export function seedDemoOnce(
  db: Kysely<Database>,
  options: { seed: boolean; now?: Date; secret?: string },
): Promise<FirstStart> {
  return exclusively(db, 'demo:seed', async (): Promise<FirstStart> => {
    if (!(await isEmpty(db))) return { status: 'not_empty' }
    if (!options.seed) return { status: 'empty' }
    return { status: 'seeded', seed: await seedDemo(db, options.now ?? new Date(), options.secret) }
  })
}

/**
 * Seeds the demo through the organizers' own commands, in one transaction: the admin, the
 * directory, the event, its sessions and run of show, and a draft invitation for everyone. With
 * the server's `secret`, the invitations are then sent and most of them answered (through the
 * same domain calls a delegate's form makes), so every screen has data.
 */
export async function seedDemo(db: Kysely<Database>, now = new Date(), secret?: string): Promise<SeedResult> {
  const adminPassword = generatePassword()
  const stamp = nowIso(now)
  const e = demo.event
  const startsOn = addDays(localDateOf(now, e.timezone), DEMO_LEAD_DAYS)

  await db.transaction().execute(async (trx) => {
    const user = { email: DEMO_ADMIN_EMAIL, name: 'Signet Admin', password: adminPassword, isAdmin: true }
    const created = await createUser(trx, user, null, now)
    must(created, 'admin account')
    const admin: SessionUser = {
      id: created.id,
      email: DEMO_ADMIN_EMAIL,
      name: user.name,
      isAdmin: true,
      language: 'zh',
    }
    const directory = await seedDirectory(trx, stamp)
    const hosts = demo.hosts.map((host) => ({
      organizationId: directory.orgIds.get(host.org) ?? '',
      role: oneOf(HOST_ROLES, host.role.replace('-', '_'), 'host role'),
    }))
    const event = await createEvent(
      trx,
      admin,
      {
        slug: e.slug,
        title: e.title,
        description: { zh: '', en: '', ja: '' },
        venue: e.venue,
        address: { zh: '中国山东省烟台市', en: 'Yantai, Shandong, China', ja: '中国山東省煙台市' },
        timezone: e.timezone,
        startsOn,
        endsOn: addDays(startsOn, e.days - 1),
        registrationMode: oneOf(REGISTRATION_MODES, e.registration, 'registration mode'),
        registrationOpensAt: stamp,
        registrationClosesAt: zonedIso(addDays(startsOn, -3), '18:00', e.timezone),
        languages: e.languages.map((lng) => oneOf(LANGUAGES, lng, 'language')),
        scanOpensMinutes: DEFAULT_SCAN_OPENS_MINUTES,
        // a made-up desk of the bureau: the .invalid domain and the 555 number reach nobody
        contact: {
          name: '烟台市商务局 投资促进科',
          phone: '+86 535 555 0123',
          email: 'invest-desk@yantai-bureau.signet.invalid',
          wechat: 'yantai_invest_desk',
          senderName: '烟台市商务局',
          replyTo: 'invest-desk@yantai-bureau.signet.invalid',
        },
        hosts,
      },
      now,
    )
    must(event, 'event')
    must(await setEventStatus(trx, admin, event.id, 'published', now), 'publishing the event')
    const sessions = await seedSessions(trx, admin, event.id, startsOn, directory.orgIds, now)
    // Everyone is invited (drafts; sent below when there is a secret): who is on stage must be.
    const row = await trx.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow()
    const people = await trx.selectFrom('people').select('id').orderBy('key').execute()
    const invitees = people.map((p) => ({ personId: p.id }))
    await invitePeopleIn(trx, row, invitees, { userId: null }, now)
    await seedRunOfShow(trx, admin, event.id, sessions, directory, now)
    // The seed is not the admin's work: the admin organizes no event, and the log says 'demo.seed'.
    await trx.deleteFrom('event_members').where('user_id', '=', admin.id).execute()
    await trx
      .deleteFrom('audit_log')
      .where((eb) => eb.or([eb('actor_user_id', '=', admin.id), eb('entity_id', '=', admin.id)]))
      .execute()
    await audit(
      trx,
      { actorUserId: null, action: 'demo.seed', entityType: 'event', entityId: event.id, detail: { slug: e.slug } },
      now,
    )
  })
  if (secret) await seedRegistrations(db, secret, e.slug, now)
  return { adminEmail: DEMO_ADMIN_EMAIL, adminPassword, eventSlug: e.slug }
}

/** Who declines, and who has not answered yet, among the demo people (by seed key order). */
const DECLINING = 2
const NOT_ANSWERED = 3

async function seedRegistrations(db: Kysely<Database>, secret: string, slug: string, now: Date): Promise<void> {
  const event = await db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
  const people = await db.selectFrom('people').selectAll().orderBy('key').execute()
  const sessions = await db
    .selectFrom('sessions')
    .select(['id', 'kind', 'starts_at'])
    .where('event_id', '=', event.id)
    .where('registration_required', '=', 1)
    .orderBy('starts_at')
    .execute()
  const actor = { userId: null }
  await queueInvitations(db, secret, event.id, 'all', 'send', actor, now)
  // The demo's invitations count as delivered: their addresses are under .invalid.
  await db
    .updateTable('invitations')
    .set({ status: 'sent', sent_at: nowIso(now) })
    .where('event_id', '=', event.id)
    .execute()
  await db.deleteFrom('outbox').where('event_id', '=', event.id).execute()
  const invitations = await db
    .selectFrom('invitations')
    .select(['id', 'person_id'])
    .where('event_id', '=', event.id)
    .execute()
  const invitationOf = new Map(invitations.map((i) => [i.person_id, i.id]))
  const forums = sessions.filter((s) => s.kind !== 'site_visit')
  const visits = sessions.filter((s) => s.kind === 'site_visit')
  // Signatories and the people receiving awards register, for the sessions where they are on stage.
  const onStage = await db
    .selectFrom('segment_parties as p')
    .innerJoin('segments as s', 's.id', 'p.segment_id')
    .select(['p.person_id', 's.session_id'])
    .where('s.event_id', '=', event.id)
    .where('s.kind', 'in', ['signing', 'award'])
    .execute()
  const stageSessions = (personId: string) =>
    sessions.filter((s) => onStage.some((o) => o.person_id === personId && o.session_id === s.id))
  const answering = people.filter((p) => stageSessions(p.id).length === 0 && !onStage.some((o) => o.person_id === p.id))
  const silent = new Set(answering.slice(-NOT_ANSWERED).map((p) => p.id))
  const declining = new Set(answering.slice(-NOT_ANSWERED - DECLINING, -NOT_ANSWERED).map((p) => p.id))
  for (const [n, person] of people.entries()) {
    const invitationId = invitationOf.get(person.id)
    if (!invitationId) continue
    if (silent.has(person.id)) continue
    if (declining.has(person.id)) {
      await declineInvitation(db, invitationId, actor, now)
      continue
    }
    const chosen = [...stageSessions(person.id), forums[n % forums.length], visits[n % visits.length]].filter(
      (s) => s !== undefined,
    )
    // Parallel forums: keep only choices that do not overlap (the first of each time slot).
    const sessionIds = chosen
      .filter((s, i) => chosen.findIndex((o) => o.starts_at === s.starts_at) === i)
      .map((s) => s.id)
    const result = await submitRegistration(
      db,
      secret,
      {
        invitationId,
        lng: person.preferred_language,
        source: 'invitation',
        input: {
          familyName: person.family_name,
          givenName: person.given_name,
          latinName: person.latin_name,
          kana: person.kana,
          title: { zh: person.title_zh, en: person.title_en, ja: person.title_ja }[person.preferred_language] ?? '',
          organization: '',
          email: person.email ?? `${person.id}@guest.signet.invalid`,
          phone: '',
          language: person.preferred_language,
          diet: person.dietary === 'halal' || person.dietary === 'vegetarian' ? person.dietary : 'none',
          allergies: '',
          accessibility: '',
          interpretation: person.preferred_language === 'zh' ? '' : person.preferred_language,
          arrivalDate: addDays(event.starts_on, -1),
          arrivalTransport: n % 2 === 0 ? 'NH 921' : 'JL 021',
          departureDate: event.ends_on,
          departureTransport: n % 2 === 0 ? 'NH 922' : 'JL 022',
          hotelNeeded: n % 3 !== 0,
          sessionIds,
          submissionKey: null,
        },
      },
      now,
    )
    if (!result.ok) throw new Error(`demo seed: registration refused: ${JSON.stringify(result.errors)}`)
  }
  // Confirmation mails to .invalid addresses would only bounce.
  await db.deleteFrom('outbox').where('event_id', '=', event.id).execute()
}
