/**
 * The import's resource limits over HTTP (issue 14): a hostile workbook (a cell at column XFD on
 * every row, a deflate bomb, a million declared rows) is refused with its own message before the
 * parser builds it, nothing is kept, and the server keeps answering other requests while an
 * upload is parsed (the parse runs in a worker thread). Runs on SQLite and on PostgreSQL.
 */
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countRows } from '../helpers/db'
import { makeUser, signedIn } from '../helpers/fixtures'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'
import { bombSheet, peopleSheet, workbook } from '../helpers/xlsx'

let server: TestServer
let client: TestClient

beforeAll(async () => {
  server = await startTestServer()
  await makeUser(server.db, 'planner@example.org', { admin: true })
  await makeUser(server.db, 'nobody@example.org')
  client = await signedIn(server.origin, 'planner@example.org')
})
afterAll(async () => {
  await server?.close()
})

function uploadForm(bytes: Uint8Array<ArrayBuffer>, filename: string): FormData {
  const form = new FormData()
  form.set('intent', 'preview')
  form.set('encoding', 'auto')
  form.set('on_duplicate', 'skip')
  form.set('file', new Blob([bytes]), filename)
  return form
}

async function preview(bytes: Uint8Array<ArrayBuffer>, filename: string) {
  const response = await client.request('/people/import?lng=en', { method: 'POST', body: uploadForm(bytes, filename) })
  return { status: response.status, html: await response.text() }
}

/**
 * Posts the upload over a socket and, as soon as its last byte is handed to the socket, asks for
 * /healthz `probes` times one after another. Resolves with the order the answers came in.
 */
async function uploadWhileProbing(bytes: Uint8Array<ArrayBuffer>, filename: string, probes: number) {
  // A first probe opens the connection the others reuse, so each probe costs one round trip.
  expect(await (await fetch(new URL('/healthz', server.origin))).text()).toBe('ok')
  const encoded = new Request('http://x/', { method: 'POST', body: uploadForm(bytes, filename) })
  const body = Buffer.from(await encoded.arrayBuffer())
  const order: string[] = []
  let uploadBody = ''
  const answered = new Promise<number>((resolve, reject) => {
    const req = httpRequest(new URL('/people/import?lng=en', server.origin), {
      method: 'POST',
      headers: {
        Cookie: client.cookieHeader,
        Origin: server.origin,
        'Content-Type': encoded.headers.get('content-type') ?? '',
        'Content-Length': String(body.length),
      },
    })
    req.on('response', (res) => {
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        uploadBody += chunk
      })
      res.on('end', () => {
        order.push('upload')
        resolve(res.statusCode ?? 0)
      })
    })
    req.on('error', reject)
    req.end(body, async () => {
      for (let i = 0; i < probes; i++) {
        const health = await fetch(new URL('/healthz', server.origin))
        expect(await health.text()).toBe('ok')
        order.push('healthz')
      }
    })
  })
  const status = await answered
  return { status, order, body: uploadBody }
}

const PROBES = 10
/** More for the CSV: its upload takes the server longer to read before the parse begins. */
const CSV_PROBES = 100
const healthzFirst = Array.from({ length: PROBES }, () => 'healthz')

describe('hostile workbooks', () => {
  it('refuses a workbook with a cell at column XFD on every row, naming the column, and keeps nothing', async () => {
    const before = await countRows(server.db, 'imports')
    const file = workbook(peopleSheet(300, { extra: 'XFD' }))
    expect(file.length).toBeLessThan(20_000)
    const shown = await uploadWhileProbing(file, 'wide.xlsx', PROBES)
    expect(shown.order.slice(0, PROBES)).toEqual(healthzFirst)
    expect(shown.status).toBe(400)
    expect(shown.body).toContain('column XFD (cell XFD2)')
    expect(shown.body).toContain('at most 64 columns')
    expect(await countRows(server.db, 'imports')).toBe(before)
  })

  it('refuses a deflate bomb (a small entry that inflates past the limit, its sizes lying) with its own message', async () => {
    const before = await countRows(server.db, 'imports')
    const file = workbook(bombSheet(300), 10_000)
    expect(file.length).toBeLessThan(2 * 1024 * 1024)
    const shown = await uploadWhileProbing(file, 'bomb.xlsx', PROBES)
    expect(shown.order.slice(0, PROBES)).toEqual(healthzFirst)
    expect(shown.status).toBe(400)
    expect(shown.body).toContain('This workbook unpacks to more than 100 MB')
    expect(await countRows(server.db, 'imports')).toBe(before)
  })

  it('refuses a sheet that declares 1,000,000 rows', async () => {
    const before = await countRows(server.db, 'imports')
    const sheet = peopleSheet(3, { dimension: 'A1:B1000000' }).replace(
      '</sheetData>',
      '<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>LAST</t></is></c></row></sheetData>',
    )
    const shown = await preview(workbook(sheet), 'tall.xlsx')
    expect(shown.status).toBe(400)
    expect(shown.html).toContain('Too many rows: at most 50000 per file.')
    expect(await countRows(server.db, 'imports')).toBe(before)
  })

  it('still reads a well-formed workbook built the same way', async () => {
    const shown = await preview(workbook(peopleSheet(3)), 'fine.xlsx')
    expect(shown.status).toBe(200)
    expect(shown.html).toMatch(/data-count="valid">3</)
  })
})

describe('who may upload', () => {
  it('answers a user who may not import before reading the body: 403 while the upload is still unsent', async () => {
    const other = await signedIn(server.origin, 'nobody@example.org')
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(new URL('/people/import?lng=en', server.origin), {
        method: 'POST',
        headers: {
          Cookie: other.cookieHeader,
          Origin: server.origin,
          'Content-Type': 'multipart/form-data; boundary=x',
          'Content-Length': String(10 * 1024 * 1024),
        },
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
      req.on('error', reject)
      // The first bytes only: a server that read the body before deciding would wait for the rest.
      req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n')
    })
    expect(status).toBe(403)
  })
})

describe('the server while an upload is parsed', () => {
  it('answers /healthz while a 50,000-row CSV is previewed', async () => {
    const lines = ['latin_name,email,organization,phone']
    for (let i = 0; i < 50_000; i++) lines.push(`PERSON ${i},p${i}@example.org,Company ${i % 300},+86 138 0000 ${i}`)
    const csv = new TextEncoder().encode(lines.join('\n'))
    const shown = await uploadWhileProbing(new Uint8Array(csv.buffer as ArrayBuffer), 'big.csv', CSV_PROBES)
    expect(shown.order.slice(0, CSV_PROBES)).toEqual(Array.from({ length: CSV_PROBES }, () => 'healthz'))
    expect(shown.status).toBe(200)
    expect(shown.body).toMatch(/data-count="valid">50000</)
  }, 60_000)
})
