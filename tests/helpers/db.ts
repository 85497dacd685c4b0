/**
 * A real, fresh database for one test file: a new SQLite file, or (SIGNET_TEST_DIALECT=postgres)
 * a new PostgreSQL database created next to TEST_DATABASE_URL and dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { migrateToLatest } from '../../db/migrate'
import type { Database } from '../../db/schema'

export const testDialect = process.env.SIGNET_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite'

export interface TestDatabase {
  /** what DATABASE_URL would be for this database */
  url: string
  db: Kysely<Database>
  destroy: () => Promise<void>
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true
  if (testDialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'signet-test-'))
    const url = join(dir, 'test.sqlite')
    const db = createDatabase(parseDatabaseUrl(url))
    if (migrate) await migrateToLatest(db)
    return {
      url,
      db,
      destroy: async () => {
        await db.destroy()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) throw new Error('SIGNET_TEST_DIALECT=postgres needs TEST_DATABASE_URL')
  const name = `signet_test_${randomBytes(6).toString('hex')}`
  await withAdmin(admin, (client) => client.query(`create database ${name}`))
  const url = new URL(admin)
  url.pathname = `/${name}`
  const db = createDatabase(parseDatabaseUrl(url.toString()))
  if (migrate) await migrateToLatest(db)
  return {
    url: url.toString(),
    db,
    destroy: async () => {
      await db.destroy()
      await withAdmin(admin, async (client) => {
        // pg's pool.end() resolves before the server has closed the sessions; dropping WITH (FORCE)
        // at that moment kills them and the closed clients report it as an unhandled error.
        for (let i = 0; i < 100; i++) {
          const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
            name,
          ])
          if (rows[0]?.n === 0) break
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        await client.query(`drop database if exists ${name} with (force)`)
      })
    },
  }
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** How many rows a table has, as a number on both dialects (PostgreSQL's count is a bigint string). */
export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
