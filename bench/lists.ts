/**
 * `npm run bench`, the organizers' long lists (issue 19): the invitations and the registrations
 * pages of the demo event with 5,000 and then 50,000 invitees and registrations (long company
 * names, three sessions each), as an organizer of the event reads them over loopback from the
 * production build on SQLite: the first page, a page in the middle, and the first page sorted
 * by organization. Median of 9 sequential requests each; the floor is a static file served by
 * the same server in the same run.
 * Goals: each page under 300 ms and its HTML under 150 kB, at 5,000 and 50,000; and flat: at
 * 50,000 no more than 1.5 × its time at 5,000. Prints PASS/FAIL per goal; exits 1 on FAIL.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createDatabase } from '../db/connect'
import { makeUser, signedIn } from '../tests/helpers/fixtures'
import { fillEventAtScale } from '../tests/helpers/scale-fill'
import type { TestClient } from '../tests/helpers/server'
import { formatRatio, freePort, type Goal, report, waitUntilUp } from './lib'

const SLUG = 'yantai-japan-2024'
const SIZES = [5_000, 50_000]
const RUNS = 9
const BUDGET_MS = 300
const BUDGET_KB = 150
const FLAT = 1.5
const PAGES = [
  { name: 'invitations, page 1', path: `/events/${SLUG}/invitations` },
  { name: 'invitations, middle page', path: (size: number) => `/events/${SLUG}/invitations?page=${size / 100}` },
  { name: 'invitations by organization', path: `/events/${SLUG}/invitations?sort=organization` },
  { name: 'registrations, page 1', path: `/events/${SLUG}/registrations` },
  { name: 'registrations, middle page', path: (size: number) => `/events/${SLUG}/registrations?page=${size / 100}` },
  { name: 'registrations by organization', path: `/events/${SLUG}/registrations?sort=organization` },
] as const
const STATIC = '/favicon.svg'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

/** Median time of a GET and the size of its body, after one warm-up request. */
async function time(client: TestClient, path: string): Promise<{ ms: number; bytes: number }> {
  let bytes = 0
  const samples: number[] = []
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now()
    const response = await client.get(path)
    const body = await response.arrayBuffer()
    const ms = performance.now() - start
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
    bytes = body.byteLength
    if (i > 0) samples.push(ms)
  }
  return { ms: median(samples), bytes }
}

async function measureSize(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-lists-'))
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const file = join(dir, 'bench.sqlite')
  const child = spawn(process.execPath, ['app/server/start.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: file,
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: origin,
      SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      SEED_DEMO: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitUntilUp(`${origin}/healthz`, child)
    const db = createDatabase({ dialect: 'sqlite', file })
    try {
      const start = performance.now()
      await fillEventAtScale(db, SLUG, size)
      console.log(
        `${size.toLocaleString('en')} invitees and registrations written in ${((performance.now() - start) / 1000).toFixed(1)} s`,
      )
      await makeUser(db, 'lists@bench.invalid', { role: { eventSlug: SLUG, role: 'organizer' } })
    } finally {
      await db.destroy()
    }
    const client = await signedIn(origin, 'lists@bench.invalid')
    const floor = await time(client, STATIC)
    const pages = []
    for (const page of PAGES) {
      const path = typeof page.path === 'function' ? page.path(size) : page.path
      pages.push({ name: page.name, ...(await time(client, path)) })
    }
    return { floor, pages }
  } finally {
    child.kill('SIGTERM')
    await new Promise((done) => child.once('exit', done))
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const results = []
  for (const size of SIZES) results.push({ size, ...(await measureSize(size)) })
  console.log('\nsize      page                              median    floor    ratio    HTML')
  for (const r of results) {
    for (const p of r.pages) {
      console.log(
        `${r.size.toLocaleString('en').padEnd(9)} ${p.name.padEnd(33)} ${`${p.ms.toFixed(1)} ms`.padStart(9)} ${`${r.floor.ms.toFixed(2)} ms`.padStart(8)} ${formatRatio(p.ms / r.floor.ms).padStart(8)} ${`${(p.bytes / 1024).toFixed(0)} kB`.padStart(7)}`,
      )
    }
  }
  const goals: Goal[] = []
  const [small, large] = results
  for (const r of results) {
    for (const p of r.pages) {
      goals.push({
        issue: 19,
        what: `${p.name}, ${r.size.toLocaleString('en')} invitees`,
        budget: `< ${BUDGET_MS} ms, HTML < ${BUDGET_KB} kB`,
        figure: `${p.ms.toFixed(1)} ms, ${(p.bytes / 1024).toFixed(0)} kB`,
        floor: `${r.floor.ms.toFixed(2)} ms (static file)`,
        ratio: p.ms / r.floor.ms,
        met: p.ms < BUDGET_MS && p.bytes < BUDGET_KB * 1024,
      })
    }
  }
  if (small && large) {
    large.pages.forEach((p, i) => {
      const before = small.pages[i]
      if (!before) return
      goals.push({
        issue: 19,
        what: `${p.name}: 50,000 against 5,000`,
        budget: `≤ ${FLAT}×`,
        figure: `${p.ms.toFixed(1)} ms against ${before.ms.toFixed(1)} ms`,
        floor: `${before.ms.toFixed(1)} ms (the same page at 5,000)`,
        ratio: p.ms / before.ms,
        met: p.ms <= FLAT * before.ms,
      })
    })
  }
  report('lists', goals)
}

await main()
