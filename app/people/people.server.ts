/**
 * The delegate directory: people and their organizations, kept across events. Who may change
 * whom, the search, and the rows an export writes. An import's commit, which may also invite,
 * is registration's (app/registration/people-import.server.ts).
 */
import type { Kysely } from 'kysely'
import type { Database, Language } from '../../db/schema'
import { canChangePerson } from '../auth/permissions'
import type { SessionUser } from '../auth/session.server'
import { canCreateEvents } from '../events/events.server'
import { normalizeEmail } from '../validation/email'
import type { ExportRow } from './people-export'
import { searchText, textMatches } from './text-search.server'

/** Admins, and organizers of any event, keep the directory (the same people as may create events). */
export function canManagePeople(db: Kysely<Database>, user: SessionUser): Promise<boolean> {
  return canCreateEvents(db, user)
}

/** Every email in the directory, lower-cased: what makes an imported row a duplicate. */
export async function loadExistingEmails(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('people').select('email').where('email', 'is not', null).execute()
  return new Set(rows.flatMap((row) => (row.email ? [normalizeEmail(row.email)] : [])))
}

const CHUNK = 500

/** `items` in slices of 500, to stay far below SQLite's bound parameters per statement. */
export function chunked<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/**
 * Of `personIds`, those `userId` may not change (ADR 0018): all the people some event uses that
 * the user does not organize, unless the user is an admin. An event uses a person it invited,
 * registered, ranked in its protocol order or put on the stage of one of its ceremonies.
 */
export async function peopleNotTheirs(
  db: Kysely<Database>,
  userId: string,
  personIds: readonly string[],
): Promise<Set<string>> {
  const ids = [...new Set(personIds)]
  const user = await db.selectFrom('users').select('is_admin').where('id', '=', userId).executeTakeFirst()
  const isAdmin = user?.is_admin === 1
  if (ids.length === 0 || isAdmin) return new Set()
  const organized = await db
    .selectFrom('event_members')
    .select('event_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'organizer')
    .execute()
  const organizes = new Set(organized.map((row) => row.event_id))
  const usedBy = new Map<string, Set<string>>()
  const use = (rows: readonly { person_id: string | null; event_id: string }[]) => {
    for (const { person_id, event_id } of rows) {
      if (!person_id) continue
      const events = usedBy.get(person_id) ?? new Set<string>()
      events.add(event_id)
      usedBy.set(person_id, events)
    }
  }
  for (const chunk of chunked(ids)) {
    for (const table of ['invitations', 'registrations', 'protocol_ranks'] as const) {
      use(await db.selectFrom(table).select(['person_id', 'event_id']).where('person_id', 'in', chunk).execute())
    }
    use(
      await db
        .selectFrom('segment_people as sp')
        .innerJoin('segments as s', 's.id', 'sp.segment_id')
        .select(['sp.person_id', 's.event_id'])
        .where('sp.person_id', 'in', chunk)
        .execute(),
    )
    for (const column of ['sp.person_id', 'sp.assistant_id'] as const) {
      use(
        await db
          .selectFrom('segment_parties as sp')
          .innerJoin('segments as s', 's.id', 'sp.segment_id')
          .select([`${column} as person_id`, 's.event_id'])
          .where(column, 'in', chunk)
          .execute(),
      )
    }
  }
  return new Set(ids.filter((id) => !canChangePerson({ isAdmin }, usedBy.get(id) ?? [], organizes)))
}

export interface PeopleFilter {
  q?: string
  organizationId?: string
  /** ISO-2 country of the organization */
  country?: string
  vip?: boolean
}

export interface PersonListItem {
  id: string
  familyName: string
  givenName: string
  latinName: string
  kana: string | null
  title: Record<Language, string | null>
  email: string | null
  phone: string | null
  preferredLanguage: Language
  vip: boolean
  organization: Record<Language, string> | null
  country: string | null
}

export const LIST_LIMIT = 500

/**
 * The directory, filtered. `q` is a substring of a native name (family, given, or both together),
 * the Latin name, kana, email or an organization's name in any language, folded alike on both
 * dialects (kana, width, case and spaces: searchText). Returns at most LIST_LIMIT people, and how
 * many matched.
 */
export async function listPeople(
  db: Kysely<Database>,
  filter: PeopleFilter = {},
): Promise<{ people: PersonListItem[]; matched: number; total: number; countries: string[] }> {
  let query = db.selectFrom('people as p').leftJoin('organizations as o', 'o.id', 'p.organization_id')
  const q = searchText(filter.q)
  if (q) {
    // The organization's names are matched in its own search text, so renaming one changes no person's row.
    query = query.where((eb) => textMatches(eb, q, [eb.ref('p.search_text'), eb.ref('o.search_text')]))
  }
  if (filter.organizationId) query = query.where('p.organization_id', '=', filter.organizationId)
  if (filter.country) query = query.where('o.country', '=', filter.country)
  if (filter.vip !== undefined) query = query.where('p.vip', '=', filter.vip ? 1 : 0)

  const [{ matched }, { total }, countries, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number | string>().as('matched')).executeTakeFirstOrThrow(),
    db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .executeTakeFirstOrThrow(),
    listPeopleCountries(db),
    query
      .selectAll('p')
      .select(['o.name_zh', 'o.name_en', 'o.name_ja', 'o.country'])
      .orderBy('p.latin_name')
      .orderBy('p.family_name')
      .orderBy('p.id')
      .limit(LIST_LIMIT)
      .execute(),
  ])
  return {
    matched: Number(matched),
    total: Number(total),
    countries,
    people: rows.map((row) => ({
      id: row.id,
      familyName: row.family_name,
      givenName: row.given_name,
      latinName: row.latin_name,
      kana: row.kana,
      title: { zh: row.title_zh, en: row.title_en, ja: row.title_ja },
      email: row.email,
      phone: row.phone,
      preferredLanguage: row.preferred_language,
      vip: row.vip === 1,
      organization:
        row.name_zh !== null && row.name_en !== null && row.name_ja !== null
          ? { zh: row.name_zh, en: row.name_en, ja: row.name_ja }
          : null,
      country: row.country,
    })),
  }
}

