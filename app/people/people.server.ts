/**
 * The delegate directory: people and their organizations, kept across events. Commits an import
 * in one transaction, searches, and reads the rows an export writes.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRow, Language, PeopleTable } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { canChangePerson } from '../auth/permissions'
import type { SessionUser } from '../auth/session.server'
import { canCreateEvents } from '../events/events.server'
import { invitePeopleIn } from '../registration/invitations.server'
import { mayInviteTo } from '../registration/rules'
import { searchText, textMatches } from '../registration/text-search.server'
import { normalizeEmail } from '../validation/email'
import type { ExportRow } from './people-export'
import { defaultLanguage, type OnDuplicate, type PersonInput, type RowVerdict } from './people-import'
import { organizationSearchText, personSearchText } from './search'
import { type SessionIndex, vipOnlySessionNamed } from './session-column'

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

function chunked<T>(items: readonly T[]): T[][] {
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

/** Every person with an email, by lower-cased email (the first created wins, as the import matches). */
async function directoryByEmail(db: Kysely<Database>): Promise<Map<string, { id: string; vip: number }>> {
  const byEmail = new Map<string, { id: string; vip: number }>()
  for (const person of await db
    .selectFrom('people')
    .select(['id', 'email', 'vip'])
    .where('email', 'is not', null)
    .orderBy('created_at')
    .execute()) {
    const key = normalizeEmail(person.email ?? '')
    if (!byEmail.has(key)) byEmail.set(key, { id: person.id, vip: person.vip })
  }
  return byEmail
}

export interface ReviewedRows {
  verdicts: RowVerdict[]
  /** lines of duplicates the importer may not update (ADR 0018): they can only be skipped */
  notTheirs: Set<number>
}

/**
 * Judges judged rows once more against the directory and the importer: duplicates of people the
 * importer may not change are marked (they can be skipped, not updated), and, in an import that
 * invites (`sessions`), a row naming a VIP-only session for a person who is not a VIP (by the
 * row's VIP cell, else as stored) becomes invalid.
 */
export async function reviewImportRows(
  db: Kysely<Database>,
  userId: string,
  verdicts: readonly RowVerdict[],
  sessions: { index: SessionIndex; cells: ReadonlyMap<number, string> } | null,
): Promise<ReviewedRows> {
  const directory = await directoryByEmail(db)
  const duplicates = new Map<string, number[]>()
  const reviewed = verdicts.map((verdict): RowVerdict => {
    if (verdict.status === 'invalid') return verdict
    const stored = directory.get(normalizeEmail(verdict.person.email))
    if (verdict.status === 'duplicate' && stored) {
      duplicates.set(stored.id, [...(duplicates.get(stored.id) ?? []), verdict.line])
    }
    const named = sessions ? vipOnlySessionNamed(sessions.cells.get(verdict.line) ?? '', sessions.index) : null
    const vip = (verdict.person.vip ?? stored?.vip ?? 0) === 1
    if (named === null || mayInviteTo({ vipOnly: 1 }, vip)) return verdict
    return {
      line: verdict.line,
      status: 'invalid',
      cells: verdict.cells,
      errors: { sessions: { key: 'invitations.import.vipOnlySession', values: { session: named } } },
    }
  })
  const locked = await peopleNotTheirs(db, userId, [...duplicates.keys()])
  const notTheirs = new Set([...locked].flatMap((id) => duplicates.get(id) ?? []))
  return { verdicts: reviewed, notTheirs }
}

export interface ImportActor {
  id: string
  ip?: string | null
}

export interface ImportOutcome {
  created: number
  updated: number
  skipped: number
  organizationsCreated: number
  /** draft invitations created (an import that invites to an event) */
  invited: number
  /** rows whose person was already invited to that event */
  alreadyInvited: number
}

/** The event an import also invites every imported or matched person to. */
export type ImportInviteEvent = Pick<EventRow, 'id' | 'ends_on' | 'timezone'>

export type CommitResult =
  | ({ ok: true } & ImportOutcome)
  | { ok: false; reason: 'invalid_rows'; invalid: number }
  /** updates of people the importer may not change (ADR 0018), by line */
  | { ok: false; reason: 'not_theirs'; lines: number[] }
  /** rows inviting a person who is not a VIP to a VIP-only session, by line */
  | { ok: false; reason: 'vip_only'; lines: number[] }

