/**
 * Security headers (issue 7): an enforced Content Security Policy with a fresh nonce per request,
 * no script on any page without it, no plugins, no <base>, no framing; the other headers a
 * government IT department checks for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { makeUser, signedIn } from '../helpers/fixtures'
import { TEST_SECRET } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let admin: TestClient

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  await makeUser(server.db, 'root@example.org', { admin: true })
  admin = await signedIn(server.origin, 'root@example.org')
})
afterAll(async () => {
  await server?.close()
})

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...values] = d.split(/\s+/)
        return [name, values.join(' ')]
      }),
  )
}

describe('Content Security Policy', () => {
  const pages = [
    '/login',
    '/events',
    '/events/yantai-japan-2024',
    '/e/yantai-japan-2024',
    '/scan?event=yantai-japan-2024',
  ]

  it('is enforced on every page, with a nonce every script carries, and no plugins, <base> or framing', async () => {
    for (const path of pages) {
      // Signed in, except for the sign-in page itself (it sends signed-in users on).
      const response = await (path === '/login' ? new TestClient(server.origin) : admin).get(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('Content-Security-Policy-Report-Only'), path).toBeNull()
      const policy = directives(response.headers.get('Content-Security-Policy') ?? '')
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy.get('script-src') ?? '')?.[1]
      expect(nonce, path).toBeTruthy()
      expect(policy.get('script-src'), path).not.toContain('unsafe-inline')
      expect(policy.get('script-src'), path).not.toContain("'unsafe-eval'")
      expect(policy.get('object-src'), path).toBe("'none'")
      expect(policy.get('base-uri'), path).toBe("'none'")
      expect(policy.get('frame-ancestors'), path).toBe("'none'")
      expect(policy.get('default-src'), path).toBe("'self'")
      const html = await response.text()
      // Data blocks (type="application/json") never run; every script that can run must carry the nonce.
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => !/type="application\/json"/.test(tag))
      expect(scripts.length, path).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`)
      expect(html, path).not.toMatch(/<base\b/i)
      expect(html, path).not.toMatch(/\son[a-z]+=["']/i)
    }
  })

  it('draws a new nonce for every request', async () => {
    const nonces = new Set<string>()
    for (let i = 0; i < 5; i++) {
      const policy = (await new TestClient(server.origin).get('/login')).headers.get('Content-Security-Policy') ?? ''
      nonces.add(/'nonce-([^']+)'/.exec(policy)?.[1] ?? '')
    }
    expect(nonces.size).toBe(5)
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(16)
  })
})

describe('other security headers', () => {
  it('forbids sniffing and framing, keeps referrers on the site, hides the framework, and sets session cookies HttpOnly and SameSite=Lax', async () => {
    const page = await admin.get('/events')
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(page.headers.get('X-Frame-Options')).toBe('DENY')
    expect(page.headers.get('Referrer-Policy')).toBe('same-origin')
    expect(page.headers.get('X-Powered-By')).toBeNull()
    const login = await admin.post('/login', { email: 'root@example.org', password: 'a-long-test-password-1' })
    const cookie = login.headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const api = await fetch(`${server.origin}/api/v1/sessions`)
    expect(api.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(api.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  it('keeps every page’s address, a personal link’s included, from other sites', async () => {
    for (const path of ['/i/x', '/e/yantai-japan-2024/register', '/e/yantai-japan-2024/me', '/e/yantai-japan-2024']) {
      const response = await admin.get(path)
      expect(response.headers.get('Referrer-Policy'), path).toBe('same-origin')
    }
  })
})

describe('HTTPS', () => {
  it('sends Strict-Transport-Security when APP_URL is https, and not on http', async () => {
    const https = await startTestServer({ APP_URL: 'https://events.example.org' })
    try {
      const page = await new TestClient(https.origin).get('/login')
      expect(page.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d{7,}/)
    } finally {
      await https.close()
    }
    const plain = await new TestClient(server.origin).get('/login')
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull()
  })
})
