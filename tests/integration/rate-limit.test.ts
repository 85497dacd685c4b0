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
