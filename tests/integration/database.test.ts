import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withOrganizationSearchText } from '../../app/people/search'
import { createDatabase, dialectOf, parseDatabaseUrl } from '../../db/connect'
import { newId, nowIso } from '../../db/ids'
import { migrateToLatest } from '../../db/migrate'
import { serialized, serializedBatch } from '../../db/serialized'
import { createTestDatabase, type TestDatabase, testDialect } from '../helpers/db'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.destroy()
})

async function insertOrg(db: TestDatabase['db'], key: string, fortune500 = 0) {
  await db
    .insertInto('organizations')
    .values(
      withOrganizationSearchText({
        id: newId(),
        key,
        name_zh: key,
        name_en: key,
        name_ja: key,
        country: 'JP',
        kind: 'company',
        fortune500,
        created_at: nowIso(),
        updated_at: nowIso(),
      }),
    )
    .execute()
}

describe(`database on ${testDialect}`, () => {
  it('runs on the dialect under test', () => {
    expect(dialectOf(t.db)).toBe(testDialect)
  })

  it('migrates once and is then up to date', async () => {
    expect(await migrateToLatest(t.db)).toEqual([])
  })

  it.runIf(testDialect === 'sqlite')(
    'opens SQLite with WAL, synchronous FULL, foreign keys and a busy timeout',
    async () => {
      const db = createDatabase(parseDatabaseUrl(t.url))
      const { sql } = await import('kysely')
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0]
      expect(await pragma('journal_mode')).toBe('wal')
      expect(await pragma('synchronous')).toBe(2)
      expect(await pragma('foreign_keys')).toBe(1)
      expect(await pragma('busy_timeout')).toBe(5000)
      await db.destroy()
    },
  )

  it('enforces foreign keys', async () => {
    await expect(
      t.db
        .insertInto('event_hosts')
        .values({ event_id: 'no-such-event', organization_id: 'no-such-org', role: 'host', position: 0 })
        .execute(),
    ).rejects.toThrow()
  })

  it('serialized work rolls back completely when it throws', async () => {
    await expect(
      serialized(t.db, 'rollback-test', async (trx) => {
        await insertOrg(trx, 'rolled-back')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const rows = await t.db.selectFrom('organizations').select('id').where('key', '=', 'rolled-back').execute()
    expect(rows).toEqual([])
  })

  it('serialized check-then-write never loses an update under concurrency', async () => {
    await insertOrg(t.db, 'counter', 0)
    // 20 concurrent read-modify-write increments of one counter; without the lock they overwrite
    // each other. Each piece logs when it enters and leaves: serialized, no piece enters before the
    // one inside has left (without the lock all 20 enter at once, each read being a round trip).
    const log: string[] = []
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        serialized(t.db, 'counter', async (trx) => {
          log.push(`in ${n}`)
          const row = await trx
            .selectFrom('organizations')
            .select('fortune500')
            .where('key', '=', 'counter')
            .executeTakeFirstOrThrow()
          await trx
            .updateTable('organizations')
            .set({ fortune500: row.fortune500 + 1 })
            .where('key', '=', 'counter')
            .execute()
          log.push(`out ${n}`)
        }),
      ),
    )
    const row = await t.db
      .selectFrom('organizations')
      .select('fortune500')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow()
    expect(row.fortune500).toBe(20)
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]?.replace('in', 'out'))
  })

  it.runIf(testDialect === 'postgres')(
    'serialized calls waiting for one key leave the pool to other queries (one connection per key)',
    async () => {
      // 40 calls on one key, each holding its transaction 20 ms. Before they took turns in the
      // process, each held a pooled connection while waiting for the lock: the pool's 10 were all
      // taken, and a plain query waited behind about 40 × 20 ms.
      const done: number[] = []
      const calls = Array.from({ length: 40 }, (_, n) =>
        serialized(t.db, 'busy-key', async (trx) => {
          await sql`select pg_sleep(0.02)`.execute(trx)
          done.push(n)
        }),
      )
      await sql`select 1`.execute(t.db)
      const finishedBeforeIt = done.length
      await Promise.all(calls)
      expect(finishedBeforeIt).toBeLessThan(5)
      expect(done).toEqual(Array.from({ length: 40 }, (_, n) => n))
    },
  )

  it.runIf(testDialect === 'postgres')(
    'when a serialized call finds the database unavailable, the calls waiting for its key fail at once',
    async () => {
      let release = () => {}
      const gate = new Promise<void>((done) => {
        release = done
      })
      const ran: number[] = []
      // What pg reports when the server goes away (ADR 0002): admin_shutdown.
      const gone = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })
      const first = serialized(t.db, 'outage-key', async () => {
        await gate
        throw gone
      })
      const behind = Array.from({ length: 3 }, (_, n) =>
        serialized(t.db, 'outage-key', async () => {
          ran.push(n)
        }),
      )
      release()
      const settled = await Promise.allSettled([first, ...behind])
      expect(settled.map((s) => (s.status === 'rejected' ? s.reason : 'fulfilled'))).toEqual([gone, gone, gone, gone])
      expect(ran).toEqual([])
      // The key is free again afterwards.
      await expect(serialized(t.db, 'outage-key', async () => 'ok')).resolves.toBe('ok')
    },
  )

  it('serializedBatch shares a commit among concurrent pieces and never loses an update', async () => {
    await insertOrg(t.db, 'batch-counter', 0)
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        serializedBatch(t.db, `batch-counter:${n % 3}`, async (trx) => {
          const row = await trx
            .selectFrom('organizations')
            .select('fortune500')
            .where('key', '=', 'batch-counter')
            .executeTakeFirstOrThrow()
          await trx
            .updateTable('organizations')
            .set({ fortune500: row.fortune500 + 1 })
            .where('key', '=', 'batch-counter')
            .execute()
          return n
        }),
      ),
    )
    expect(results).toEqual(Array.from({ length: 30 }, (_, n) => n))
    const row = await t.db
      .selectFrom('organizations')
      .select('fortune500')
      .where('key', '=', 'batch-counter')
      .executeTakeFirstOrThrow()
    expect(row.fortune500).toBe(30)
  })

  it('serializedBatch rolls back only the piece that throws; the others in its batch commit', async () => {
    const pieces = ['batch-a', 'batch-bad', 'batch-b'].map((key) =>
      serializedBatch(t.db, key, async (trx) => {
        await insertOrg(trx, key)
        if (key === 'batch-bad') throw new Error('this piece fails')
        return key
      }),
    )
    const settled = await Promise.allSettled(pieces)
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const keys = await t.db
      .selectFrom('organizations')
      .select('key')
      .where('key', 'in', ['batch-a', 'batch-bad', 'batch-b'])
      .orderBy('key')
      .execute()
    expect(keys.map((k) => k.key)).toEqual(['batch-a', 'batch-b'])
  })

  it('serializedBatch rolls back a piece whose statement the database refuses, and the pieces after it still commit', async () => {
    await insertOrg(t.db, 'batch-taken')
    // The middle piece inserts a key that exists: on PostgreSQL that aborts the transaction
    // until its savepoint is rolled back, so the pieces after it prove the rollback happened.
    // (A batch runs its pieces in key order: the numbers keep the refused one in the middle.)
    const pieces = ['batch-c', 'batch-taken', 'batch-d', 'batch-e'].map((key, n) =>
      serializedBatch(t.db, `refused:${n}`, async (trx) => {
        await insertOrg(trx, key)
        return key
      }),
    )
    const settled = await Promise.allSettled(pieces)
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    const keys = await t.db
      .selectFrom('organizations')
      .select('key')
      .where('key', 'in', ['batch-c', 'batch-taken', 'batch-d', 'batch-e'])
      .orderBy('key')
      .execute()
    expect(keys.map((k) => k.key)).toEqual(['batch-c', 'batch-d', 'batch-e', 'batch-taken'])
  })
})

