/**
 * `npm run bench`, invitation mails: 10,000 invitees in one event (ja, zh and en in turn), then,
 * on a fresh SQLite file with the real migrations:
 *
 * 1. queueing: "send invitations" for all of them (`queueInvitations`: links issued, 10,000
 *    outbox rows written in one transaction);
 * 2. rendering: every queued row rendered as the outbox worker renders it before sending
 *    (`renderMail`: rows read, link rebuilt from the secret, react-email HTML and plain text).
 *
 * Budget (issue 4): 10,000 invitations rendered and queued in under 20 s. The floor, measured
 * in the same run, is reading the same 10,000 outbox rows one by one, as the worker does, without
 * rendering. Prints a table and a PASS/FAIL line; exits 1 on FAIL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { withPersonSearchText } from '../app/people/search'
import { invitePeople, queueInvitations } from '../app/registration/invitations.server'
import { createDatabase, parseDatabaseUrl } from '../db/connect'
import { newId, nowIso } from '../db/ids'
import { migrateToLatest } from '../db/migrate'
import type { Language } from '../db/schema'
import { makeEvent, TEST_SECRET } from '../tests/helpers/registration'
import { report } from './lib'

const INVITEES = Number(process.env.BENCH_INVITEES ?? 10_000)
const BUDGET_MS = 20_000
const LANGUAGES: Language[] = ['ja', 'zh', 'en']

async function main(): Promise<void> {
  // As `npm start` runs it: React's production build (React reads NODE_ENV when first loaded).
  process.env.NODE_ENV = 'production'
  const { renderMail } = await import('../app/server/mails.server')
  const dir = mkdtempSync(join(tmpdir(), 'signet-bench-invitations-'))
  const db = createDatabase(parseDatabaseUrl(join(dir, 'bench.sqlite')))
  const config = { appUrl: new URL('https://signet.example.org'), sessionSecret: TEST_SECRET }
  try {
    await migrateToLatest(db)
    const event = await makeEvent(db, {
      slug: 'bench-invitations',
      sessions: [
        { title: 'Opening ceremony', start: '2030-05-20T09:00', end: '2030-05-20T10:00' },
        { title: 'Hydrogen forum', start: '2030-05-20T10:30', end: '2030-05-20T12:00', capacity: 200 },
      ],
    })
    const at = nowIso()
    const people = Array.from({ length: INVITEES }, (_, i) =>
      withPersonSearchText({
        id: newId(),
        key: null,
        organization_id: null,
        family_name: i % 3 === 2 ? '' : '佐藤',
        given_name: i % 3 === 2 ? '' : `健${i}`,
        latin_name: `SATO Ken ${i}`,
        kana: i % 3 === 0 ? 'さとう けん' : null,
        title_zh: '总经理',
        title_en: 'Director',
        title_ja: '部長',
        email: `invitee${i}@example.org`,
        phone: null,
        preferred_language: LANGUAGES[i % 3] ?? 'en',
        vip: 0,
        dietary: null,
        created_at: at,
        updated_at: at,
      }),
    )
    for (let i = 0; i < people.length; i += 200) {
      await db
        .insertInto('people')
        .values(people.slice(i, i + 200))
        .execute()
    }
    const row = await db
      .selectFrom('events')
      .select(['id', 'ends_on', 'timezone'])
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow()
    await invitePeople(
      db,
      row,
      people.map((p) => ({ personId: p.id })),
      { userId: null },
    )

    const t0 = performance.now()
    const sent = await queueInvitations(db, TEST_SECRET, event.id, 'all', 'send', { userId: null })
    const queueMs = performance.now() - t0
    if (sent.queued !== INVITEES) throw new Error(`queued ${sent.queued}, expected ${INVITEES}`)

    const ids = (await db.selectFrom('outbox').select('id').orderBy('created_at').execute()).map((r) => r.id)
    const load = (id: string) => db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

    const f0 = performance.now()
    for (const id of ids) await load(id)
    const floorMs = performance.now() - f0

    // One untimed render loads the templates (react-email is imported with the first mail).
    await renderMail(db, config, await load(ids[0] ?? ''))
    let htmlBytes = 0
    let failed = 0
    const r0 = performance.now()
    for (const id of ids) {
      const rendered = await renderMail(db, config, await load(id))
      if (rendered.ok) htmlBytes += rendered.html.length + rendered.text.length
      else failed++
    }
    const renderMs = performance.now() - r0
    const totalMs = queueMs + renderMs

    console.log(`\nsignet invitation mails: ${INVITEES} invitees (ja, zh, en), fresh SQLite`)
    console.table([
      { measure: 'queue: links issued + outbox rows written (ms)', value: Math.round(queueMs) },
      { measure: 'render: HTML + text, one by one (ms)', value: Math.round(renderMs) },
      { measure: 'rendered per second', value: Math.round(INVITEES / (renderMs / 1000)) },
      { measure: 'mean mail size, HTML + text (kB)', value: Number((htmlBytes / INVITEES / 1024).toFixed(1)) },
      { measure: 'rows that failed to render', value: failed },
      { measure: `floor: ${INVITEES} outbox rows read one by one (ms)`, value: Math.round(floorMs) },
      { measure: 'render / floor', value: Number((renderMs / floorMs).toFixed(1)) },
    ])
    report('invitations', [
      {
        issue: 4,
        what: `${INVITEES.toLocaleString('en')} invitation mails queued and rendered`,
        budget: `< ${BUDGET_MS / 1000} s`,
        figure: `${(totalMs / 1000).toFixed(1)} s (${Math.round(INVITEES / (renderMs / 1000))}/s rendered${failed ? `, ${failed} failed` : ''})`,
        floor: `outbox rows read one by one ${Math.round(floorMs)} ms`,
        ratio: totalMs / floorMs,
        met: totalMs < BUDGET_MS && failed === 0,
      },
    ])
  } finally {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`bench invitations: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exitCode = 1
})
