import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { setAccountDisabled } from '../../app/users/accounts.server'
import { countRows as countDbRows } from '../helpers/db'
import { makeUser, PASSWORD, signedIn } from '../helpers/fixtures'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
const SLUG = 'yantai-japan-2024'

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db)
  await makeUser(server.db, 'organizer@example.org', { admin: true })
})
afterAll(async () => {
  await server?.close()
})

async function disable(email: string) {
  const user = await server.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  const result = await setAccountDisabled(server.db, { userId: null }, user.id, true, new Date())
  if (!result.ok) throw new Error(result.reason)
}

const countRows = (table: 'user_sessions' | 'audit_log') => countDbRows(server.db, table)

describe('signing in', () => {
  it('opens a session in an HttpOnly, SameSite=Lax cookie and shows the events', async () => {
    const client = new TestClient(server.origin)
    const response = await client.post('/login', {
      email: 'Organizer@Example.org ',
      password: PASSWORD,
      redirectTo: '/events',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/events')
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('signet_session='))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/i)
    const page = await client.get('/events?lng=en')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('2024 Japanese Enterprises Yantai Tour')
    expect(html).toContain('2024日本企业“烟台行”活动')
    expect(html).toContain('2024日本企業「煙台行」ビジネスツアー')
  })

  it('stores only a hash of the session token', async () => {
    const client = await signedIn(server.origin, 'organizer@example.org')
    const token = decodeURIComponent(client.cookies.get('signet_session') ?? '')
    const rows = await server.db.selectFrom('user_sessions').select('id').execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(token).not.toContain(row.id)
  })

  it('answers a wrong password and an unknown email with the same localized message', async () => {
    const before = await countRows('user_sessions')
    const client = new TestClient(server.origin)
    const wrong = await client.post('/login?lng=zh', { email: 'organizer@example.org', password: 'not-the-password' })
    const unknown = await client.post('/login?lng=zh', { email: 'nobody@example.org', password: 'not-the-password' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const [wrongHtml, unknownHtml] = [await wrong.text(), await unknown.text()]
    expect(wrongHtml).toContain('电子邮箱或密码不正确。')
    expect(unknownHtml).toContain('电子邮箱或密码不正确。')
    expect(await countRows('user_sessions')).toBe(before)
  })

  it('names the field at fault when the form is incomplete', async () => {
    const response = await new TestClient(server.origin).post('/login?lng=ja', { email: 'not-an-email', password: '' })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('有効なメールアドレスを入力してください')
    expect(html).toContain('この項目は必須です。')
    expect(html).toMatch(/id="email-error"/)
    expect(html).toMatch(/id="password-error"/)
  })

  it('tells a disabled user so only after the right password', async () => {
    await makeUser(server.db, 'leaver@example.org')
    await disable('leaver@example.org')
    const client = new TestClient(server.origin)
    const right = await client.post('/login?lng=en', { email: 'leaver@example.org', password: PASSWORD })
    expect(right.status).toBe(401)
    expect(await right.text()).toContain('This account has been disabled.')
    const wrong = await client.post('/login?lng=en', { email: 'leaver@example.org', password: 'wrong-password' })
    expect(await wrong.text()).toContain('The email or password is incorrect.')
    expect(client.cookies.has('signet_session')).toBe(false)
  })
})

describe('sessions', () => {
  it('logout revokes the session: replaying the old cookie fails', async () => {
    const client = await signedIn(server.origin, 'organizer@example.org')
    const oldCookie = client.cookieHeader
    expect((await client.get('/events')).status).toBe(200)
    const out = await client.post('/logout', {})
    expect(out.status).toBe(302)
    expect(out.headers.get('location')).toBe('/login?reason=signed_out')
    const replay = await fetch(new URL('/events', server.origin), {
      headers: { Cookie: oldCookie },
      redirect: 'manual',
    })
    expect(replay.status).toBe(302)
    expect(replay.headers.get('location')).toMatch(/^\/login\?redirectTo=%2Fevents&reason=expired$/)
    const audit = await server.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.logout').execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  it('logout is not reachable by GET', async () => {
    const client = await signedIn(server.origin, 'organizer@example.org')
    const response = await client.get('/logout')
    expect(response.status).toBe(302)
    expect((await client.get('/events')).status).toBe(200)
  })

  it('treats a tampered cookie as signed out', async () => {
    const client = await signedIn(server.origin, 'organizer@example.org')
    const value = client.cookies.get('signet_session') ?? ''
    const forged = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`
    const response = await fetch(new URL('/events', server.origin), {
      headers: { Cookie: `signet_session=${forged}` },
      redirect: 'manual',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toMatch(/^\/login\?/)
  })

  it('sends an expired session back to sign in, saying why', async () => {
    const client = await signedIn(server.origin, 'organizer@example.org')
    await server.db
      .updateTable('user_sessions')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('revoked_at', 'is', null)
      .execute()
    const response = await client.get('/events')
    expect(response.status).toBe(302)
    const login = await client.get(`${response.headers.get('location')}&lng=en`)
    expect(await login.text()).toContain('Your session has ended. Please sign in again.')
  })

  it('ends every session of a user who is disabled', async () => {
    await makeUser(server.db, 'temp@example.org')
    const client = await signedIn(server.origin, 'temp@example.org')
    expect((await client.get('/events')).status).toBe(200)
    await disable('temp@example.org')
    expect((await client.get('/events')).status).toBe(302)
  })
})

describe('cross-site requests', () => {
  it('refuses a cross-site POST and changes nothing', async () => {
    const client = await signedIn(server.origin, 'organizer@example.org')
    const [sessions, audits] = [await countRows('user_sessions'), await countRows('audit_log')]
    const logout = await client.post(
      '/logout?lng=en',
      {},
      { origin: 'https://evil.example', headers: { 'Sec-Fetch-Site': 'cross-site' } },
    )
    expect(logout.status).toBe(403)
    expect(await logout.text()).toContain('This request came from another site and was refused. Nothing was changed.')
    expect((await client.get('/events')).status).toBe(200)
    const login = await new TestClient(server.origin).post(
      '/login',
      { email: 'organizer@example.org', password: PASSWORD },
      { origin: 'https://evil.example' },
    )
    expect(login.status).toBe(403)
    expect(login.headers.getSetCookie().some((c) => c.startsWith('signet_session='))).toBe(false)
    expect(await countRows('user_sessions')).toBe(sessions)
    expect(await countRows('audit_log')).toBe(audits)
  })

  it('refuses a POST with no Origin at all', async () => {
    const client = await signedIn(server.origin, 'organizer@example.org')
    const response = await client.post('/logout', {}, { origin: null })
    expect(response.status).toBe(403)
    expect((await client.get('/events')).status).toBe(200)
  })
})

describe('what each user may see', () => {
  it('shows a user with no role no events, and hides an event they have no role on', async () => {
    await makeUser(server.db, 'outsider@example.org')
    const client = await signedIn(server.origin, 'outsider@example.org')
    const list = await client.get('/events?lng=en')
    const html = await list.text()
    expect(html).toContain('There are no events yet.')
    expect(html).not.toContain('Yantai Tour')
    expect((await client.get(`/events/${SLUG}`)).status).toBe(404)
  })

  it('shows a viewer their event with its hosts', async () => {
    await makeUser(server.db, 'viewer@example.org', { role: { eventSlug: SLUG, role: 'viewer' } })
    const client = await signedIn(server.origin, 'viewer@example.org')
    const page = await client.get(`/events/${SLUG}?lng=ja`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('煙台市人民政府')
    expect(html).toContain('ジェトロ')
  })

  it('keeps check-in staff to scanning: the overview is forbidden', async () => {
    await makeUser(server.db, 'door@example.org', { role: { eventSlug: SLUG, role: 'checkin' } })
    const client = await signedIn(server.origin, 'door@example.org')
    expect((await client.get(`/events/${SLUG}`)).status).toBe(403)
  })
})

describe('language', () => {
  it('takes ?lng= first, remembers it in a cookie, and otherwise follows Accept-Language', async () => {
    const client = new TestClient(server.origin)
    const zh = await client.get('/login', { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' } })
    expect(await zh.text()).toContain('<html lang="zh"')
    const ja = await client.get('/login?lng=ja', { headers: { 'Accept-Language': 'zh-CN' } })
    expect(await ja.text()).toContain('<html lang="ja"')
    expect(client.cookies.get('lng')).toBeDefined()
    const remembered = await client.get('/login', { headers: { 'Accept-Language': 'zh-CN' } })
    expect(await remembered.text()).toContain('<html lang="ja"')
  })

  it('answers an unknown page with a localized 404, not a stack trace', async () => {
    const response = await new TestClient(server.origin).get('/no/such/page?lng=ja')
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('ページが見つかりません。')
    expect(html).not.toMatch(/at .*\.js:\d+/)
  })
})