/** The countries of the directory's organizations, for the filter. */
export async function listPeopleCountries(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select('o.country')
    .distinct()
    .orderBy('o.country')
    .execute()
  return rows.map((row) => row.country)
}

const firstOf = (values: (string | null)[]): string => values.find((v) => v?.trim()) ?? ''

/**
 * Every person as an export row, with the import's columns: the organization's name in `lng`
 * (any of its names matches on re-import), the title in the person's own language.
 */
export async function exportRows(db: Kysely<Database>, lng: Language = 'en'): Promise<ExportRow[]> {
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('p')
    .select(['o.name_zh', 'o.name_en', 'o.name_ja', 'o.country'])
    .orderBy('p.latin_name')
    .orderBy('p.family_name')
    .orderBy('p.id')
    .execute()
  return rows.map((row) => {
    const names: Record<Language, string | null> = { zh: row.name_zh, en: row.name_en, ja: row.name_ja }
    const titles: Record<Language, string | null> = { zh: row.title_zh, en: row.title_en, ja: row.title_ja }
    return {
      organization: firstOf([names[lng], names.en, names.zh, names.ja]),
      country: row.country ?? '',
      family_name: row.family_name,
      given_name: row.given_name,
      latin_name: row.latin_name,
      kana: row.kana ?? '',
      title: firstOf([titles[row.preferred_language], titles.en, titles.zh, titles.ja]),
      email: row.email ?? '',
      phone: row.phone ?? '',
      preferred_language: row.preferred_language,
      vip: row.vip === 1 ? 'yes' : 'no',
    }
  })
}
