/**
 * The organizers' and the door's text search over people's names, emails and organizations, the
 * same on SQLite and PostgreSQL (issue 16): the query is folded (foldForSearch: NFKC, case,
 * katakana to hiragana, spaces) and matched as a substring of the rows' `search_text` columns,
 * which hold the same fold of the searched columns, written with every change to them
 * (app/people/search.ts). So スズキ, ｽｽﾞｷ and すずき find one another, 佐藤 健一 finds 佐藤健一, and
 * full-width Latin typed on a Chinese or Japanese keyboard finds half-width text.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { foldForSearch, likePattern } from '../people/search'

/** The query as searched: at most 200 characters of it, folded; '' means no search. */
export function searchText(q: string | null | undefined): string {
  return foldForSearch((q ?? '').slice(0, 200))
}

/**
 * An OR of substring matches of the folded query `q` (from searchText) over `search_text`
 * columns; a null column (an outer join that found no row) matches nothing.
 */
export function textMatches<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  q: string,
  columns: readonly Expression<string | null>[],
): Expression<SqlBool> {
  const pattern = likePattern(q)
  return eb.or(columns.map((column) => sql<SqlBool>`coalesce(${column}, '') like ${pattern} escape '\\'`))
}

/** The search_text columns searchEventPeople can match: the listed row's, the person's, the organization's. */
export type EventPeopleSearchColumn = 'e.search_text' | 'p.search_text' | 'o.search_text'

/**
 * An event's invitations or registrations (as `e`), each with its person (`p`) and the person's
 * organization (`o`, null when the person has none), narrowed to the rows whose `columns` match
 * `q` (textMatches; a query that folds to '' keeps every row). The organizers' lists build on it.
 */
export function searchEventPeople<T extends 'invitations' | 'registrations'>(
  db: Kysely<Database>,
  table: T,
  eventId: string,
  q: string | null | undefined,
  columns: readonly EventPeopleSearchColumn[],
) {
  const query = db
    .selectFrom(db.dynamic.table(table).as('e'))
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .where(ofEvent(eventId))
  const folded = searchText(q)
  if (!folded) return query
  return query.where((eb) =>
    textMatches(
      eb,
      folded,
      columns.map((column) => sql.ref<string | null>(column)),
    ),
  )
}

/** `e` (either table) is the event's: named in SQL, as a column the two tables share. */
function ofEvent(eventId: string) {
  return sql<SqlBool>`${sql.ref('e.event_id')} = ${eventId}`
}

/** A query of searchEventPeople's, further narrowed or not. */
export type EventPeopleQuery<T extends 'invitations' | 'registrations'> = ReturnType<typeof searchEventPeople<T>>

/** How many rows `query` finds, and how many of `table` the event has in all. */
export async function countEventPeople<T extends 'invitations' | 'registrations'>(
  db: Kysely<Database>,
  table: T,
  eventId: string,
  query: EventPeopleQuery<T>,
): Promise<{ matched: number; total: number }> {
  const [{ matched }, { total }] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number | string>().as('matched')).executeTakeFirstOrThrow(),
    db
      .selectFrom(db.dynamic.table(table).as('e'))
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .where(ofEvent(eventId))
      .executeTakeFirstOrThrow(),
  ])
  return { matched: Number(matched), total: Number(total) }
}
