/**
 * What the PostgreSQL benchmarks share (bench/checkin-pg.ts, bench/registration-pg.ts,
 * bench/tally-lock-pg.ts):
 * databases of their own, made next to BENCH_DATABASE_URL (or TEST_DATABASE_URL) as the tests
 * make theirs (tests/helpers/db.ts) and dropped at the end, and child processes (Signet
 * instances, floors, the balancer) that go when the benchmark goes, whether it finished, failed,
 * or was interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { createDatabase } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import type { Database } from '../db/schema'
import { TEST_SECRET } from '../tests/helpers/registration'
import { freePort, waitUntilUp } from './lib'

/** The PostgreSQL server the benchmarks make their databases on (any database of it, to connect to). */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** A benchmark's databases, processes and temp folder, all undone by `close()`. */
export class BenchResources {
  readonly dir = mkdtempSync(join(tmpdir(), 'signet-bench-pg-'))
  readonly id = randomBytes(4).toString('hex')
  private readonly children = new Set<ChildProcess>()
  private readonly databases: string[] = []
  private closing: Promise<void> | null = null

  constructor() {
    // Ctrl-C or a kill: stop the processes and drop the databases before going.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up`)
        void this.close().finally(() => process.exit(130))
      })
    }
    // A crash that skips `close()` still takes the processes along (databases need a connection:
    // they are dropped by `close()` only).
    process.once('exit', () => {
      for (const child of this.children) child.kill('SIGKILL')
    })
  }

  /** A new, empty database (or a copy of `template`); returns its URL. */
  async createDatabase(label: string, template?: string): Promise<{ name: string; url: string }> {
    const name = `signet_bench_${this.id}_${label}`
    this.databases.push(name)
    await withAdmin(async (client) => {
      if (template) await waitForNoSessions(client, template)
      await client.query(`create database ${name}${template ? ` template ${template}` : ''}`)
    })
    const url = new URL(ADMIN_URL)
    url.pathname = `/${name}`
    return { name, url: url.toString() }
  }

  /**
   * A new database, migrated and filled by `seed` (with a Kysely of its own, closed after): the
   * template each benchmark copies for every side it measures. Returns its name and what `seed`
   * returned.
   */
  async seededDatabase<T>(
    label: string,
    seed: (db: Kysely<Database>) => Promise<T>,
  ): Promise<{ name: string; seeded: T }> {
    const { name, url } = await this.createDatabase(label)
    const db = createDatabase({ dialect: 'postgres', url })
    try {
      await migrateToLatest(db)
      return { name, seeded: await seed(db) }
    } finally {
      await db.destroy()
    }
  }

  /**
   * Starts `node <args>` and waits until `url` answers. Output is kept (the last 20 kB) for the
   * error when it fails. Our own scripts read stdin, which is kept open and ends with this process.
   */
  async start(args: string[], url: string, env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    this.children.add(child)
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    child.once('exit', () => this.children.delete(child))
    try {
      await waitUntilUp(url, child)
    } catch (error) {
      throw new Error(`${args.join(' ')}: ${error instanceof Error ? error.message : String(error)}\n${output}`)
    }
    return child
  }

  /**
   * `node app/server/start.js` on `databaseUrl` (NODE_ENV=production, no demo), its public
   * address `appUrl` (the balancer's, as behind a real one); resolves once /healthz answers.
   */
  async startSignet(databaseUrl: string, appUrl: string): Promise<{ child: ChildProcess; port: number }> {
    const port = await freePort()
    const child = await this.start(['app/server/start.js'], `http://127.0.0.1:${port}/healthz`, {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: TEST_SECRET,
      SEED_DEMO: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: appUrl,
      MAIL_DIR: join(this.dir, `mail-${port}`),
    })
    return { child, port }
  }

  /** The round-robin balancer (bench/balancer.ts) on `port` in front of `backends`. */
  async startBalancer(port: number, backends: number[]): Promise<ChildProcess> {
    return this.start(
      ['--import', 'tsx', 'bench/balancer.ts', String(port), ...backends.map(String)],
      `http://127.0.0.1:${port}/healthz`,
    )
  }

  /** Stops `children` (SIGTERM, then SIGKILL after 5 s) and waits until they are gone. */
  async stop(children: readonly ChildProcess[]): Promise<void> {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return
        const gone = new Promise<void>((done) => child.once('exit', () => done()))
        child.stdin?.end()
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await gone
        clearTimeout(timer)
      }),
    )
  }

  /** Every process stopped, every database dropped, the temp folder removed. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.stop([...this.children])
      if (this.databases.length > 0) {
        await withAdmin(async (client) => {
          for (const name of this.databases.reverse())
            await client.query(`drop database if exists ${name} with (force)`)
        }).catch((error: unknown) => console.error(`bench: could not drop the databases: ${String(error)}`))
      }
      rmSync(this.dir, { recursive: true, force: true })
    })()
    return this.closing
  }
}

/** Runs `work` on a connection to ADMIN_URL. */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * A template must have no session: pg's pool.end() resolves before the server has closed the
 * sessions (see tests/helpers/db.ts), so this waits up to 5 s for them to go.
 */
async function waitForNoSessions(client: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
    if (rows[0]?.n === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`database ${name} still has sessions after 5 s`)
}

/** The PostgreSQL server, for the machine line: version and durability settings. */
export async function describeServer(): Promise<string> {
  return withAdmin(async (client) => {
    const version = (await client.query('show server_version')).rows[0]?.server_version as string
    const settings = await client.query(
      `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'max_connections', 'shared_buffers') order by name`,
    )
    return `PostgreSQL ${version.split(' ')[0]} (${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')})`
  })
}
