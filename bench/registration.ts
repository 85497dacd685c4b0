/**
 * `npm run bench`, registration burst: 500 delegates, each with their own link and cookie,
 * submit the registration form at the same instant for a 100-seat session, against the real
 * production build on a fresh SQLite file. Budget (issue 4): exactly 100 confirmed and 400
 * waitlisted, the whole burst done within 2 s (>= 250 registrations/s); p50 and p95 reported.
 * The floor, measured in the same run at the same concurrency, is 500 GETs of /healthz: the
 * HTTP stack with no database work. The clients run in a child process (registration-clients.ts),
 * so the server's event loop does only the server's work, as it would with 500 phones.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../tests/helpers/registration'
import { type BurstOrder, runClients } from './burst'
import { percentile, report } from './lib'

const CLIENTS = 500
const SEATS = 100
const BUDGET_MS = 2000

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-registration-'))
  // As `npm start` runs it: React Router and React pick their production builds from NODE_ENV.
  process.env.NODE_ENV = 'production'
  const mod = await import(pathToFileURL(resolve('build/server/index.js')).href)
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { config, db } = (await mod.boot(
    { DATABASE_URL: join(dir, 'bench.sqlite'), SESSION_SECRET: TEST_SECRET, APP_URL: origin, SEED_DEMO: '0' },
    () => {},
  )) as { config: unknown; db: Kysely<Database> }
  server.on('request', mod.createHttpApp({ config, db, clientDir: resolve('build/client') }))
  try {
    const event = await makeEvent(db, {
      slug: 'bench',
      sessions: [{ title: 'Hydrogen forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00', capacity: SEATS }],
    })
    const invitees = await makeInvitees(db, event, CLIENTS, { prefix: 'bench' })
    const order: BurstOrder = {
      origin,
      slug: event.slug,
      tokens: invitees.map((i) => i.token),
      forms: invitees.map((i) => registrationForm(i.email, event.sessionIds).toString()),
    }
    const { floorMs, totalMs, latencies, statuses } = await runClients(order)
    const seats = await db
      .selectFrom('registration_sessions')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('status')
      .execute()
    const count = (s: string) => Number(seats.find((r) => r.status === s)?.n ?? 0)
    const errors = statuses.filter((s) => s !== 303).length
    latencies.sort((a, b) => a - b)
    console.log(
      `\nsignet registration burst: ${CLIENTS} clients at once (own process), ${SEATS} seats, fresh SQLite, production build`,
    )
    console.table([
      { measure: 'burst wall time (ms)', value: Math.round(totalMs) },
      { measure: 'registrations/s', value: Math.round(CLIENTS / (totalMs / 1000)) },
      { measure: 'p50 latency (ms)', value: Math.round(percentile(latencies, 50)) },
      { measure: 'p95 latency (ms)', value: Math.round(percentile(latencies, 95)) },
      { measure: 'confirmed', value: count('confirmed') },
      { measure: 'waitlisted', value: count('waitlisted') },
      { measure: 'non-303 answers', value: errors },
      { measure: `floor: ${CLIENTS} × GET /healthz (ms)`, value: Math.round(floorMs) },
      { measure: 'burst / floor', value: Number((totalMs / floorMs).toFixed(1)) },
    ])
    report('registration', [
      {
        issue: 4,
        what: `registration burst, ${CLIENTS} clients for ${SEATS} seats, whole burst`,
        budget: `< ${BUDGET_MS} ms, exactly ${SEATS} + ${CLIENTS - SEATS}`,
        figure: `${Math.round(totalMs)} ms, ${count('confirmed')} + ${count('waitlisted')}, p50 ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms${errors ? `, ${errors} not 303` : ''}`,
        floor: `${CLIENTS} × GET /healthz ${Math.round(floorMs)} ms`,
        ratio: totalMs / floorMs,
        met:
          totalMs < BUDGET_MS &&
          count('confirmed') === SEATS &&
          count('waitlisted') === CLIENTS - SEATS &&
          errors === 0,
      },
    ])
  } finally {
    await new Promise<void>((done) => server.close(() => done()))
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`bench registration: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exitCode = 1
})
