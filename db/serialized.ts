import { type Kysely, sql } from 'kysely'
import { dialectOf, isDatabaseUnavailable } from './connect'
import type { Database } from './schema'

/**
 * Runs `work` in a write transaction that no other `serialized` call with the same key can
 * interleave with: the places that must not race (capacity, check-in, rate limits).
 *
 * - SQLite: BEGIN IMMEDIATE takes the database's write lock before the first read, so a
 *   check-then-write cannot be overtaken by another connection or process.
 * - PostgreSQL: a transaction-scoped advisory lock on the key (a row lock that exists even
 *   when the row does not yet), released at COMMIT or ROLLBACK. The calls of one process with
 *   the same key take turns before they take a connection (`inTurn`), so a burst waits here
 *   rather than with every pooled connection held by a transaction that waits for the lock
 *   (which left nothing for other queries, and failed the rest after the pool's 5 s wait as if
 *   the database were gone: 10–30 % of a 500-delegate registration burst, issue 17).
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
  return inTurn(db, key, () =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx)
      return work(trx)
    }),
  )
}

interface Waiter {
  start: () => void
  fail: (error: unknown) => void
}

/** Per database, the keys whose turn is taken, each with the calls waiting behind it. */
const waiting = new WeakMap<Kysely<Database>, Map<string, Waiter[]>>()

/**
 * Runs `work` once no earlier call of this process with the same key is running, in arrival
 * order. Waiting costs no connection and has no time limit of its own: the call in front is
 * bounded by the pool (a connection within 5 s) and the database. When it fails because the
 * database is unavailable (ADR 0002), the calls waiting behind it fail at once with the same
 * error (503) instead of each finding it out in turn.
 */
async function inTurn<T>(db: Kysely<Database>, key: string, work: () => Promise<T>): Promise<T> {
  let keys = waiting.get(db)
  if (!keys) {
    keys = new Map()
    waiting.set(db, keys)
  }
  const behind = keys.get(key)
  if (behind) await new Promise<void>((start, fail) => behind.push({ start, fail }))
  else keys.set(key, [])
  const queue = keys.get(key) ?? []
  try {
    return await work()
  } catch (error) {
    if (isDatabaseUnavailable(error)) for (const waiter of queue.splice(0)) waiter.fail(error)
    throw error
  } finally {
    const next = queue.shift()
    if (next) next.start()
    else keys.delete(key)
  }
}

const turns = new Map<string, Promise<unknown>>()

/**
 * Runs `work` while no other `exclusively` call with the same key runs, in any instance: for
 * one-time work longer than a transaction, that `work` does through `db` in as many
 * transactions as it likes (the demo seed at first start). Not for request paths.
 *
 * - PostgreSQL: a session-level advisory lock, held on one pooled connection for the whole of
 *   `work` and released after it (or by the server, if that connection drops).
 * - SQLite: one process by design (ADR 0002); the calls of this process take turns.
 */
export async function exclusively<T>(db: Kysely<Database>, key: string, work: () => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'sqlite') {
    const run = (turns.get(key) ?? Promise.resolve()).then(work, work)
    const settled = run.catch(() => undefined)
    turns.set(key, settled)
    return run
  }
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(conn)
    try {
      return await work()
    } finally {
      // Before the connection goes back to the pool, which would otherwise keep the lock held.
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn)
    }
  })
}

interface BatchItem<T> {
  key: string
  work: (trx: Kysely<Database>) => Promise<T>
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

interface Batcher {
  queue: BatchItem<unknown>[]
  running: boolean
}

const batchers = new WeakMap<Kysely<Database>, Batcher>()
/** The most pieces of work one transaction carries. */
const BATCH_LIMIT = 64

/**
 * `serialized`, with group commit: pieces of work that arrive while a transaction is running
 * (or in the same turn of the event loop) share the next transaction, one after the other, so a
 * burst pays for one commit (one fsync) per batch instead of one per piece. Each piece runs in a
 * savepoint: one that throws is rolled back alone and rejects alone; the others commit. Every
 * promise settles only after the commit, so an answer is never given for a write that could
 * still be lost. On PostgreSQL the batch takes the advisory locks of all its keys, in order, and
 * runs its pieces in key order too: keys should name what they write from the widest (an event)
 * to the narrowest.
 * For hot paths where many small writes race (door check-in, ADR 0012).
 */
export function serializedBatch<T>(
  db: Kysely<Database>,
  key: string,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  let batcher = batchers.get(db)
  if (!batcher) {
    batcher = { queue: [], running: false }
    batchers.set(db, batcher)
  }
  const state = batcher
  return new Promise<T>((resolve, reject) => {
    state.queue.push({ key, work, resolve, reject } as BatchItem<unknown>)
    if (!state.running) {
      state.running = true
      // Let the requests that arrived together join the first batch.
      setImmediate(() => void drain(db, state))
    }
  })
}

async function drain(db: Kysely<Database>, state: Batcher): Promise<void> {
  try {
    while (state.queue.length > 0) {
      // In key order (a stable sort: one key's pieces keep their arrival order), so every batch,
      // on every instance, touches the rows its keys stand for in one global order and two
      // batches never each hold a row the other waits for (PostgreSQL would call it a deadlock).
      const batch = state.queue.splice(0, BATCH_LIMIT).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      await runBatch(db, batch)
    }
  } finally {
    state.running = false
  }
}

async function runBatch(db: Kysely<Database>, batch: BatchItem<unknown>[]): Promise<void> {
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
  // PostgreSQL takes the end of one savepoint and the start of the next in one round trip (a
  // query without parameters may hold several statements); better-sqlite3 runs one at a time.
  const together = dialectOf(db) === 'postgres'
  const runAll = async (trx: Kysely<Database>) => {
    const begin = (n: number) => `savepoint batch_${n}`
    if (together && batch.length > 0) await sql.raw(begin(0)).execute(trx)
    for (const [n, item] of batch.entries()) {
      if (!together) await sql.raw(begin(n)).execute(trx)
      let end: string
      try {
        outcomes.push({ ok: true, value: await item.work(trx) })
        end = `release savepoint batch_${n}`
      } catch (error) {
        end = `rollback to savepoint batch_${n}; release savepoint batch_${n}`
        outcomes.push({ ok: false, error })
      }
      const next = together && n + 1 < batch.length ? `; ${begin(n + 1)}` : ''
      if (together) await sql.raw(end + next).execute(trx)
      else for (const statement of end.split('; ')) await sql.raw(statement).execute(trx)
    }
  }
  try {
    if (dialectOf(db) === 'sqlite') {
      await db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn)
        try {
          await runAll(conn)
          await sql`commit`.execute(conn)
        } catch (error) {
          await sql`rollback`.execute(conn)
          throw error
        }
      })
    } else {
      await db.transaction().execute(async (trx) => {
        // Every key's lock in one round trip, taken in the order of the array.
        const keys = [...new Set(batch.map((b) => b.key))].sort()
        await sql`select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from unnest(${keys}::text[]) with ordinality as t(k, n)`.execute(
          trx,
        )
        await runAll(trx)
      })
    }
  } catch (error) {
    // The transaction itself failed (the commit, the database gone): nothing of it is written.
    for (const item of batch) item.reject(error)
    return
  }
  for (const [n, item] of batch.entries()) {
    const outcome = outcomes[n]
    if (outcome?.ok) item.resolve(outcome.value)
    else item.reject(outcome ? outcome.error : new Error('not run'))
  }
}
