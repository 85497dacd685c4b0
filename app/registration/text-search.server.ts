/**
 * The organizers' text search over people's names, emails and organizations, the same on SQLite
 * and PostgreSQL: a case-insensitive substring (`lower(…) like '%…%' escape '\'`), so CJK, kana
 * and Latin all match inside a name. The query is NFKC-normalized first, so full-width Latin
 * typed on a Chinese or Japanese keyboard finds half-width text.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { likePattern } from '../people/search'

/** The search text as used: trimmed, NFKC, at most 200 characters; '' means no search. */
export function searchText(q: string | null | undefined): string {
  return (q ?? '').normalize('NFKC').trim().slice(0, 200)
}

/**
 * An OR of substring matches of `q` over `columns`. A native name is also matched as family and
 * given name together, with and without a space (李娜, 佐藤 健一).
 */
export function textMatches<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  q: string,
  columns: {
    names: readonly { family: Expression<string | null>; given: Expression<string | null> }[]
    others: readonly Expression<string | null>[]
  },
): Expression<SqlBool> {
  const pattern = likePattern(q)
  const like = (column: Expression<string | null>) =>
    sql<SqlBool>`lower(coalesce(${column}, '')) like ${pattern} escape '\\'`
  const parts: Expression<SqlBool>[] = []
  for (const { family, given } of columns.names) {
    parts.push(like(family), like(given))
    parts.push(like(sql<string>`coalesce(${family}, '') || coalesce(${given}, '')`))
    parts.push(like(sql<string>`coalesce(${family}, '') || ' ' || coalesce(${given}, '')`))
  }
  for (const column of columns.others) parts.push(like(column))
  return eb.or(parts)
}
