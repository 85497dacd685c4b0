/**
 * An event at real scale for the e2e lists test and the lists benchmark (issue 19): thousands of
 * invitees and registrations with the long names and titles real lists have to hold.
 */
import type { Kysely } from 'kysely'
import { withOrganizationSearchText, withPersonSearchText } from '../../app/people/search'
import { invitePeople } from '../../app/registration/invitations.server'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { registrationRow } from './registration'

/**
 * `count` people of 200 companies with long names (the widths a real list has to hold), invited
 * to the event `slug`, each registered for its first three sessions with registration. Written
 * in batches through Kysely, the invitations through the application's own invitePeople.
 */
export async function fillEventAtScale(db: Kysely<Database>, slug: string, count: number): Promise<void> {
  const at = nowIso()
  const event = await db
    .selectFrom('events')
    .select(['id', 'ends_on', 'timezone'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const sessions = await db
    .selectFrom('sessions')
    .select('id')
    .where('event_id', '=', event.id)
    .where('registration_required', '=', 1)
    .orderBy('starts_at')
    .limit(3)
    .execute()
  const organizations = Array.from({ length: 200 }, (_, i) =>
    withOrganizationSearchText({
      id: newId(),
      key: null,
      name_zh: `三菱重工业株式会社能源系统事业部第${i}号`,
      name_en: `Mitsubishi Heavy Industries Energy Systems Division No. ${i}`,
      name_ja: `三菱重工業株式会社エナジーシステム事業部第${i}号`,
      country: 'JP',
      kind: 'company' as const,
      fortune500: 0 as const,
      created_at: at,
      updated_at: at,
    }),
  )
  await db.insertInto('organizations').values(organizations).execute()
  const people = Array.from({ length: count }, (_, i) =>
    withPersonSearchText({
      id: newId(),
      key: null,
      organization_id: organizations[i % 200]?.id ?? null,
      family_name: '佐々木',
      given_name: `健太郎${i}`,
      latin_name: `SASAKI Kentaro ${String(i).padStart(4, '0')}`,
      kana: 'ささき けんたろう',
      title_zh: null,
      title_en: 'General Manager, Overseas Business Development',
      title_ja: '海外事業開発部長',
      email: `kentaro.sasaki.${i}@very-long-company-domain.example.co.jp`,
      phone: null,
      preferred_language: 'ja' as const,
      vip: i % 25 === 0 ? (1 as const) : (0 as const),
      dietary: null,
      created_at: at,
      updated_at: at,
    }),
  )
  for (let i = 0; i < people.length; i += 200) {
    await db
      .insertInto('people')
      .values(people.slice(i, i + 200))
      .execute()
  }
  await invitePeople(
    db,
    event,
    people.map((p) => ({ personId: p.id })),
    { userId: null },
  )
  const invitations = await db
    .selectFrom('invitations')
    .select(['id', 'person_id'])
    .where('event_id', '=', event.id)
    .where('person_id', 'in', db.selectFrom('people').select('id').where('email', 'like', 'kentaro.sasaki.%'))
    .execute()
  const byPerson = new Map(invitations.map((i) => [i.person_id, i.id]))
  const registrations = people.map((p, i) =>
    registrationRow({
      event_id: event.id,
      person_id: p.id,
      invitation_id: byPerson.get(p.id) ?? null,
      source: 'invitation',
      family_name: p.family_name,
      given_name: p.given_name,
      latin_name: p.latin_name,
      title: '海外事業開発部長',
      organization_name: organizations[i % 200]?.name_ja ?? '',
      email: p.email ?? '',
    }),
  )
  for (let i = 0; i < registrations.length; i += 200) {
    const chunk = registrations.slice(i, i + 200)
    await db.insertInto('registrations').values(chunk).execute()
    await db
      .insertInto('registration_sessions')
      .values(
        chunk.flatMap((r) =>
          sessions.map((s) => ({
            registration_id: r.id ?? '',
            session_id: s.id,
            status: 'confirmed' as const,
            requested_at: at,
            updated_at: at,
          })),
        ),
      )
      .execute()
  }
}
