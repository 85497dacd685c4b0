/**
 * `npm run bench`, last part: how cost grows from 1,000 to 100,000 attendees (issue 7). For each
 * size, a fresh SQLite file with the real migrations gets one event, one session, that many
 * confirmed registrations with a seat, and as many door check-ins; then it times, median of 7:
 * - the attendance dashboard's counts (`eventAttendance`, what /events/<slug>/attendance shows,
 *   read from the counts the database keeps, ADR 0017), against a raw floor: better-sqlite3
 *   counting the same session's admissions in one statement; and the same counts computed from
 *   the rows (`eventAttendanceLists`: what the per-session lists and the export still read);
 * - the door phone's roster download (`sessionRoster`): its time and its size as JSON, raw and
 *   gzipped (what a phone fetches over venue Wi-Fi).
 * Goal: the counts at 100,000 check-ins within 20 ms. Prints a table and PASS/FAIL; exits 1 on FAIL.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import SQLite from 'better-sqlite3'
import { eventAttendance, eventAttendanceLists } from '../app/checkin/attendance.server'
import { sessionRoster } from '../app/checkin/roster.server'
import { createDatabase, parseDatabaseUrl } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { report } from './lib'

const SIZES = [1_000, 10_000, 100_000]
const GOAL_MS = 20
const RUNS = 7

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function time(work: () => unknown): Promise<number> {
  const samples: number[] = []
  await work() // warm
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  return median(samples)
}

/** Writes the event, session, people, registrations, seats and check-ins straight with SQL. */
function fill(file: string, size: number): { eventId: string; sessionId: string; userId: string } {
  const sqlite = new SQLite(file)
  const at = new Date().toISOString()
  const eventId = randomUUID()
  const sessionId = randomUUID()
  const userId = randomUUID()
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `insert into users (id, email, name, password_hash, is_admin, disabled_at, created_at, updated_at)
         values (?, 'door@bench.invalid', 'door', 'x', 1, null, ?, ?)`,
      )
      .run(userId, at, at)
    sqlite
      .prepare(
        `insert into events (id, slug, title_zh, title_en, title_ja, description_zh, description_en, description_ja,
           timezone, starts_on, ends_on, venue_zh, venue_en, venue_ja, address_zh, address_en, address_ja,
           registration_mode, registration_opens_at, registration_closes_at, status, languages, created_at, updated_at)
         values (?, 'scale', '规模', 'Scale', '規模', '', '', '', 'Asia/Shanghai', '2030-05-20', '2030-05-20',
           '', '', '', '', '', '', 'invite_only', null, null, 'published', 'zh,ja,en', ?, ?)`,
      )
      .run(eventId, at, at)
    sqlite
      .prepare(
        `insert into sessions (id, event_id, kind, title_zh, title_en, title_ja, description_zh, description_en,
           description_ja, starts_at, ends_at, room_zh, room_en, room_ja, capacity, registration_required,
           interpretation, chain, meeting_point_zh, meeting_point_en, meeting_point_ja, meeting_at, vip_only,
           created_at, updated_at)
         values (?, ?, 'forum', '论坛', 'Forum', 'フォーラム', '', '', '', '2030-05-20T01:00:00.000Z',
           '2030-05-20T03:00:00.000Z', '', '', '', null, 1, '', null, '', '', '', null, 0, ?, ?)`,
      )
      .run(sessionId, eventId, at, at)
    const person = sqlite.prepare(
      `insert into people (id, key, organization_id, family_name, given_name, latin_name, kana, title_zh, title_en,
         title_ja, email, phone, preferred_language, vip, dietary, created_at, updated_at)
       values (?, null, null, '佐藤', ?, ?, 'さとう', null, null, null, ?, null, 'ja', 0, null, ?, ?)`,
    )
    const registration = sqlite.prepare(
      `insert into registrations (id, event_id, person_id, invitation_id, status, source, family_name, given_name,
         latin_name, kana, title, organization_name, email, phone, language, diet, allergies, accessibility,
         interpretation, arrival_date, arrival_transport, departure_date, departure_transport, hotel_needed,
         consent_at, ticket_nonce, ticket_hash, ticket_issued_at, submission_key, cancelled_at, created_at, updated_at)
       values (?, ?, ?, null, 'confirmed', 'public', '佐藤', ?, ?, 'さとう', '部長', '株式会社', ?, '', 'ja', 'none',
         '', '', '', null, '', null, '', 0, ?, ?, ?, ?, null, null, ?, ?)`,
    )
    const seat = sqlite.prepare(
      `insert into registration_sessions (registration_id, session_id, status, requested_at, updated_at)
       values (?, ?, 'confirmed', ?, ?)`,
    )
    const checkin = sqlite.prepare(
      `insert into checkins (id, event_id, session_id, registration_id, actor_key, device_id, user_id, nonce, status,
         reason, offline, conflict, scanned_at, created_at, undone_at, code_sample, answer)
       values (?, ?, ?, ?, ?, null, ?, ?, 'ok', null, 0, 0, ?, ?, null, null, '{}')`,
    )
    for (let i = 0; i < size; i++) {
      const personId = randomUUID()
      const registrationId = randomUUID()
      person.run(personId, `健${i}`, `SATO Ken${i}`, `p${i}@bench.invalid`, at, at)
      registration.run(
        registrationId,
        eventId,
        personId,
        `健${i}`,
        `SATO Ken${i}`,
        `p${i}@bench.invalid`,
        at,
        randomUUID(),
        randomUUID().replaceAll('-', '').repeat(2),
        at,
        at,
        at,
      )
      seat.run(registrationId, sessionId, at, at)
      checkin.run(randomUUID(), eventId, sessionId, registrationId, `user:${userId}`, userId, randomUUID(), at, at)
    }
  })()
  sqlite.close()
  return { eventId, sessionId, userId }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-scale-'))
  const rows: string[][] = []
  let countsAtMax = 0
  let floorAtMax = 0
  try {
    for (const size of SIZES) {
      const file = join(dir, `scale-${size}.sqlite`)
      const db = createDatabase(parseDatabaseUrl(file))
      await migrateToLatest(db)
      const { eventId, sessionId, userId } = fill(file, size)
      const raw = new SQLite(file, { readonly: true })
      const floorStatement = raw.prepare(
        "select count(distinct registration_id) as n from checkins where session_id = ? and status = 'ok' and undone_at is null",
      )
      const floor = await time(() => floorStatement.get(sessionId))
      raw.close()
      let counted = 0
      const counts = await time(async () => {
        const result = await eventAttendance(db, eventId)
        counted = result[0]?.checkedIn ?? 0
      })
      if (counted !== size) throw new Error(`the dashboard counted ${counted} check-ins, not ${size}`)
      // The same counts computed from the rows: what the dashboard cost before the counts were
      // kept, and what the lists and the export still read.
      const recount = await time(async () => {
        const lists = await eventAttendanceLists(db, eventId)
        if (lists[0]?.count.checkedIn !== size) throw new Error('the recount disagrees with the kept counts')
      })
      const scanner = { kind: 'user' as const, userId, name: 'door', eventId }
      let body = ''
      const roster = await time(async () => {
        const result = await sessionRoster(db, scanner, sessionId, null)
        body = JSON.stringify(result)
      })
      await db.destroy()
      if (size === SIZES.at(-1)) {
        countsAtMax = counts
        floorAtMax = floor
      }
      rows.push([
        size.toLocaleString('en'),
        floor.toFixed(2),
        counts.toFixed(2),
        (counts / Math.max(floor, 0.001)).toFixed(3),
        recount.toFixed(1),
        roster.toFixed(1),
        (body.length / 1024).toFixed(0),
        (gzipSync(body).length / 1024).toFixed(0),
      ])
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const header = [
    'attendees',
    'floor ms',
    'counts ms',
    'counts / floor',
    'recount from rows ms',
    'roster ms',
    'roster kB',
    'roster kB gz',
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(r))
  report('scale', [
    {
      issue: 7,
      what: `attendance counts at ${SIZES.at(-1)?.toLocaleString('en')} check-ins`,
      budget: `≤ ${GOAL_MS} ms`,
      figure: `${countsAtMax.toFixed(2)} ms`,
      floor: `one count(distinct) ${floorAtMax.toFixed(1)} ms`,
      ratio: countsAtMax / Math.max(floorAtMax, 0.001),
      met: countsAtMax <= GOAL_MS,
    },
  ])
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
