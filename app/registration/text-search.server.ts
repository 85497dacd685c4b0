/**
 * The organizers' lists' search over an event's invitations or registrations with their people
 * and organizations, on the folded text search of app/people/text-search.server.ts (issue 16).
 */
import { type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { searchText, textMatches } from '../people/text-search.server'

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

/**
 * How many rows `query` finds, and how many of `table` the event has in all. `byStatus` says the
 * query narrows the rows by their own status at most (no search, no filter on the person or the
 * organization): then both are counted on the table's (event_id, status) index alone, without
 * joining the people, whom every row has exactly one of (the count at 50,000, issue 19).
 */
export async function countEventPeople<T extends 'invitations' | 'registrations'>(
  db: Kysely<Database>,
  table: T,
  eventId: string,
  query: EventPeopleQuery<T>,
  byStatus: { status: string | undefined } | null = null,
): Promise<{ matched: number; total: number }> {
  const all = () =>
    db
      .selectFrom(db.dynamic.table(table).as('e'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where(ofEvent(eventId))
  const status = byStatus?.status
  const [{ n: matched }, { n: total }] = await Promise.all([
    byStatus
      ? (status ? all().where(sql.ref('e.status'), '=', status) : all()).executeTakeFirstOrThrow()
      : query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    all().executeTakeFirstOrThrow(),
  ])
  return { matched: Number(matched), total: Number(total) }
}
