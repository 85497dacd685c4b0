/**
 * A fingerprint of everything a database holds: each table's rows, hashed. Two equal
 * fingerprints mean nothing was written in between (on SQLite and PostgreSQL alike).
 */
import { createHash } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { testDialect } from './db'

export async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const rows =
    testDialect === 'sqlite'
      ? await sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)
  return rows.rows.map((r) => r.name).sort()
}

/**
 * Table name → hash of its rows (order-independent). `newColumns`: columns per table to leave
 * out, such as those a migration adds, so that rows from before it compare equal.
 */
export async function fingerprint(
  db: Kysely<Database>,
  newColumns: Record<string, readonly string[]> = {},
): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const name of await tableNames(db)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)
    const omit = new Set(newColumns[name] ?? [])
    // A session's last use is bookkeeping that any signed-in request may update, not a change.
    if (name === 'user_sessions') omit.add('last_seen_at')
    const lines = rows.rows
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([column]) => !omit.has(column)))))
      .sort()
    result[name] = `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`
  }
  return result
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .sort()
}
