/**
 * An import's commit into the delegate directory, which may also invite every imported person to
 * an event: the rows judged once more against the directory and the importer (ADR 0018), then
 * saved, all or nothing, with their draft invitations in the same transaction. Registration's,
 * as it builds on the directory (app/people) and invites.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRow, PeopleTable } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { chunked, peopleNotTheirs } from '../people/people.server'
import { defaultLanguage, type OnDuplicate, type PersonInput, type RowVerdict } from '../people/people-import'
import { organizationSearchText, personSearchText } from '../people/search'
import { type SessionIndex, vipOnlySessionNamed } from '../people/session-column'
import { normalizeEmail } from '../validation/email'
import { invitePeopleIn } from './invitations.server'
import { mayInviteTo } from './rules'

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
 * Saves judged rows, all or nothing: refuses when any row is invalid (with `skipInvalid`, saves
 * the valid rows and leaves the invalid ones out, refusing only a file with no valid row); in one
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
  options: { onDuplicate: OnDuplicate; filename?: string; invite?: ImportInviteEvent; skipInvalid?: boolean },
  now = new Date(),
): Promise<CommitResult> {
  const invalid = rows.filter((row) => row.status === 'invalid').length
  // All or nothing, unless asked to save the valid rows and skip the rest; a file with no valid
  // row saves nothing either way.
  if (invalid > 0 && (!options.skipInvalid || invalid === rows.length))
    return { ok: false, reason: 'invalid_rows', invalid }
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