describe.skipIf(testDialect !== 'sqlite')('the SQLite driver (statement cache, FIFO connection)', () => {
  it('hands the one connection out in arrival order, so a burst of queries finishes in order', async () => {
    const finished: number[] = []
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        t.db
          .selectFrom('organizations')
          .select((eb) => eb.fn.countAll().as('n'))
          .execute()
          .then(() => finished.push(n)),
      ),
    )
    expect(finished).toEqual(Array.from({ length: 50 }, (_, n) => n))
  })

  it('reuses a cached statement with new parameters and sees rows written in between', async () => {
    const count = async (key: string) =>
      (await t.db.selectFrom('organizations').select('id').where('key', '=', key).execute()).length
    expect(await count('cache-a')).toBe(0)
    await insertOrg(t.db, 'cache-a')
    expect(await count('cache-a')).toBe(1)
    expect(await count('cache-b')).toBe(0)
  })

  it('rolls back a Kysely transaction and keeps streaming selects working', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await insertOrg(trx, 'cache-rolled-back')
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    const keys: string[] = []
    for await (const row of t.db.selectFrom('organizations').select('key').orderBy('key').stream()) {
      if (row.key) keys.push(row.key)
    }
    expect(keys).not.toContain('cache-rolled-back')
    expect(keys).toContain('cache-a')
  })

  it('still sees a table created after statements were cached', async () => {
    await sql`create table cache_probe (x integer)`.execute(t.db)
    await sql`insert into cache_probe values (1)`.execute(t.db)
    const rows = await sql<{ x: number }>`select x from cache_probe`.execute(t.db)
    expect(rows.rows).toEqual([{ x: 1 }])
    await sql`drop table cache_probe`.execute(t.db)
  })
})
