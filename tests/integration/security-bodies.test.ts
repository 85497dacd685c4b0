/**
 * Request bodies and slow connections (issue 14, finding 7 and the long-running connections):
 * every route has a body limit that fits it, a declared length over it is refused before a
 * byte of the body is read, a chunked body is cut at the limit, the device API answers in JSON,
 * a page never echoes more of a field than the field takes, and a request that trickles in is
 * cut by the server's request timeout while event streams stay open.
 */
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resources } from '../../app/i18n/resources'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, registrationForm } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

/** A request's timeout of the second server: small, so that a test never waits long for it. */
const REQUEST_TIMEOUT_MS = 300

let server: TestServer
let slow: TestServer
let slug: string

beforeAll(async () => {
  server = await startTestServer()
  slow = await startTestServer({}, { requestTimeoutMs: REQUEST_TIMEOUT_MS })
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
  await slow?.close()
})

/** A raw HTTP/1.1 connection: what the client wrote is exactly what the server got. */
interface Raw {
  socket: Socket
  /** the status line and headers, once they have arrived */
  head: Promise<string>
  /** resolves when the server has closed the connection */
  closed: Promise<void>
  received: () => string
  /** writes and waits until the bytes are handed to the kernel */
  write: (data: string) => Promise<void>
}

function openRaw(origin: string, head: string): Raw {
  const url = new URL(origin)
  const socket = connect(Number(url.port), url.hostname)
  let received = ''
  let gotHead: (head: string) => void = () => undefined
  const headPromise = new Promise<string>((done) => {
    gotHead = done
  })
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    received += chunk
    const end = received.indexOf('\r\n\r\n')
    if (end >= 0) gotHead(received.slice(0, end))
  })
  // A server that closes while the client still writes may reset the connection: not a failure here.
  socket.on('error', () => undefined)
  const closed = new Promise<void>((done) => socket.once('close', () => done()))
  socket.write(head)
  return {
    socket,
    head: headPromise,
    closed,
    received: () => received,
    write: (data) => new Promise((done) => socket.write(data, () => done())),
  }
}

const statusOf = (head: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1])

