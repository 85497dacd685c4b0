import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeUser, PASSWORD } from '../helpers/fixtures'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
  await makeUser(server.db, 'target@example.org')
})
afterAll(async () => {
  await server?.close()
})

describe('sign-in rate limit', () => {
  it('refuses the 6th wrong password in a minute, and then even the right one', async () => {
    const client = new TestClient(server.origin)
    for (let i = 1; i <= 5; i++) {
      const response = await client.post('/login?lng=en', { email: 'target@example.org', password: `wrong-${i}` })
      expect(response.status, `attempt ${i}`).toBe(401)
    }
    const sixth = await client.post('/login?lng=ja', { email: 'target@example.org', password: 'wrong-6' })
    expect(sixth.status).toBe(429)
    expect(Number(sixth.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await sixth.text()).toMatch(/ログインの試行回数が多すぎます。\d+ 秒後に/)
    const right = await client.post('/login', { email: 'target@example.org', password: PASSWORD })
    expect(right.status).toBe(429)
    expect(client.cookies.has('signet_session')).toBe(false)
    const refusals = await server.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'auth.login_rate_limited')
      .execute()
    expect(refusals.length).toBe(2)
  })

  it('counts parallel guesses: a burst of 10 gets at most 5 checked', async () => {
    await makeUser(server.db, 'burst@example.org')
    const client = new TestClient(server.origin)
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        client.post('/login', { email: 'burst@example.org', password: `wrong-${i}` }),
      ),
    )
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 401).length).toBe(5)
    expect(statuses.filter((s) => s === 429).length).toBe(5)
  })
})

describe('a stranger cannot lock an account (issue 14)', () => {
  let proxied: TestServer
  // Addresses come from X-Forwarded-For (TRUST_PROXY=1); the clock stands still, so every window is the test's.
  const NOW = new Date('2030-03-01T08:00:00Z')
  beforeAll(async () => {
    proxied = await startTestServer({ TRUST_PROXY: '1' }, { now: () => NOW })
  })
  afterAll(async () => {
    await proxied?.close()
  })
  const from = (address: string) => ({ headers: { 'X-Forwarded-For': address } })
  const signIn = (client: TestClient, email: string, password: string, address: string) =>
    client.post('/login', { email, password }, from(address))

  it('ten wrong passwords from one address lock that address out of the account, not its owner elsewhere', async () => {
    await makeUser(proxied.db, 'owner@example.org')
    const stranger = new TestClient(proxied.origin)
    const statuses: number[] = []
    for (let i = 0; i < 10; i++)
      statuses.push((await signIn(stranger, 'owner@example.org', `guess-${i}`, '203.0.113.7')).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429])
    // The right password from the stranger's address is refused too: that client is limited.
    expect((await signIn(stranger, 'owner@example.org', PASSWORD, '203.0.113.7')).status).toBe(429)
    const owner = new TestClient(proxied.origin)
    const response = await signIn(owner, 'owner@example.org', PASSWORD, '198.51.100.20')
    expect(response.status).toBe(302)
    expect(owner.cookies.has('signet_session')).toBe(true)
  })

  it('guesses from a hundred places stall new browsers, while the owner’s own browser still gets in', async () => {
    await makeUser(proxied.db, 'wanted@example.org')
    const owner = new TestClient(proxied.origin)
    expect((await signIn(owner, 'wanted@example.org', PASSWORD, '198.51.100.30')).status).toBe(302)
    expect(owner.cookies.has('signet_device')).toBe(true)
    owner.cookies.delete('signet_session')
    // With the owner's sign-in, 100 attempts on the account this hour: 99 wrong passwords, 3 from
    // each of 33 addresses (each far under its own limit of 5), the addresses side by side.
    const bots = await Promise.all(
      Array.from({ length: 33 }, async (_, a) => {
        const bot = new TestClient(proxied.origin)
        const statuses: number[] = []
        for (let i = 0; i < 3; i++)
          statuses.push((await signIn(bot, 'wanted@example.org', `bot-${a}-${i}`, `192.0.2.${a + 1}`)).status)
        return statuses
      }),
    )
    expect(bots.flat().filter((s) => s !== 401)).toEqual([])
    // A browser that never signed in to the account now waits, even with the right password …
    const newBrowser = new TestClient(proxied.origin)
    expect((await signIn(newBrowser, 'wanted@example.org', PASSWORD, '198.51.100.31')).status).toBe(429)
    // … and the owner's browser, known to the account, signs in from yet another address.
    const back = await signIn(owner, 'wanted@example.org', PASSWORD, '198.51.100.32')
    expect(back.status).toBe(302)
    expect(owner.cookies.has('signet_session')).toBe(true)
  }, 120_000)

  it('a device cookie from the stranger’s own account buys nothing against another account', async () => {
    await makeUser(proxied.db, 'mallory@example.org')
    await makeUser(proxied.db, 'victim@example.org')
    const mallory = new TestClient(proxied.origin)
    expect((await signIn(mallory, 'mallory@example.org', PASSWORD, '203.0.113.50')).status).toBe(302)
    expect(mallory.cookies.has('signet_device')).toBe(true)
    mallory.cookies.delete('signet_session')
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push((await signIn(mallory, 'victim@example.org', `guess-${i}`, '203.0.113.50')).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
  })
})
