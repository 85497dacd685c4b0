/**
 * Graceful shutdown (issue 7): on SIGTERM the built server answers the requests it has already
 * taken, the mail worker finishes the message in hand and stops (no half-written mail, no message
 * left claimed), and the process exits 0.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { testDialect } from '../helpers/db'
import { signedIn } from '../helpers/fixtures'
import { makeEvent, makeInvitees, TEST_SECRET } from '../helpers/registration'

/** Resolves once the mail worker has written its first message into `dir` (watched, not polled). */
async function firstMailIn(dir: string): Promise<void> {
  const sent = () => readdirSync(dir).some((f) => f.endsWith('.eml'))
  await new Promise<void>((done) => {
    const watcher = watch(dir, () => {
      if (!sent()) return
      watcher.close()
      done()
    })
    if (sent()) {
      watcher.close()
      done()
    }
  })
}

describe.runIf(testDialect === 'sqlite')('SIGTERM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signet-shutdown-'))
  const databaseFile = join(dir, 'shutdown.sqlite')
  const mailDir = join(dir, 'mail')
  let server: BuiltServer | null = null
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('finishes requests in flight and the mail in hand, then exits 0', async () => {
    mkdirSync(mailDir, { recursive: true })
    server = await startBuiltServer({ env: { SESSION_SECRET: TEST_SECRET, MAIL_DIR: mailDir }, databaseFile })
    const running = server
    const db = createDatabase(parseDatabaseUrl(databaseFile))
    const event = await makeEvent(db, {
      slug: 'shutdown',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
    })
    // 150 invitations, queued in the outbox: the worker starts sending them within seconds.
    await makeInvitees(db, event, 150, { prefix: 'mail' })
    const queued = Number(
      (
        await db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'queued')
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(queued).toBeGreaterThan(100)
    // Wait until the worker is sending.
    await firstMailIn(mailDir)
    // An organizer watching live attendance: the stream must not hold the shutdown.
    const organizer = await signedIn(running.origin, running.adminEmail, running.adminPassword)
    const stream = await fetch(`${running.origin}/events/yantai-japan-2024/attendance/stream`, {
      headers: { Cookie: organizer.cookieHeader },
    })
    expect(stream.status).toBe(200)
    // The server has taken them once it starts answering (headers); their bodies are read after the SIGTERM.
    const pages = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${running.origin}/e/yantai-japan-2024?lng=ja`)),
    )
    const exit = new Promise<number | null>((done) => running.child.once('exit', (code) => done(code)))
    running.child.kill('SIGTERM')
    const answers = await Promise.all(pages.map(async (r) => ({ status: r.status, body: await r.text() })))
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200))
    expect(answers.every((a) => a.body.trimEnd().endsWith('</html>'))).toBe(true)
    // How long it takes is not asserted (a busy machine is slower); the test's timeout is the safety net.
    expect(await exit).toBe(0)
    expect(running.output()).toContain('signet: stopped')

    const rows = await db
      .selectFrom('outbox')
      .select(['id', 'status', 'file', 'locked_until'])
      .where('event_id', '=', event.id)
      .execute()
    await db.destroy()
    const files = readdirSync(mailDir)
    expect(files.filter((f) => f.includes('.partial'))).toEqual([])
    const sent = rows.filter((r) => r.status === 'sent')
    expect(sent.length).toBeGreaterThan(0)
    for (const r of sent) expect(files).toContain(r.file)
    // Nothing is left claimed: another instance (or the next start) sends the rest at once.
    expect(rows.filter((r) => r.status === 'queued' && r.locked_until !== null)).toEqual([])
  }, 60_000)
})
