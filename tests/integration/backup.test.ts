/**
 * Backups (issue 7): `npm run cli -- backup <file>` takes a consistent copy of the SQLite database
 * while the server keeps writing under load, and `restore` puts it back, keeping what it replaced.
 * Run in the sqlite project only: PostgreSQL's backups are pg_dump's (README).
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { testDialect } from '../helpers/db'
import { makeEvent } from '../helpers/registration'
import { startTestServer, type TestServer } from '../helpers/server'

const run = promisify(execFile)

async function cli(databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', ['app/cli/cli.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, SESSION_SECRET: 'x'.repeat(40) },
      timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

function count(file: string, table: string): number {
  const db = new SQLite(file, { readonly: true })
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe.runIf(testDialect === 'sqlite')('backup and restore of the SQLite database', () => {
  let server: TestServer
  let dir = ''
  let token = ''
  let sessionId = ''

  beforeAll(async () => {
    server = await startTestServer()
    dir = mkdtempSync(join(tmpdir(), 'signet-backup-'))
    const event = await makeEvent(server.db, {
      slug: 'backup',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
    })
    sessionId = event.sessionIds[0] ?? ''
    const created = await createDevice(server.db, event.id, { name: 'Door', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const enrolled = await enrollDevice(server.db, created.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    token = enrolled.token
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('takes a consistent copy while scans keep being written, and restores it, keeping what it replaced', async () => {
    // Load: four doors scanning without pause; every scan, refused or not, is a row in checkins.
    let running = true
    let acknowledged = 0
    // Woken at every acknowledged scan: the test waits for scans, not for a length of time.
    let wake: (() => void) | null = null
    const door = async () => {
      while (running) {
        const response = await fetch(`${server.origin}/api/v1/checkin/redeem`, {
          method: 'POST',
          headers: { Authorization: `Device ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ code: `UNKNOWN-${randomUUID()}`, sessionId, nonce: randomUUID() }),
        })
        await response.arrayBuffer()
        if (response.status === 200) acknowledged++
        wake?.()
      }
    }
    const scansUntil = async (n: number) => {
      while (acknowledged < n) await new Promise<void>((done) => (wake = done))
    }
    const doors = [door(), door(), door(), door()]
    // The doors are writing before the backup starts, and go on writing after it ended.
    await scansUntil(20)
    const before = count(server.databaseUrl, 'checkins')
    const file = join(dir, 'signet-backup.sqlite')
    const backup = await cli(server.databaseUrl, 'backup', file)
    await scansUntil(acknowledged + 20)
    running = false
    await Promise.all(doors)
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toContain(file)
    const after = count(server.databaseUrl, 'checkins')
    expect(acknowledged).toBe(after)

    // The copy is intact and consistent: its checkins are a moment between the start and the end.
    const copy = new SQLite(file, { readonly: true })
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.pragma('foreign_key_check')).toEqual([])
    } finally {
      copy.close()
    }
    const inCopy = count(file, 'checkins')
    expect(inCopy).toBeGreaterThanOrEqual(before)
    expect(inCopy).toBeLessThan(after)

    // A backup never overwrites a file.
    const again = await cli(server.databaseUrl, 'backup', file)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')

    // Restore into a stopped database: the copy comes back, what was there is kept.
    const target = join(dir, 'restored.sqlite')
    writeFileSync(join(dir, 'not-a-database.sqlite'), 'hello')
    const refused = await cli(target, 'restore', join(dir, 'not-a-database.sqlite'))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('nothing was changed')
    expect(existsSync(target)).toBe(false)
    expect((await cli(target, 'user:list')).code).toBe(0) // an empty, migrated database now stands there
    const restored = await cli(target, 'restore', file)
    expect(restored.code, restored.stderr).toBe(0)
    expect(count(target, 'checkins')).toBe(inCopy)
    expect(readdirSync(dir).some((f) => f.startsWith('restored.sqlite.before-restore-'))).toBe(true)
  }, 120_000)

  it('says to use pg_dump for PostgreSQL', async () => {
    const result = await cli('postgres://postgres@127.0.0.1:5432/none', 'backup', join(dir, 'x'))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('pg_dump')
  })
})
