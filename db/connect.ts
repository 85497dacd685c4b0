/**
 * The one place that knows about SQL dialects. Everything else talks to Kysely<Database>.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteAdapter, sql } from 'kysely'
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
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    // A database that does not answer fails a request in 5 s instead of holding it (ADR 0002).
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    // Notices a peer that vanished without closing (a failover, a dropped route).
    keepAlive: true,
  })
  // A connection dropped by the server (restart, failover, `pg_ctl stop -m immediate`) emits
  // 'error'. The pool listens only on idle ones; a connection checked out by a request had no
  // listener, and the unhandled 'error' ended the process. Every connection gets one for its
  // whole life: its query fails (the request answers 503), and the pool, seeing it unusable at
  // release, drops it and connects a new one for the next query.
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error(`signet: PostgreSQL connection lost: ${error.message}`))
  })
  // Idle connections: already logged by their own listener above.
  pool.on('error', () => {})
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

/** How long a new PostgreSQL connection may take before the query waiting for it fails. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000

/** Error codes (Node's socket errors, PostgreSQL's SQLSTATE) that mean "the database is not there now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down)
  '57P01',
  '57P02',
  '57P03',
  // too_many_connections
  '53300',
])

/** What pg and pg-pool say when a connection ended or never came. */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect)/

/**
 * Whether `error` says the database cannot be reached right now (PostgreSQL restarting, failing
 * over, or unreachable), rather than that the query or the data is wrong. The HTTP layer answers
 * these with 503 (ADR 0002); a retry once the database is back can succeed.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false
  const code = 'code' in error ? error.code : undefined
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
  if (UNAVAILABLE_MESSAGES.test(error.message)) return true
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true
  return isDatabaseUnavailable(error.cause, depth + 1)
}

/** Whether the database answers a trivial query now (readiness, /readyz). */
export async function databaseReachable<DB>(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}

export function dialectOf<DB>(db: Kysely<DB>): DatabaseTarget['dialect'] {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres'
}
