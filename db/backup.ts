/**
 * Online backup and restore of the embedded SQLite database (`npm run cli -- backup|restore`).
 * A backup is `VACUUM INTO`: one read transaction, so it is a consistent snapshot while the
 * server keeps writing (WAL lets writers go on), compacted, checked, then renamed into place.
 * A restore replaces the database file with a checked backup while the server is stopped, and
 * keeps what it replaces. PostgreSQL has pg_dump (README).
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs'
import SQLite from 'better-sqlite3'
import { SQLITE_PRAGMAS } from './connect'

export type BackupResult =
  | { ok: true; file: string }
  | { ok: false; reason: 'target_exists' | 'no_database' | 'corrupt' }

export type RestoreResult =
  | { ok: true; replaced: string | null }
  | { ok: false; reason: 'no_backup' | 'corrupt' | 'not_signet' }

/** Whether a file is an intact SQLite database that Signet has migrated. */
function inspect(file: string): 'ok' | 'corrupt' | 'not_signet' {
  let db: SQLite.Database | null = null
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true })
    const check = db.pragma('integrity_check', { simple: true })
    if (check !== 'ok') return 'corrupt'
    const migrations = db
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get() as { n: number }
    return migrations.n === 1 ? 'ok' : 'not_signet'
  } catch {
    return 'corrupt'
  } finally {
    db?.close()
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export function backupSqlite(source: string, target: string): BackupResult {
  if (!existsSync(source)) return { ok: false, reason: 'no_database' }
  if (existsSync(target)) return { ok: false, reason: 'target_exists' }
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  const db = new SQLite(source, { fileMustExist: true })
  try {
    db.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`)
    db.prepare('vacuum into ?').run(partial)
  } finally {
    db.close()
  }
  if (inspect(partial) !== 'ok') {
    rmSync(partial, { force: true })
    return { ok: false, reason: 'corrupt' }
  }
  fsyncFile(partial)
  renameSync(partial, target)
  return { ok: true, file: target }
}

/**
 * Puts a backup in place of the database file. The server must be stopped. What was there is
 * kept next to it as `<file>.before-restore-<time>` (its WAL folded in first).
 */
export function restoreSqlite(backup: string, target: string, now = new Date()): RestoreResult {
  if (!existsSync(backup)) return { ok: false, reason: 'no_backup' }
  const state = inspect(backup)
  if (state !== 'ok') return { ok: false, reason: state }
  let replaced: string | null = null
  if (existsSync(target)) {
    // Fold the write-ahead log into the file, so the copy kept aside is complete.
    const current = new SQLite(target, { fileMustExist: true })
    try {
      current.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      current.close()
    }
    replaced = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`
    renameSync(target, replaced)
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
  const partial = `${target}.restore-partial`
  copyFileSync(backup, partial)
  fsyncFile(partial)
  renameSync(partial, target)
  return { ok: true, replaced }
}
