/**
 * `npm run bench -- tally-lock-pg`: what the per-event advisory lock of the attendance-count
 * triggers (ADR 0017) costs on PostgreSQL (issue 17).
 *
 * Every PostgreSQL trigger that changes an event's counts first takes that event's transaction
 * advisory lock, so that two transactions never hold one session's count row each and wait for
 * the other's. The price: writes to one event's counts go one transaction at a time, even at
 * different doors. This measures that price where it would show: one event with four sessions,
 * the 2,000 codes scanned round-robin at the four doors (so consecutive scans touch different
 * count rows), as migrated ("locked") and with the lock taken out of every trigger function
 * ("unlocked", the same SQL without the PERFORM; only for this measurement: it is the variant
 * that can deadlock). Each variant gets fresh copies of one seeded database for the raw floor
 * (bench/checkin-floor-pg.ts: one transaction per scan, so the lock is taken per scan) and for
 * Signet (one instance, whose door batches take it once per shared commit, and two instances
 * behind the round-robin balancer, whose batches contend for it).
 *
 * Rows: throughput at 64 connections and p99 at 8, 6 s each after 6 s of warm-up. After each
 * variant the kept counts are compared with the counts computed from the rows (exactness), so a
 * variant that loses a count fails the benchmark. Reported, not judged: the figure is the cost of
 * the lock, and whether to lift it is read from it (docs/benchmarks.md).
 */
import type { ChildProcess } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import pg from 'pg'
import { type Door, type Load, redeemLoad, type Scan, seedDoor } from './door'
import { formatRatio, freePort, type Goal, report } from './lib'
import { BenchResources, describeServer } from './pg'

const TICKETS = 2000
const DOORS = 4
const SECONDS = 6

type Variant = 'locked' | 'unlocked'

interface Rows {
  variant: Variant
  floor64: Load
  floor8: Load
  app64: Load
  app8: Load
  two64: Load
}

/** The codes in turn, each at the next of the event's doors. */
function scansAtEveryDoor(door: Door): Scan[] {
  return door.codes.map((code, i) => ({
    code,
    sessionId: door.sessionIds[i % door.sessionIds.length] ?? '',
    token: door.token,
  }))
}

/** Recreates every trigger function of the counts without its advisory lock; returns how many. */
async function removeTallyLock(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ def: string }>(
      `select pg_get_functiondef(p.oid) as def from pg_proc p where p.prosrc like '%signet:tallies:%'`,
    )
    for (const { def } of rows) {
      const unlocked = def.replace(
        /PERFORM pg_advisory_xact_lock\(hashtextextended\('signet:tallies:'[\s\S]*?\) AS e;/,
        '',
      )
      if (unlocked === def) throw new Error('a tally trigger function has no lock this benchmark knows how to remove')
      await client.query(unlocked)
    }
    const left = await client.query(`select count(*)::int as n from pg_proc where prosrc like '%signet:tallies:%'`)
    if (left.rows[0]?.n !== 0) throw new Error('a tally lock is left')
    return rows.length
  } finally {
    await client.end()
  }
}

/** Sessions whose kept checked-in count differs from the admissions in the rows. */
async function countsThatDrifted(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ session_id: string; kept: number; counted: number }>(
      `select t.session_id, t.checked_in as kept,
         (select count(distinct c.registration_id)::int from checkins c
           where c.session_id = t.session_id and c.status = 'ok' and c.undone_at is null) as counted
       from session_tallies t`,
    )
    return rows.filter((r) => r.kept !== r.counted).map((r) => `${r.session_id}: kept ${r.kept}, counted ${r.counted}`)
  } finally {
    await client.end()
  }
}

