import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, dialectOf, parseDatabaseUrl } from '../../db/connect'
import { newId, nowIso } from '../../db/ids'
import { migrateToLatest } from '../../db/migrate'
import { serialized } from '../../db/serialized'
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
    .values({
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
    })
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
    // 20 concurrent read-modify-write increments of one counter; without the lock they overwrite each other.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        serialized(t.db, 'counter', async (trx) => {
          const row = await trx
            .selectFrom('organizations')
            .select('fortune500')
            .where('key', '=', 'counter')
            .executeTakeFirstOrThrow()
          await new Promise((resolve) => setTimeout(resolve, 2))
          await trx
            .updateTable('organizations')
            .set({ fortune500: row.fortune500 + 1 })
            .where('key', '=', 'counter')
            .execute()
        }),
      ),
    )
    const row = await t.db
      .selectFrom('organizations')
      .select('fortune500')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow()
    expect(row.fortune500).toBe(20)
  })
})
