/**
 * A PostgreSQL cluster of a test's own, on a free port under a temp folder, for tests that stop
 * and start the server (never the shared cluster on 5432). initdb refuses to run as root, and CI
 * runs as root: the binaries then run as the postgres OS user, in a folder that user owns.
 */
import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './built-server'

const run = promisify(execFile)

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** Why a cluster cannot be started here, or null when it can. */
export function clusterUnavailable(): string | null {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(PG_BIN, tool))) return `no ${join(PG_BIN, tool)} (install postgresql-15 or set PG_BIN)`
  }
  return null
}

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  port: number
  /** `pg_ctl stop -m immediate`: every backend is killed at once, as in a crash or failover */
  kill: () => Promise<void>
  /** starts the cluster again and waits until it accepts connections */
  start: () => Promise<void>
  /** stops the cluster (if running) and removes its folder */
  destroy: () => Promise<void>
  /** the server's log so far */
  log: () => Promise<string>
}

export async function startCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-pg-'))
  const asRoot = userInfo().uid === 0
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), -1)
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args]) : run(join(PG_BIN, tool), args)
  const data = join(dir, 'data')
  const logFile = join(dir, 'server.log')
  const port = await freePort()
  await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'])
  }
  const stop = async (mode: 'immediate' | 'fast') => {
    await pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'])
  }
  await start()
  let running = true
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    kill: async () => {
      await stop('immediate')
      running = false
    },
    start: async () => {
      await start()
      running = true
    },
    destroy: async () => {
      if (running) await stop('immediate').catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
    log: async () => (await run('cat', [logFile]).catch(() => ({ stdout: '' }))).stdout,
  }
}
