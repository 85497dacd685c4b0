/**
 * `npm run bench`, second part: the delegate import against its budget, "10,000 rows < 2 s".
 *
 * Generates a CSV of 10,000 people (CJK, kana and Latin names, 200 organizations, every column
 * filled), then times, on a fresh SQLite file with the real migrations: reading the file
 * (decoding + papaparse), judging every row against the directory's emails, and committing them
 * in one transaction (organizations created, people inserted, one audit entry). Prints each
 * step and a PASS/FAIL line; exits 1 on FAIL. Runs in a few seconds.
 *
 * The raw floor, on another fresh file with the same migrations: `TextDecoder` and papaparse on
 * the same bytes, then better-sqlite3 inserting the 10,000 people in one transaction with one
 * prepared statement: no checks, no organizations, no audit.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import SQLite from 'better-sqlite3'
import Papa from 'papaparse'
import { loadExistingEmails } from '../app/people/people.server'
import { parseImportFile, validateRows } from '../app/people/people-import'
import { commitImport } from '../app/registration/people-import.server'
import { createUser } from '../app/users/users.server'
import { createDatabase, parseDatabaseUrl } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { type Goal, report } from './lib'

const ROWS = 10_000
const BUDGET_MS = 2000

function generate(rows: number): Uint8Array {
  const lines = ['organization,country,family_name,given_name,latin_name,kana,title,email,phone,preferred_language,vip']
  for (let i = 0; i < rows; i++) {
    const japanese = i % 2 === 0
    lines.push(
      [
        japanese ? `株式会社テスト${i % 200}` : `烟台测试集团${i % 200}`,
        japanese ? 'JP' : 'CN',
        japanese ? '佐藤' : '李',
        japanese ? `健${i}` : `娜${i}`,
        japanese ? `SATO Ken${i}` : `LI Na${i}`,
        japanese ? `さとう けん${i}` : '',
        japanese ? '部長' : '总经理',
        `person${i}@example.org`,
        `+86 535 ${String(i).padStart(7, '0')}`,
        japanese ? 'ja' : 'zh',
        i % 10 === 0 ? 'yes' : 'no',
      ].join(','),
    )
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`)
}

/** Decoding, parsing and inserting the same rows with nothing in between; in ms. */
async function rawFloor(file: string, bytes: Uint8Array): Promise<number> {
  const setup = createDatabase(parseDatabaseUrl(file))
  await migrateToLatest(setup)
  await setup.destroy()
  const sqlite = new SQLite(file)
  try {
    const start = performance.now()
    const text = new TextDecoder('utf-8').decode(bytes)
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data
    const insert = sqlite.prepare(
      `insert into people (id, key, organization_id, family_name, given_name, latin_name, kana, title_zh, title_en,
         title_ja, email, phone, preferred_language, vip, dietary, created_at, updated_at)
       values (?, null, null, ?, ?, ?, ?, ?, null, null, ?, ?, ?, ?, null, ?, ?)`,
    )
    const at = new Date().toISOString()
    sqlite.transaction(() => {
      for (const row of rows) {
        insert.run(
          randomUUID(),
          row.family_name,
          row.given_name,
          row.latin_name,
          row.kana || null,
          row.title,
          row.email,
          row.phone,
          row.preferred_language,
          row.vip === 'yes' ? 1 : 0,
          at,
          at,
        )
      }
    })()
    const ms = performance.now() - start
    const count = sqlite.prepare('select count(*) as n from people').get() as { n: number }
    if (count.n !== ROWS) throw new Error(`the floor inserted ${count.n} people, expected ${ROWS}`)
    return ms
  } finally {
    sqlite.close()
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-import-'))
  const db = createDatabase(parseDatabaseUrl(join(dir, 'bench.sqlite')))
  try {
    await migrateToLatest(db)
    const user = await createUser(
      db,
      { email: 'bench@example.org', name: 'bench', password: 'bench-password-0123', isAdmin: true },
      null,
    )
    if (!user.ok) throw new Error(`cannot create the bench user: ${user.reason}`)
    const bytes = generate(ROWS)

    const t0 = performance.now()
    const parsed = await parseImportFile(bytes, 'bench.csv', 'auto')
    if (!parsed.ok) throw new Error(`parse refused the file: ${parsed.error.key}`)
    const t1 = performance.now()
    const verdicts = validateRows(parsed.file.rows, await loadExistingEmails(db))
    const t2 = performance.now()
    const result = await commitImport(db, { id: user.id }, verdicts, { onDuplicate: 'skip', filename: 'bench.csv' })
    const t3 = performance.now()
    if (!result.ok) throw new Error(`commit refused: ${result.reason}`)
    if (result.created !== ROWS) throw new Error(`created ${result.created} people, expected ${ROWS}`)

    const total = t3 - t0
    console.log(`\nsignet import bench: ${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(2)} MB CSV, fresh SQLite`)
    console.table([
      { step: 'read (decode + papaparse)', ms: Math.round(t1 - t0) },
      { step: 'judge rows (+ existing emails)', ms: Math.round(t2 - t1) },
      {
        step: `commit (${result.organizationsCreated} organizations, ${result.created} people, 1 tx)`,
        ms: Math.round(t3 - t2),
      },
      { step: 'total', ms: Math.round(total) },
    ])
    const floorMs = await rawFloor(join(dir, 'floor.sqlite'), bytes)
    console.table([{ step: 'raw floor: decode + papaparse + 10,000 inserts in 1 tx', ms: Math.round(floorMs) }])
    const goal: Goal = {
      issue: 4,
      what: `import of ${ROWS.toLocaleString('en')} CSV rows (read, judge, commit)`,
      budget: `< ${BUDGET_MS} ms`,
      figure: `${Math.round(total)} ms`,
      floor: `decode + parse + raw inserts ${Math.round(floorMs)} ms`,
      ratio: total / floorMs,
      met: total < BUDGET_MS,
    }
    report('import', [goal])
  } finally {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`bench import: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
