/**
 * Tokens at rest (issue 7): a dump of the whole database holds no session token, delegate token,
 * invitation token, device token, enrollment code, ticket code, form submission key (issue 14)
 * or set-password link of an account invitation or reset (issue 15) in the clear: only their
 * SHA-256, and for invitation links, ticket codes and open account links the random nonce they are derived from with the
 * server's secret (ADR 0008), which the database alone cannot turn into a working code.
 */
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { registrationTicketCode } from '../../app/registration/registration.server'
import { accountToken, invitationToken } from '../../app/registration/secrets.server'
import { tableNames } from '../helpers/fingerprint'
import { makeUser, signedIn } from '../helpers/fixtures'
import { registrationForm, TEST_SECRET } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
const secrets: { kind: string; value: string }[] = []
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** The token inside a signed cookie (React Router: base64 of its JSON, a dot, the signature). */
function cookieToken(client: TestClient, name: string): string {
  const raw = decodeURIComponent(client.cookies.get(name) ?? '')
  const payload = raw.slice(0, raw.lastIndexOf('.'))
  return JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as string
}

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  await makeUser(server.db, 'root@example.org', { admin: true })
  const admin = await signedIn(server.origin, 'root@example.org')
  secrets.push({ kind: 'session token', value: cookieToken(admin, 'signet_session') })

  const invitation = await server.db
    .selectFrom('invitations')
    .select('token_nonce')
    .where('token_nonce', 'is not', null)
    .executeTakeFirstOrThrow()
  const link = invitationToken(TEST_SECRET, invitation.token_nonce ?? '')
  secrets.push({ kind: 'invitation token', value: link })
  const delegate = new TestClient(server.origin)
  expect((await delegate.request(`/i/${link}`, { method: 'POST' })).status).toBe(303)
  secrets.push({ kind: 'delegate token', value: cookieToken(delegate, 'signet_delegate') })
  // The registration form's one-time submission key, sent with the delegate's registration.
  const form = await (await delegate.get('/e/yantai-japan-2024/register')).text()
  const submissionKey = /name="submission_key" value="([^"]+)"/.exec(form)?.[1] ?? ''
  const saved = await delegate.request('/e/yantai-japan-2024/register', {
    method: 'POST',
    body: registrationForm('dump-check@example.org', [], { submission_key: submissionKey }),
  })
  expect(saved.status).toBe(303)
  secrets.push({ kind: 'submission key', value: submissionKey })

  const event = await server.db.selectFrom('events').select('id').executeTakeFirstOrThrow()
  const created = await createDevice(server.db, event.id, { name: 'Door', sessionIds: [] }, { userId: null })
  if (!created.ok) throw new Error(created.reason)
  secrets.push({ kind: 'enrollment code', value: created.enrollmentCode })
  const second = await createDevice(server.db, event.id, { name: 'Bus', sessionIds: [] }, { userId: null })
  if (!second.ok) throw new Error(second.reason)
  const enrolled = await enrollDevice(server.db, second.enrollmentCode)
  if (!enrolled.ok) throw new Error('not enrolled')
  secrets.push({ kind: 'device token', value: enrolled.token })

  // An account invitation and a password reset: their links, as the outbox worker would rebuild them.
  expect(
    (await admin.post('/admin/users', { intent: 'invite', email: 'new@example.org', name: 'New', language: 'en' }))
      .status,
  ).toBe(200)
  expect((await new TestClient(server.origin).post('/forgot-password', { email: 'root@example.org' })).status).toBe(200)
  for (const row of await server.db.selectFrom('account_tokens').select(['purpose', 'nonce']).execute()) {
    secrets.push({ kind: `${row.purpose} link`, value: accountToken(TEST_SECRET, row.nonce ?? '') })
  }

  const registrations = await server.db.selectFrom('registrations').select(['ticket_nonce', 'status']).execute()
  for (const r of registrations) {
    const code = registrationTicketCode(TEST_SECRET, r)
    if (code) secrets.push({ kind: 'ticket code', value: code })
  }
})
afterAll(async () => {
  await server?.close()
})

async function dump(): Promise<string> {
  const parts: string[] = []
  for (const table of await tableNames(server.db)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(server.db)
    parts.push(`${table}\n${rows.rows.map((r) => JSON.stringify(r)).join('\n')}`)
  }
  return parts.join('\n')
}

describe('a dump of the database', () => {
  it('holds every kind of token only as its hash, never in the clear', async () => {
    expect(new Set(secrets.map((s) => s.kind)).size).toBe(9)
    expect(secrets.filter((s) => s.kind === 'ticket code').length).toBeGreaterThan(10)
    const text = await dump()
    const clear = secrets.filter((s) => text.includes(s.value)).map((s) => s.kind)
    expect(clear).toEqual([])
    // The hashes are what is kept (a positive control: the dump is the real one).
    for (const kind of ['session token', 'device token', 'ticket code', 'invite link', 'reset link']) {
      const secret = secrets.find((s) => s.kind === kind)
      expect(text, kind).toContain(sha256(secret?.value ?? ''))
    }
    const kept = await server.db
      .selectFrom('registrations')
      .select('submission_key')
      .where('email', '=', 'dump-check@example.org')
      .executeTakeFirstOrThrow()
    expect(kept.submission_key).toMatch(/^[0-9a-f]{64}$/)
  })
})
