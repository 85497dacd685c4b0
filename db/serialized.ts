import { type Kysely, sql } from 'kysely'
import { dialectOf } from './connect'
import type { Database } from './schema'

/**
 * Runs `work` in a write transaction that no other `serialized` call with the same key can
 * interleave with: the places that must not race (capacity, check-in, rate limits).
 *
 * - SQLite: BEGIN IMMEDIATE takes the database's write lock before the first read, so a
 *   check-then-write cannot be overtaken by another connection or process.
 * - PostgreSQL: a transaction-scoped advisory lock on the key (a row lock that exists even
 *   when the row does not yet), released at COMMIT or ROLLBACK.
 *
 * Throwing inside `work` rolls everything back.
 */
export async function serialized<T>(
  db: Kysely<Database>,
  key: string,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialectOf(db) === 'sqlite') {
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn)
      try {
        const result = await work(conn)
        await sql`commit`.execute(conn)
        return result
      } catch (error) {
        await sql`rollback`.execute(conn)
        throw error
      }
    })
  }
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx)
    return work(trx)
  })
}
