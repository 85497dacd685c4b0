/**
 * `npm run bench -- registration-pg`: the registration burst (bench/registration.ts) on
 * PostgreSQL (issue 17), with one instance and with two. 500 delegates, each with their own link
 * and cookie, submit the form at the same instant for a 100-seat session.
 *
 * A database of its own (next to BENCH_DATABASE_URL or TEST_DATABASE_URL, default the local
 * server) gets the event and 500 invitees; for each of one and two instances a fresh copy of it
 * (CREATE DATABASE … TEMPLATE) is served by that many `node app/server/start.js` processes
 * (production build) behind the round-robin balancer (bench/balancer.ts; in front of one instance
 * too, so both rows pay the same hop). The clients run in a child process
 * (bench/registration-clients.ts): each follows its link (untimed), then the floor, 500 ×
 * GET /healthz at once through the same balancer and instances (the HTTP stack, no database
 * work), then the burst.
 *
 * Goals: exactly 100 confirmed and 400 waitlisted, every answer the 303 to the delegate's page,
 * across two instances too; and the burst within RATIO_GOAL × its floor (see there). Two
 * instances against one is reported, not judged: two cores have no room for a second instance.
 */
import type { ChildProcess } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { createDatabase } from '../db/connect'
import { makeEvent, makeInvitees, registrationForm } from '../tests/helpers/registration'
import { type BurstOrder, type BurstReport, runClients } from './burst'
import { freePort, type Goal, percentile, report } from './lib'
import { BenchResources, describeServer } from './pg'

const CLIENTS = 500
const SEATS = 100
/** The burst's wall time at most this many times its floor's: provisional, to be set from quiet runs. */
const RATIO_GOAL = 8

interface Outcome {
  instances: number
  burst: BurstReport
  confirmed: number
  waitlisted: number
  errors: number
  /** the answers that were not 303, by status, e.g. "51 × 503" */
  others: string
}

async function burst(res: BenchResources, template: string, order: Omit<BurstOrder, 'origin'>, instances: number) {
  const copy = await res.createDatabase(`burst${instances}`, template)
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const started: ChildProcess[] = []
  try {
    const ports: number[] = []
    for (let i = 0; i < instances; i++) {
      const instance = await res.startSignet(copy.url, origin)
      started.push(instance.child)
      ports.push(instance.port)
    }
    started.push(await res.startBalancer(port, ports))
    console.log(`${instances} instance(s): ${CLIENTS} clients follow their links, then the floor and the burst…`)
    const report = await runClients({ ...order, origin })
    const db = createDatabase({ dialect: 'postgres', url: copy.url })
    try {
      const seats = await db
        .selectFrom('registration_sessions')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('status')
        .execute()
      const count = (s: string) => Number(seats.find((r) => r.status === s)?.n ?? 0)
      return {
        instances,
        burst: report,
        confirmed: count('confirmed'),
        waitlisted: count('waitlisted'),
        errors: report.statuses.filter((s) => s !== 303).length,
        others: byStatus(report.statuses.filter((s) => s !== 303)),
      } satisfies Outcome
    } finally {
      await db.destroy()
    }
  } finally {
    await res.stop(started)
  }
}

function byStatus(statuses: number[]): string {
  const counts = new Map<number, number>()
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ')
}

async function main(): Promise<void> {
  const res = new BenchResources()
  try {
    const server = await describeServer()
    const { name: template, seeded: order } = await res.seededDatabase('seed', async (db) => {
      const event = await makeEvent(db, {
        slug: 'bench',
        sessions: [{ title: 'Hydrogen forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00', capacity: SEATS }],
      })
      const invitees = await makeInvitees(db, event, CLIENTS, { prefix: 'bench' })
      return {
        slug: event.slug,
        tokens: invitees.map((i) => i.token),
        forms: invitees.map((i) => registrationForm(i.email, event.sessionIds).toString()),
      }
    })
    console.log(
      `\nsignet registration burst on ${server}: ${CLIENTS} clients at once (own process), ${SEATS} seats, ` +
        `${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    )
    const outcomes = [await burst(res, template, order, 1), await burst(res, template, order, 2)]
    console.table(
      outcomes.flatMap((o) => {
        const latencies = [...o.burst.latencies].sort((a, b) => a - b)
        return [
          {
            instances: o.instances,
            'burst (ms)': Math.round(o.burst.totalMs),
            'registrations/s': Math.round(CLIENTS / (o.burst.totalMs / 1000)),
            'p50 (ms)': Math.round(percentile(latencies, 50)),
            'p95 (ms)': Math.round(percentile(latencies, 95)),
            confirmed: o.confirmed,
            waitlisted: o.waitlisted,
            'not 303': o.others || 0,
            [`floor: ${CLIENTS} × GET /healthz (ms)`]: Math.round(o.burst.floorMs),
            'burst / floor': Number((o.burst.totalMs / o.burst.floorMs).toFixed(2)),
          },
        ]
      }),
    )
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )
    const goals: Goal[] = outcomes.map((o) => {
      const latencies = [...o.burst.latencies].sort((a, b) => a - b)
      const ratio = o.burst.totalMs / o.burst.floorMs
      const exact = o.confirmed === SEATS && o.waitlisted === CLIENTS - SEATS && o.errors === 0
      return {
        issue: 17,
        what: `registration burst, PostgreSQL, ${o.instances === 1 ? 'one instance' : 'two instances'}, ${CLIENTS} clients for ${SEATS} seats`,
        budget: `≤ ${RATIO_GOAL} × the floor, exactly ${SEATS} + ${CLIENTS - SEATS}`,
        figure: `${Math.round(o.burst.totalMs)} ms, ${o.confirmed} + ${o.waitlisted}, p50 ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms${o.errors ? `, not 303: ${o.others}` : ''}`,
        floor: `${CLIENTS} × GET /healthz ${Math.round(o.burst.floorMs)} ms`,
        ratio,
        met: ratio <= RATIO_GOAL && exact,
      }
    })
    const [one, two] = outcomes as [Outcome, Outcome]
    goals.push({
      issue: 17,
      what: 'registration burst, PostgreSQL: two instances against one, whole burst',
      budget: 'none on 2 cores (reported)',
      figure: `${Math.round(two.burst.totalMs)} against ${Math.round(one.burst.totalMs)} ms`,
      floor: `floors: ${Math.round(two.burst.floorMs)} against ${Math.round(one.burst.floorMs)} ms`,
      ratio: two.burst.totalMs / one.burst.totalMs,
      met: true,
      judged: false,
    })
    report('registration-pg', goals)
  } finally {
    await res.close()
  }
}

main().catch((error: unknown) => {
  console.error(`bench registration-pg: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exitCode = 1
})
