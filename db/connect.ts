/**
 * The one place that knows about SQL dialects. Everything else talks to Kysely<Database>.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteAdapter } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { CachingSqliteDialect } from './sqlite-driver'

export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string }

export const DEFAULT_SQLITE_FILE = 'data/signet.sqlite'

export class DatabaseUrlError extends Error {}

/** DATABASE_URL unset or a file path (optionally file:...) means SQLite; postgres:// means PostgreSQL. */
export function parseDatabaseUrl(value: string | undefined): DatabaseTarget {
  const raw = (value ?? '').trim()
  if (raw === '') return { dialect: 'sqlite', file: resolve(DEFAULT_SQLITE_FILE) }
  if (/^postgres(ql)?:\/\//i.test(raw)) return { dialect: 'postgres', url: raw }
  if (/^file:/i.test(raw)) return { dialect: 'sqlite', file: resolve(raw.replace(/^file:(\/\/)?/i, '')) }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)
  if (scheme) {
    throw new DatabaseUrlError(
      `unsupported scheme "${scheme[1]}:"; use a file path for SQLite or postgres://user@host:port/db for PostgreSQL`,
    )
  }
  return { dialect: 'sqlite', file: resolve(raw) }
}

/**
 * SQLite durability: WAL with synchronous=FULL, so an acknowledged commit survives a power
 * cut, not only an application crash (docs/decisions/0002). Foreign keys on; writers wait
 * up to 5 s for the lock instead of failing at once.
 */
export const SQLITE_PRAGMAS = {
  journal_mode: 'WAL',
  synchronous: 'FULL',
  foreign_keys: 'ON',
  busy_timeout: 5000,
} as const

export function openSqlite(file: string): SQLite.Database {
  mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma(`journal_mode = ${SQLITE_PRAGMAS.journal_mode}`)
  sqlite.pragma(`synchronous = ${SQLITE_PRAGMAS.synchronous}`)
  sqlite.pragma(`foreign_keys = ${SQLITE_PRAGMAS.foreign_keys}`)
  sqlite.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`)
  return sqlite
}

export function createDatabase(target: DatabaseTarget): Kysely<Database> {
  if (target.dialect === 'sqlite') {
    return new Kysely<Database>({ dialect: new CachingSqliteDialect(openSqlite(target.file)) })
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 })
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (error) => console.error(`signet: idle PostgreSQL connection lost: ${error.message}`))
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

export function dialectOf<DB>(db: Kysely<DB>): DatabaseTarget['dialect'] {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres'
}
