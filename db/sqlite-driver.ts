/**
 * Kysely's SQLite dialect with two changes that matter under a burst of requests (ADR 0011):
 *
 * - prepared statements are cached by their SQL text. Kysely's own driver prepares every query
 *   again, which costs as much as running it for the short queries we send;
 * - the one connection is handed out in arrival order by a FIFO queue. Kysely's own mutex wakes
 *   every waiter on each release and all but one go back to sleep, which under 500 waiting
 *   requests spends more time waking than querying.
 *
 * Behaviour is otherwise the same as Kysely's SqliteDriver: one connection, `begin`/`commit`/
 * `rollback` for transactions, savepoints, streaming of selects.
 */
import type SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely'

/** Distinct statements kept prepared; the app sends a few hundred shapes at most. */
const STATEMENT_CACHE_SIZE = 1000

export class CachingSqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database

  constructor(database: SQLite.Database) {
    super({ database })
    this.#database = database
  }

  override createDriver(): Driver {
    return new CachingSqliteDriver(this.#database)
  }
}

class CachingSqliteDriver implements Driver {
  readonly #connection: CachingSqliteConnection
  readonly #database: SQLite.Database
  #busy = false
  readonly #waiting: Array<() => void> = []

  constructor(database: SQLite.Database) {
    this.#database = database
    this.#connection = new CachingSqliteConnection(database)
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#busy) {
      this.#busy = true
      return Promise.resolve(this.#connection)
    }
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#connection)))
  }

  async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#busy = false
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`))
  }

  async destroy(): Promise<void> {
    this.#database.close()
  }
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

class CachingSqliteConnection implements DatabaseConnection {
  readonly #database: SQLite.Database
  readonly #statements = new Map<string, SQLite.Statement>()

  constructor(database: SQLite.Database) {
    this.#database = database
  }

  #prepare(sql: string): SQLite.Statement {
    let statement = this.#statements.get(sql)
    if (statement) return statement
    statement = this.#database.prepare(sql)
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
      // Forget the oldest statement (Map keeps insertion order).
      const oldest = this.#statements.keys().next().value
      if (oldest !== undefined) this.#statements.delete(oldest)
    }
    this.#statements.set(sql, statement)
    return statement
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery
    const statement = this.#prepare(sql)
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] })
    const { changes, lastInsertRowid } = statement.run(parameters)
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    })
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters, query } = compiledQuery
    if (!SelectQueryNode.is(query)) throw new Error('SQLite can stream select queries only')
    // A streamed statement stays busy until the iteration ends: never share it with the cache.
    const statement = this.#database.prepare(sql)
    for (const row of statement.iterate(parameters)) yield { rows: [row as R] }
  }
}