function postHead(origin: string, path: string, headers: Record<string, string>): string {
  const host = new URL(origin).host
  const lines = Object.entries({
    Host: host,
    Origin: origin,
    'Content-Type': 'application/x-www-form-urlencoded',
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`)
  return `POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
}

const chunk = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`

/** Sends chunks of a chunked body until the server answers (at most `max` bytes), then the head. */
async function sendUntilAnswered(raw: Raw, max: number): Promise<string> {
  let answered = false
  void raw.head.then(() => {
    answered = true
  })
  const piece = `a=${'x'.repeat(8 * 1024)}`
  for (let sent = 0; sent < max && !answered && !raw.socket.destroyed; sent += piece.length) {
    await raw.write(chunk(piece))
  }
  return raw.head
}

describe('body limits', () => {
  it('refuses a 100 MB declared anonymous post to the public registration before reading it, in the user language', async () => {
    const raw = openRaw(
      server.origin,
      postHead(server.origin, `/e/${slug}/register`, {
        'Content-Length': String(100 * 1024 * 1024),
        'Accept-Language': 'ja',
      }),
    )
    await raw.write('family_name=')
    const head = await raw.head
    expect(statusOf(head)).toBe(413)
    expect(head).toMatch(/^connection: close$/im)
    await raw.closed
    expect(raw.received()).toContain(resources.ja.translation.errors.too_large)
  })

  it('cuts a chunked body at the limit with 413', async () => {
    const raw = openRaw(
      server.origin,
      postHead(server.origin, `/e/${slug}/register`, { 'Transfer-Encoding': 'chunked', 'Accept-Language': 'en' }),
    )
    const head = await sendUntilAnswered(raw, 4 * 1024 * 1024)
    expect(statusOf(head)).toBe(413)
    await raw.closed
    expect(raw.received()).toContain(resources.en.translation.errors.too_large)
  })

  it('lets the directory import through the general layer up to its own size', async () => {
    // Not signed in: the import's own route answers (a redirect to sign in), not the body limit.
    const response = await new TestClient(server.origin).request('/people/import', {
      method: 'POST',
      body: new URLSearchParams({ file: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(response.status).not.toBe(413)
    await response.arrayBuffer()
  })

  it('answers the device API with a JSON 413 in the caller language, declared or chunked', async () => {
    const big = JSON.stringify({ code: 'x'.repeat(64 * 1024), sessionId: 's', nonce: 'n'.repeat(16) })
    const declared = await fetch(`${server.origin}/api/v1/checkin/redeem`, {
      method: 'POST',
      headers: { Authorization: 'Device nope', 'Accept-Language': 'zh', 'Content-Type': 'application/json' },
      body: big,
    })
    expect(declared.status).toBe(413)
    expect(await declared.json()).toEqual({ code: 'too_large', message: resources.zh.translation.errors.too_large })

    const raw = openRaw(
      server.origin,
      postHead(server.origin, '/api/v1/checkin/redeem', {
        Authorization: 'Device nope',
        'Accept-Language': 'ja',
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      }),
    )
    const head = await sendUntilAnswered(raw, 4 * 1024 * 1024)
    expect(statusOf(head)).toBe(413)
    expect(head).toMatch(/^content-type: application\/json/im)
    await raw.closed
    const body = raw.received().slice(raw.received().indexOf('\r\n\r\n') + 4)
    expect(JSON.parse(body)).toEqual({ code: 'too_large', message: resources.ja.translation.errors.too_large })
  })

  it('answers /healthz while a slow big upload is in progress', async () => {
    const raw = openRaw(
      server.origin,
      postHead(server.origin, `/e/${slug}/register`, { 'Transfer-Encoding': 'chunked' }),
    )
    await raw.write(chunk(`a=${'x'.repeat(16 * 1024)}`))
    const health = await fetch(`${server.origin}/healthz`)
    expect(await health.text()).toBe('ok')
    // The upload is still open and unanswered; then it goes on past the limit.
    expect(raw.received()).toBe('')
    expect(statusOf(await sendUntilAnswered(raw, 4 * 1024 * 1024))).toBe(413)
  })
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

describe('slow connections', () => {
  it('cuts a body that trickles in once the request timeout has passed', async () => {
    const raw = openRaw(
      slow.origin,
      postHead(slow.origin, '/login', { 'Content-Length': '1000', 'Accept-Language': 'en' }),
    )
    await raw.write('email=')
    // The client still means to send the rest; the server does not wait for it forever.
    const head = await raw.head
    expect(statusOf(head)).toBe(408)
    await raw.closed
  })

  it('keeps an event stream open past the request timeout', async () => {
    await makeUser(slow.db, 'streamer@example.org', { admin: true })
    const event = await makeEvent(slow.db, {
      slug: 'bodies-stream',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00' }],
    })
    const organizer = await signedIn(slow.origin, 'streamer@example.org')
    const abort = new AbortController()
    const stream = await organizer.get(`/events/${event.slug}/attendance/stream`, { signal: abort.signal })
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = stream.body?.getReader()
    if (!reader) throw new Error('no stream')
    let ended = false
    const drained = (async () => {
      for (;;) {
        const { done } = await reader.read().catch(() => ({ done: true }))
        if (done) break
      }
      ended = true
    })()
    // A trickling request cut by the timeout proves the timeout has passed and been enforced.
    const raw = openRaw(slow.origin, postHead(slow.origin, '/login', { 'Content-Length': '1000' }))
    await raw.write('email=')
    expect(statusOf(await raw.head)).toBe(408)
    // One more round trip, so that a stream cut in the same sweep would have been seen as ended.
    expect(await (await fetch(`${slow.origin}/healthz`)).text()).toBe('ok')
    expect(ended).toBe(false)
    abort.abort()
    await drained
  })
})
