/**
 * `npm run bench -- checkin-pg`: door redeem on PostgreSQL (issue 17), with one instance and with
 * two, each against a raw floor measured in the same run.
 *
 * A database of its own (next to BENCH_DATABASE_URL or TEST_DATABASE_URL, default the local
 * server) gets the check-in benchmark's door: one event, 2,000 confirmed registrations and an
 * enrolled device (bench/door.ts). For each of one and two instances, two fresh copies of it
 * (CREATE DATABASE … TEMPLATE): one for Signet (`node app/server/start.js`, production build, as
 * many processes as instances) and one for as many floor processes (bench/checkin-floor-pg.ts:
 * node:http + pg, the same lookups and insert per scan as the SQLite floor). Each side sits
 * behind its own round-robin balancer (bench/balancer.ts), one instance included, so that every
 * row pays the same extra hop. autocannon then posts the 2,000 codes in turn (admissions first,
 * then "already checked in") at 64 connections (throughput) and 8 (p99), 6 s a row after 6 s of
 * warm-up of each side.
 *
 * Goals (issue 17), by ratio to the floor of the same run: throughput ≥ 90 % of the floor's, p99
 * ≤ 1.25 × the floor's. Two instances against one is reported, not judged: on two cores shared by
 * autocannon, the balancer, PostgreSQL and both instances, a second instance has no core of its
 * own to add.
 */
import type { ChildProcess } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { type Door, type Load, redeemLoad, scansOf, seedDoor } from './door'
import { freePort, type Goal, redeemGoals, report } from './lib'
import { BenchResources, describeServer } from './pg'

const TICKETS = 2000
const SECONDS = 6

interface Rows {
  instances: number
  floor64: Load
  app64: Load
  floor8: Load
  app8: Load
}

/** One and the same measurement for `instances` Signet processes and as many floors. */
async function measure(res: BenchResources, template: string, door: Door, instances: number): Promise<Rows> {
  const appDb = await res.createDatabase(`app${instances}`, template)
  const floorDb = await res.createDatabase(`floor${instances}`, template)
  const appPort = await freePort()
  const floorPort = await freePort()
  const appOrigin = `http://127.0.0.1:${appPort}`
  const started: ChildProcess[] = []
  try {
    const apps = []
    for (let i = 0; i < instances; i++) apps.push(await res.startSignet(appDb.url, appOrigin))
    const floors = []
    for (let i = 0; i < instances; i++) {
      const port = await freePort()
      floors.push({
        port,
        child: await res.start(
          ['--import', 'tsx', 'bench/checkin-floor-pg.ts', floorDb.url, String(port)],
          `http://127.0.0.1:${port}/`,
        ),
      })
    }
    started.push(...apps.map((a) => a.child), ...floors.map((f) => f.child))
    started.push(
      await res.startBalancer(
        appPort,
        apps.map((a) => a.port),
      ),
    )
    started.push(
      await res.startBalancer(
        floorPort,
        floors.map((f) => f.port),
      ),
    )

    const scans = scansOf(door)
    const api = `${appOrigin}/api/v1/checkin/redeem`
    const floorUrl = `http://127.0.0.1:${floorPort}/`
    const run = (url: string, connections: number, device: boolean) =>
      redeemLoad(url, scans, { connections, seconds: SECONDS, device })
    console.log(`${instances} instance(s): warming up…`)
    await run(floorUrl, 64, false).catch((error: unknown) => {
      throw new Error(`floor: ${String(error)}`)
    })
    await run(api, 64, true)
    console.log(`${instances} instance(s): measuring ${SECONDS} s per row…`)
    const floor64 = await run(floorUrl, 64, false)
    const app64 = await run(api, 64, true)
    const floor8 = await run(floorUrl, 8, false)
    const app8 = await run(api, 8, true)
    return { instances, floor64, app64, floor8, app8 }
  } finally {
    await res.stop(started)
  }
}

async function main(): Promise<void> {
  const res = new BenchResources()
  try {
    const server = await describeServer()
    const { name: template, seeded: door } = await res.seededDatabase('seed', (db) =>
      seedDoor(db, { slug: 'bench-checkin', tickets: TICKETS }),
    )
    console.log(
      `\nsignet check-in bench on ${server}: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )
    const one = await measure(res, template, door, 1)
    const two = await measure(res, template, door, 2)

    const row = (what: string, instances: number, connections: number, l: Load) => ({
      what,
      instances,
      connections,
      'req/s': Math.round(l.rps),
      p50: l.p50,
      p99: l.p99,
    })
    console.table(
      [one, two].flatMap((r) => [
        row('raw floor (node:http + pg)', r.instances, 64, r.floor64),
        row('Signet redeem', r.instances, 64, r.app64),
        row('raw floor (node:http + pg)', r.instances, 8, r.floor8),
        row('Signet redeem', r.instances, 8, r.app8),
      ]),
    )
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )

    const goals: Goal[] = [one, two].flatMap((r) =>
      redeemGoals({
        issue: 17,
        what: `redeem, PostgreSQL, ${r.instances === 1 ? 'one instance' : 'two instances'}`,
        floorName: `node:http + pg${r.instances === 1 ? '' : ' × 2'}`,
        app: { throughput: r.app64.rps, p99: r.app8.p99 },
        floor: { throughput: r.floor64.rps, p99: r.floor8.p99 },
      }),
    )
    // Two instances against one: reported, with the floors' own ratio beside for comparison.
    const scaling = two.app64.rps / one.app64.rps
    goals.push({
      issue: 17,
      what: 'redeem, PostgreSQL: two instances against one, throughput at 64 connections',
      budget: 'none on 2 cores (reported)',
      figure: `${Math.round(two.app64.rps)} against ${Math.round(one.app64.rps)} req/s`,
      floor: `floors × 2 against × 1: ${(two.floor64.rps / one.floor64.rps).toFixed(2)}×`,
      ratio: scaling,
      met: true,
      judged: false,
    })
    goals.push({
      issue: 17,
      what: 'redeem, PostgreSQL: two instances against one, p99 at 8 connections',
      budget: 'none on 2 cores (reported)',
      figure: `${two.app8.p99} against ${one.app8.p99} ms`,
      floor: `floors × 2 against × 1: ${two.floor8.p99} against ${one.floor8.p99} ms`,
      ratio: two.app8.p99 / Math.max(one.app8.p99, 1),
      met: true,
      judged: false,
    })
    report('checkin-pg', goals)
  } finally {
    await res.close()
  }
}

main().catch((error: unknown) => {
  console.error(`bench checkin-pg: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exitCode = 1
})
