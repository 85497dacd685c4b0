import type { Kysely } from 'kysely'
import type { Database } from './schema'

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one, so a
 * command can also be one step of a larger all-or-nothing change (the demo seed). Kysely cannot
 * open a transaction inside another; throwing inside `work` rolls back the outermost one.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