async function measure(res: BenchResources, template: string, door: Door, variant: Variant): Promise<Rows> {
  const floorDb = await res.createDatabase(`${variant}_floor`, template)
  const appDb = await res.createDatabase(`${variant}_app`, template)
  const twoDb = await res.createDatabase(`${variant}_two`, template)
  if (variant === 'unlocked') {
    const n = await removeTallyLock(floorDb.url)
    await removeTallyLock(appDb.url)
    await removeTallyLock(twoDb.url)
    console.log(`${variant}: the lock taken out of ${n} trigger functions`)
  }
  const scans = scansAtEveryDoor(door)
  const started: ChildProcess[] = []
  try {
    const floorPort = await freePort()
    started.push(
      await res.start(
        ['--import', 'tsx', 'bench/checkin-floor-pg.ts', floorDb.url, String(floorPort)],
        `http://127.0.0.1:${floorPort}/`,
      ),
    )
    const floorUrl = `http://127.0.0.1:${floorPort}/`
    // Both Signet rows behind the balancer, one instance included, so that both pay the same hop.
    const onePort = await freePort()
    const oneOrigin = `http://127.0.0.1:${onePort}`
    const one = await res.startSignet(appDb.url, oneOrigin)
    started.push(one.child, await res.startBalancer(onePort, [one.port]))
    const oneApi = `${oneOrigin}/api/v1/checkin/redeem`
    const twoPort = await freePort()
    const twoOrigin = `http://127.0.0.1:${twoPort}`
    const twoApps = [await res.startSignet(twoDb.url, twoOrigin), await res.startSignet(twoDb.url, twoOrigin)]
    started.push(...twoApps.map((a) => a.child))
    started.push(
      await res.startBalancer(
        twoPort,
        twoApps.map((a) => a.port),
      ),
    )
    const twoApi = `${twoOrigin}/api/v1/checkin/redeem`

    const run = (url: string, connections: number, device: boolean) =>
      redeemLoad(url, scans, { connections, seconds: SECONDS, device })
    console.log(`${variant}: warming up…`)
    await run(floorUrl, 64, false)
    await run(oneApi, 64, true)
    await run(twoApi, 64, true)
    console.log(`${variant}: measuring ${SECONDS} s per row…`)
    const rows: Rows = {
      variant,
      floor64: await run(floorUrl, 64, false),
      app64: await run(oneApi, 64, true),
      two64: await run(twoApi, 64, true),
      floor8: await run(floorUrl, 8, false),
      app8: await run(oneApi, 8, true),
    }
    await res.stop(started.splice(0))
    for (const db of [floorDb, appDb, twoDb]) {
      const drifted = await countsThatDrifted(db.url)
      if (drifted.length > 0) throw new Error(`${variant} ${db.name}: counts drifted: ${drifted.join('; ')}`)
    }
    return rows
  } finally {
    await res.stop(started)
  }
}

async function main(): Promise<void> {
  const res = new BenchResources()
  try {
    const server = await describeServer()
    const { name: template, seeded: door } = await res.seededDatabase('seed', (db) =>
      seedDoor(db, { slug: 'bench-tally-lock', tickets: TICKETS, sessions: DOORS }),
    )
    console.log(
      `\nsignet tally-lock bench on ${server}: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )
    const locked = await measure(res, template, door, 'locked')
    const unlocked = await measure(res, template, door, 'unlocked')

    const row = (what: string, l: Load, connections: number, r: Rows) => ({
      variant: r.variant,
      what,
      connections,
      'req/s': Math.round(l.rps),
      p50: l.p50,
      p99: l.p99,
    })
    console.table(
      [locked, unlocked].flatMap((r) => [
        row('raw floor (node:http + pg)', r.floor64, 64, r),
        row('Signet, one instance', r.app64, 64, r),
        row('Signet, two instances', r.two64, 64, r),
        row('raw floor (node:http + pg)', r.floor8, 8, r),
        row('Signet, one instance', r.app8, 8, r),
      ]),
    )
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; counts exact in every database of both variants`,
    )

    // What the lock costs: with it against without it (1.00× = nothing; < 1 for throughput, > 1 for p99 = a cost).
    const throughput = (what: string, pick: (r: Rows) => Load): Goal => ({
      issue: 17,
      what: `tally lock (ADR 0017), ${DOORS} doors of one event: ${what}, throughput at 64 connections, with the lock against without`,
      budget: 'none (reported: the cost of the lock)',
      figure: `${Math.round(pick(locked).rps)} against ${Math.round(pick(unlocked).rps)} req/s`,
      floor: null,
      ratio: pick(locked).rps / pick(unlocked).rps,
      met: true,
      judged: false,
    })
    const p99 = (what: string, pick: (r: Rows) => Load): Goal => ({
      issue: 17,
      what: `tally lock (ADR 0017), ${DOORS} doors of one event: ${what}, p99 at 8 connections, with the lock against without`,
      budget: 'none (reported: the cost of the lock)',
      figure: `${pick(locked).p99} against ${pick(unlocked).p99} ms`,
      floor: null,
      ratio: pick(locked).p99 / Math.max(pick(unlocked).p99, 1),
      met: true,
      judged: false,
    })
    const goals = [
      throughput('raw floor, a transaction per scan', (r) => r.floor64),
      throughput('Signet, one instance', (r) => r.app64),
      throughput('Signet, two instances', (r) => r.two64),
      p99('raw floor', (r) => r.floor8),
      p99('Signet, one instance', (r) => r.app8),
    ]
    // Signet against the floor with the lock in both, as the redeem goals judge it, for scale.
    console.log(
      `Signet one instance against the floor, both locked: throughput ${formatRatio(locked.app64.rps / locked.floor64.rps)}, p99 ${formatRatio(locked.app8.p99 / Math.max(locked.floor8.p99, 1))}`,
    )
    report('tally-lock-pg', goals)
  } finally {
    await res.close()
  }
}

main().catch((error: unknown) => {
  console.error(`bench tally-lock-pg: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exitCode = 1
})
