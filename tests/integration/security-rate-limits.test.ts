/**
 * Rate limits (issue 7), against the real built server: guessing invitation (and so portal)
 * links, public registration, and device tokens on the device API. Each answers 429 with
 * Retry-After once its limit is passed, and then refuses even a right guess from that address.
 * (Sign-in limits: tests/integration/rate-limit.test.ts.)
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { makeEvent, makeInvitees, registrationForm } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let event = { id: '', slug: '', sessionIds: [] as string[] }
// The server's clock stands still: every window below is decided by the test, never by how long
// the machine takes to send 10,000 requests (a slow machine let the minute pass mid-test).
const NOW = new Date('2030-05-01T00:00:00Z')

beforeAll(async () => {
  server = await startTestServer({}, { now: () => NOW })
  event = await makeEvent(server.db, {
    slug: 'limits',
    mode: 'open',
    sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
  })
})
afterAll(async () => {
  await server?.close()
})

/** Runs `work` for 0..count-1 with at most `width` at once, keeping the answers in order. */
async function pool<T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++
        out[i] = await work(i)
      }
    }),
  )
  return out
}

describe('guessing invitation links', () => {
  it('10,000 random tokens get 404s and then 429s, never a session; then a right link is refused too', async () => {
    const client = new TestClient(server.origin)
    const guess = async (suffix: string) => {
      const token = randomBytes(32).toString('base64url')
      const response = await client.request(`/i/${token}${suffix}`, { method: 'POST' })
      await response.body?.cancel()
      return response.status
    }
    // The first ones one by one, as pages: exactly 20 misses a minute are answered.
    const first: number[] = []
    for (let i = 0; i < 40; i++) first.push(await guess(''))
    expect(first.slice(0, 20).every((s) => s === 404)).toBe(true)
    expect(first.slice(20).every((s) => s === 429)).toBe(true)
    // The rest as fast as a script would send them (React Router's data requests, same action).
    const rest = await pool(10_000 - first.length, 8, () => guess('.data'))
    expect(rest.filter((s) => s !== 429)).toEqual([])
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'right' })
    const right = await client.request(`/i/${invitee?.token}`, { method: 'POST' })
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(right.headers.get('Set-Cookie') ?? '').not.toContain('signet_delegate')
  }, 180_000)
})

describe('public registration', () => {
  it('takes 10 registrations from one address in 10 minutes, then answers 429 in the visitor’s language', async () => {
    const statuses: number[] = []
    let last = ''
    let retryAfter = ''
    for (let i = 0; i < 12; i++) {
      const client = new TestClient(server.origin)
      const response = await client.request(`/e/${event.slug}/register?lng=zh`, {
        method: 'POST',
        body: registrationForm(`public${i}@example.org`, [event.sessionIds[0] ?? '']),
      })
      statuses.push(response.status)
      retryAfter = response.headers.get('Retry-After') ?? ''
      last = await response.text()
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
    expect(last).toMatch(/秒/)
    expect(Number(retryAfter)).toBeGreaterThan(0)
  })
})

describe('the device API', () => {
  it('answers 401 to 30 wrong tokens from an address, then 429 to anything unproven from it, while its door phones keep scanning', async () => {
    const created = await createDevice(server.db, event.id, { name: 'Door', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const enrolled = await enrollDevice(server.db, created.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    const second = await createDevice(server.db, event.id, { name: 'Bus', sessionIds: [] }, { userId: null })
    if (!second.ok) throw new Error(second.reason)
    const ask = (token: string) =>
      fetch(`${server.origin}/api/v1/sessions`, {
        headers: { Authorization: `Device ${token}`, 'Accept-Language': 'ja' },
      })
    expect((await ask(enrolled.token)).status).toBe(200)
    const statuses: number[] = []
    for (let i = 0; i < 40; i++) statuses.push((await ask(randomBytes(32).toString('base64url'))).status)
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true)
    const wrong = await ask(randomBytes(32).toString('base64url'))
    expect(wrong.status).toBe(429)
    expect(Number(wrong.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(((await wrong.json()) as { message: string }).message).toContain('1分')
    // The door phone behind the same address (a venue's NAT) is not locked out by someone else's guesses.
    expect((await ask(enrolled.token)).status).toBe(200)
    // Enrolling waits out the minute, even with a right code.
    const enroll = await fetch(`${server.origin}/api/v1/device/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ code: second.enrollmentCode }),
    })
    expect(enroll.status).toBe(429)
  })
})