const BATCH = 500
const orgKey = (name: string) => name.normalize('NFKC').trim().toLowerCase()

/**
 * Saves judged rows, all or nothing: refuses when any row is invalid; otherwise, in one
 * transaction, creates missing organizations (matched by any of their three names), creates new
 * people, and updates or skips those whose email is already in the directory (checked again here,
 * not trusted from the preview). With `invite`, the same transaction creates a draft invitation
 * to that event for every row's person (created, updated or skipped alike), limited to the
 * sessions the row names. Records one audit entry with the counts.
 */
export async function commitImport(
  db: Kysely<Database>,
  actor: ImportActor,
  rows: readonly RowVerdict[],
  options: { onDuplicate: OnDuplicate; filename?: string; invite?: ImportInviteEvent },
  now = new Date(),
): Promise<CommitResult> {
  const invalid = rows.filter((row) => row.status === 'invalid').length
  if (invalid > 0) return { ok: false, reason: 'invalid_rows', invalid }
  const people = rows.flatMap((row) =>
    row.status === 'invalid' ? [] : [{ ...row.person, line: row.line, sessionIds: row.sessionIds }],
  )
  const at = nowIso(now)

  return serialized<CommitResult>(db, 'people:import', async (trx) => {
    const organizations = new Map<string, { id: string; country: string }>()
    for (const org of await trx
      .selectFrom('organizations')
      .select(['id', 'name_zh', 'name_en', 'name_ja', 'country'])
      .orderBy('created_at')
      .execute()) {
      for (const name of [org.name_zh, org.name_en, org.name_ja]) {
        const key = orgKey(name)
        if (key && !organizations.has(key)) organizations.set(key, { id: org.id, country: org.country })
      }
    }
    type Existing = Pick<
      PeopleTable,
      'id' | 'email' | 'preferred_language' | 'vip' | 'family_name' | 'given_name' | 'latin_name' | 'kana'
    >
    const existing = new Map<string, Existing>()
    for (const person of await trx
      .selectFrom('people')
      .select(['id', 'email', 'preferred_language', 'vip', 'family_name', 'given_name', 'latin_name', 'kana'])
      .where('email', 'is not', null)
      .orderBy('created_at')
      .execute()) {
      const key = normalizeEmail(person.email ?? '')
      if (!existing.has(key)) existing.set(key, person)
    }

    // Checked here, inside the lock, against the directory as it is now (ADR 0018).
    if (options.onDuplicate === 'update') {
      const found = people.flatMap((p) => {
        const match = existing.get(normalizeEmail(p.email))
        return match ? [{ line: p.line, id: match.id }] : []
      })
      const locked = await peopleNotTheirs(
        trx,
        actor.id,
        found.map((f) => f.id),
      )
      const lines = found.filter((f) => locked.has(f.id)).map((f) => f.line)
      if (lines.length > 0) return { ok: false as const, reason: 'not_theirs' as const, lines }
    }
    const named = [...new Set(people.flatMap((p) => p.sessionIds))]
    const vipOnly = new Set<string>()
    for (const chunk of chunked(named)) {
      const found = await trx
        .selectFrom('sessions')
        .select('id')
        .where('id', 'in', chunk)
        .where('vip_only', '=', 1)
        .execute()
      for (const row of found) vipOnly.add(row.id)
    }
    if (vipOnly.size > 0) {
      const lines = people
        .filter((p) => {
          if (!p.sessionIds.some((id) => vipOnly.has(id))) return false
          const stored = existing.get(normalizeEmail(p.email))
          const keeps = stored && (options.onDuplicate === 'skip' || p.vip === null)
          const vip = keeps ? stored.vip : (p.vip ?? 0)
          return !mayInviteTo({ vipOnly: 1 }, vip === 1)
        })
        .map((p) => p.line)
      if (lines.length > 0) return { ok: false as const, reason: 'vip_only' as const, lines }
    }

    const newOrganizations: Database['organizations'][] = []
    const organizationOf = (person: PersonInput): { id: string; country: string } | null => {
      if (!person.organization) return null
      const key = orgKey(person.organization)
      let org = organizations.get(key)
      if (!org) {
        org = { id: newId(), country: person.country ?? 'CN' }
        organizations.set(key, org)
        newOrganizations.push({
          id: org.id,
          key: null,
          name_zh: person.organization,
          name_en: person.organization,
          name_ja: person.organization,
          country: org.country,
          kind: 'company',
          fortune500: 0,
          created_at: at,
          updated_at: at,
          search_text: organizationSearchText({
            name_zh: person.organization,
            name_en: person.organization,
            name_ja: person.organization,
          }),
        })
      }
      return org
    }

    const inserts: PeopleTable[] = []
    const outcome: ImportOutcome = {
      created: 0,
      updated: 0,
      skipped: 0,
      organizationsCreated: 0,
      invited: 0,
      alreadyInvited: 0,
    }
    const invitees: { personId: string; sessionIds: string[] }[] = []
    for (const person of people) {
      const org = organizationOf(person)
      const found = existing.get(normalizeEmail(person.email))
      if (found) invitees.push({ personId: found.id, sessionIds: person.sessionIds })
      if (found && options.onDuplicate === 'skip') {
        outcome.skipped++
        continue
      }
      if (found) {
        const language = person.preferredLanguage ?? found.preferred_language
        // An empty cell keeps what is stored: the search text is made of the names as they will be.
        const names = {
          family_name: person.familyName || found.family_name,
          given_name: person.givenName || found.given_name,
          latin_name: person.latinName || found.latin_name,
          kana: person.kana || found.kana,
          email: found.email,
        }
        await trx
          .updateTable('people')
          .set({
            ...(org ? { organization_id: org.id } : {}),
            ...(person.familyName ? { family_name: person.familyName } : {}),
            ...(person.givenName ? { given_name: person.givenName } : {}),
            ...(person.latinName ? { latin_name: person.latinName } : {}),
            ...(person.kana ? { kana: person.kana } : {}),
            search_text: personSearchText(names),
            ...(person.title ? { [`title_${language}`]: person.title } : {}),
            ...(person.phone ? { phone: person.phone } : {}),
            ...(person.preferredLanguage ? { preferred_language: person.preferredLanguage } : {}),
            ...(person.vip !== null ? { vip: person.vip } : {}),
            updated_at: at,
          })
          .where('id', '=', found.id)
          .execute()
        outcome.updated++
        continue
      }
      const language = person.preferredLanguage ?? defaultLanguage(person.country ?? org?.country ?? null)
      const id = newId()
      invitees.push({ personId: id, sessionIds: person.sessionIds })
      existing.set(normalizeEmail(person.email), {
        id,
        email: person.email,
        preferred_language: language,
        vip: person.vip ?? 0,
        family_name: person.familyName,
        given_name: person.givenName,
        latin_name: person.latinName,
        kana: person.kana,
      })
      inserts.push({
        id,
        key: null,
        organization_id: org?.id ?? null,
        family_name: person.familyName,
        given_name: person.givenName,
        latin_name: person.latinName,
        kana: person.kana,
        title_zh: language === 'zh' ? person.title : null,
        title_en: language === 'en' ? person.title : null,
        title_ja: language === 'ja' ? person.title : null,
        email: person.email,
        phone: person.phone,
        preferred_language: language,
        vip: person.vip ?? 0,
        dietary: null,
        created_at: at,
        updated_at: at,
        search_text: personSearchText({
          family_name: person.familyName,
          given_name: person.givenName,
          latin_name: person.latinName,
          kana: person.kana,
          email: person.email,
        }),
      })
      outcome.created++
    }
    for (let i = 0; i < newOrganizations.length; i += BATCH) {
      await trx
        .insertInto('organizations')
        .values(newOrganizations.slice(i, i + BATCH))
        .execute()
    }
    for (let i = 0; i < inserts.length; i += BATCH) {
      await trx
        .insertInto('people')
        .values(inserts.slice(i, i + BATCH))
        .execute()
    }
    outcome.organizationsCreated = newOrganizations.length
    if (options.invite) {
      const invited = await invitePeopleIn(trx, options.invite, invitees, { userId: actor.id, ip: actor.ip }, now)
      outcome.invited = invited.created
      outcome.alreadyInvited = invited.alreadyInvited
    }
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'people.import',
        entityType: 'people',
        detail: {
          ...outcome,
          rows: people.length,
          onDuplicate: options.onDuplicate,
          filename: options.filename,
          ...(options.invite ? { eventId: options.invite.id } : {}),
        },
        ip: actor.ip ?? null,
      },
      now,
    )
    return { ok: true as const, ...outcome }
  })
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
