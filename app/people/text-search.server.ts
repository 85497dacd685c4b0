/**
 * The organizers' and the door's text search over people's names, emails and organizations, the
 * same on SQLite and PostgreSQL (issue 16): the query is folded (foldForSearch: NFKC, case,
 * katakana to hiragana, spaces) and matched as a substring of the rows' `search_text` columns,
 * which hold the same fold of the searched columns, written with every change to them
 * (search.ts). So スズキ, ｽｽﾞｷ and すずき find one another, 佐藤 健一 finds 佐藤健一, and
 * full-width Latin typed on a Chinese or Japanese keyboard finds half-width text.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { foldForSearch, likePattern } from './search'

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
