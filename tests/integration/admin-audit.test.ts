/**
 * The audit log for admins over HTTP, against the real build: who may open it, each filter
 * (actor, action, event, days at the time-zone boundary), paging by cursor, coded field errors
 * in the reader's language, and the CSV export with its formula guard. Runs on SQLite and
 * PostgreSQL. The server's clock is fixed; the rows are written with their own instants.
 */
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { audit } from '../../app/audit/audit.server'
import { newId } from '../../db/ids'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

// Sign-ins happen at this instant, weeks after the rows the filters are about.
const NOW = new Date('2030-06-01T02:00:00.000Z')
const HOSTILE = '=HYPERLINK("http://evil.example","click")'

let server: TestServer
let admin: TestClient
let organizer: TestClient
let adminId: string
let organizerId: string
const row: Record<string, string> = {}
const paged: string[] = []

async function write(
  name: string,
  at: string,
  entry: Omit<Parameters<typeof audit>[1], 'actorUserId'> & { actorUserId?: string | null },
) {
  await audit(server.db, { actorUserId: adminId, ...entry }, new Date(at))
  const written = await server.db
    .selectFrom('audit_log')
    .select('id')
    .where('created_at', '=', at)
    .where('action', '=', entry.action)
    .executeTakeFirstOrThrow()
  row[name] = written.id
}

beforeAll(async () => {
  server = await startTestServer({}, { now: () => NOW })
  const yantai = await makeEvent(server.db, {
    slug: 'yantai-2030',
    sessions: [{ title: 'Hydrogen forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00' }],
  })
  const qingdao = await makeEvent(server.db, { slug: 'qingdao-2030', sessions: [] })
  // Qingdao's event is kept in Tokyo time: with it chosen, days are Tokyo days.
  await server.db.updateTable('events').set({ timezone: 'Asia/Tokyo' }).where('id', '=', qingdao.id).execute()
  adminId = await makeUser(server.db, 'admin@example.org', { admin: true })
  organizerId = await makeUser(server.db, 'organizer@example.org', {
    role: { eventSlug: 'yantai-2030', role: 'organizer' },
  })
  // A name a spreadsheet would run as a formula.
  await server.db.updateTable('users').set({ name: HOSTILE }).where('id', '=', organizerId).execute()

  // 23:59:59 on 19 May in Shanghai, then the first second of 20 May.
  await write('eventA', '2030-05-19T15:59:59.000Z', {
    action: 'event.update',
    entityType: 'event',
    entityId: yantai.id,
  })
  await write('sessionA', '2030-05-19T16:00:00.000Z', {
    action: 'session.update',
    entityType: 'session',
    entityId: yantai.sessionIds[0],
  })
  await write('mentionsA', '2030-05-20T15:59:59.999Z', {
    action: 'people.import',
    entityType: 'people',
    detail: { eventId: yantai.id, created: 3 },
  })
  // 23:30 on 20 May in Shanghai, 00:30 on 21 May in Tokyo.
  await write('eventB', '2030-05-20T15:30:00.000Z', {
    action: 'event.published',
    entityType: 'event',
    entityId: qingdao.id,
  })
  await write('eventB2', '2030-05-20T16:00:00.000Z', {
    action: 'event.update',
    entityType: 'event',
    entityId: qingdao.id,
  })
  // The organizer's row, its detail not even JSON: the export must not let it run either.
  await server.db
    .insertInto('audit_log')
    .values({
      id: newId(),
      actor_user_id: organizerId,
      action: 'user.disable',
      entity_type: 'user',
      entity_id: adminId,
      detail: HOSTILE,
      ip: '203.0.113.7',
      created_at: '2030-05-20T03:00:00.000Z',
    })
    .execute()
  row.organizer = (
    await server.db.selectFrom('audit_log').select('id').where('action', '=', 'user.disable').executeTakeFirstOrThrow()
  ).id
  // 101 rows for paging, two to a second so that the cursor must break ties by id.
  for (let i = 0; i < 101; i++) {
    const at = new Date(Date.UTC(2030, 3, 1) + Math.floor(i / 2) * 1000)
    await audit(server.db, { actorUserId: adminId, action: 'project.pipeline', entityType: 'project' }, at)
  }
  paged.push(
    ...(await server.db.selectFrom('audit_log').select('id').where('action', '=', 'project.pipeline').execute()).map(
      (r) => r.id,
    ),
  )

  admin = await signedIn(server.origin, 'admin@example.org')
  organizer = await signedIn(server.origin, 'organizer@example.org')
})
afterAll(async () => {
  await server?.close()
})

async function page(client: TestClient, query: string) {
  const response = await client.get(`/admin/audit?lng=en&${query}`)
  const html = await response.text()
  const ids = [...html.matchAll(/<tr data-id="([^"]+)"/g)].map((m) => m[1] ?? '')
  return { status: response.status, html, ids }
}

const named = (...names: string[]) => names.map((n) => row[n])

describe('who may read the audit log', () => {
  it('sends a visitor without an account to sign in, for the page and the export', async () => {
    const anonymous = new TestClient(server.origin)
    for (const path of ['/admin/audit', '/admin/audit/export.csv']) {
      const response = await anonymous.get(path)
      expect(response.status, path).toBe(302)
      expect(response.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(path)}`)
    }
  })

  it('refuses an organizer who is not an admin with 403, for the page and the export', async () => {
    const refused = await organizer.get('/admin/audit?lng=en')
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('You do not have access to this page.')
    const csv = await organizer.get('/admin/audit/export.csv')
    expect(csv.status).toBe(403)
    expect(await csv.text()).not.toContain('event.update')
  })
})

describe('the audit log page', () => {
  it('shows an admin every row, newest first, in the bureau’s zone with the zone named, labels and codes', async () => {
    const { status, html, ids } = await page(admin, 'action=event.')
    expect(status).toBe(200)
    expect(ids).toEqual(named('eventB2', 'eventB', 'eventA'))
    expect(html).toContain('Time (Asia/Shanghai)')
    expect(html).toContain('Event published')
    expect(html).toContain('yantai-2030')
    expect(html).toContain('dateTime="2030-05-20T15:30:00.000Z"')
    // 15:30 UTC is 23:30 in Shanghai.
    expect(html).toMatch(/20 May 2030, 23:30:00/)
    const all = await page(admin, '')
    expect(all.html).toContain('Account disabled')
    expect(all.html).toContain('203.0.113.7')
    expect(all.html).toContain('eventId: ')
  })

  it('filters by actor, by email in any case or by user id', async () => {
    for (const actor of ['Organizer@Example.ORG', organizerId]) {
      const { ids } = await page(admin, `actor=${encodeURIComponent(actor)}`)
      expect(ids, actor).toContain(row.organizer)
      expect(ids, actor).not.toContain(row.eventA)
      expect(
        ids.some((id) => paged.includes(id)),
        actor,
      ).toBe(false)
    }
    expect((await page(admin, 'actor=nobody%40example.org')).html).toContain('No entries match these filters.')
  })

  it('filters by an exact action or by an area prefix', async () => {
    expect((await page(admin, 'action=event.update')).ids).toEqual(named('eventB2', 'eventA'))
    expect((await page(admin, 'action=session.')).ids).toEqual(named('sessionA'))
    const choices = (await page(admin, '')).html
    expect(choices).toContain('<option value="event.">Events: every action</option>')
    expect(choices).toContain('<option value="event.published">Event published</option>')
  })

  it('filters by event: its own rows, its sessions’ rows and rows whose detail names it', async () => {
    expect((await page(admin, 'event=yantai-2030')).ids).toEqual(named('mentionsA', 'sessionA', 'eventA'))
    expect((await page(admin, 'event=qingdao-2030')).ids).toEqual(named('eventB2', 'eventB'))
  })

  it('reads days in Shanghai, both ends included, split exactly at local midnight', async () => {
    expect((await page(admin, 'from=2030-05-19&to=2030-05-19')).ids).toEqual(named('eventA'))
    expect((await page(admin, 'from=2030-05-20&to=2030-05-20')).ids).toEqual(
      named('mentionsA', 'eventB', 'organizer', 'sessionA'),
    )
    expect((await page(admin, 'from=2030-05-21')).ids.slice(-1)).toEqual(named('eventB2'))
  })

  it('reads days in the event’s own zone when an event is chosen, and says so', async () => {
    const tokyo = await page(admin, 'event=qingdao-2030&from=2030-05-21&to=2030-05-21')
    expect(tokyo.ids).toEqual(named('eventB2', 'eventB'))
    expect(tokyo.html).toContain('Time (Asia/Tokyo)')
    expect((await page(admin, 'event=qingdao-2030&to=2030-05-20')).ids).toEqual([])
  })

  it('pages 100 rows at a time with an older link by cursor, every row once, ties included', async () => {
    const first = await page(admin, 'action=project.pipeline')
    expect(first.ids).toHaveLength(100)
    const older = /href="\/admin\/audit\?([^"]+)"[^>]*>Older entries/.exec(first.html)?.[1]?.replaceAll('&amp;', '&')
    expect(older).toContain('action=project.pipeline')
    const second = await page(admin, older ?? '')
    expect(second.ids).toHaveLength(1)
    expect(second.html).not.toContain('Older entries')
    expect(second.html).toContain('Newest entries')
    expect(new Set([...first.ids, ...second.ids])).toEqual(new Set(paged))
  })

  it('answers a bad day with 400 and the field at fault, in the reader’s language', async () => {
    const en = await page(admin, 'from=2030-02-30&to=2030-05-01')
    expect(en.status).toBe(400)
    expect(en.html).toContain('Enter a date as YYYY-MM-DD.')
    expect(en.html).toMatch(/<input id="from" aria-invalid="true" aria-describedby="from-error"[^>]* name="from"/)
    expect(en.html).toContain('href="#from"')
    expect(en.ids).toEqual([])
    expect(en.html).not.toContain('Export CSV')
    const zh = await admin.get('/admin/audit?lng=zh&from=2030-02-30')
    expect(zh.status).toBe(400)
    expect(await zh.text()).toContain('请按 YYYY-MM-DD 格式输入日期。')
  })

  it('refuses a last day before the first, and an event that does not exist, on their fields', async () => {
    const reversed = await page(admin, 'from=2030-05-21&to=2030-05-20')
    expect(reversed.status).toBe(400)
    expect(reversed.html).toContain('The last day cannot be before the first day.')
    expect(reversed.html).toMatch(/<input id="to" aria-invalid="true" aria-describedby="to-error"[^>]* name="to"/)
    const ja = await admin.get('/admin/audit?lng=ja&event=no-such-event')
    expect(ja.status).toBe(400)
    expect(await ja.text()).toContain('このアドレスのイベントはありません。')
  })
})

describe('the CSV export', () => {
  it('has the header row and the filtered rows, with BOM, formulas neutralized, and writes nothing', async () => {
    const before = await server.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst()
    const response = await admin.get(
      '/admin/audit/export.csv?lng=en&actor=organizer%40example.org&from=2030-05-20&to=2030-05-20',
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="signet-audit-2030-06-01.csv"')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data
    expect(header).toEqual([
      'Time (Asia/Shanghai)',
      'Time (UTC)',
      'Email',
      'Name',
      'Action',
      'Action code',
      'Record type',
      'Record id',
      'Details',
      'IP address',
    ])
    expect(rows).toEqual([
      [
        '2030-05-20 11:00:00',
        '2030-05-20T03:00:00.000Z',
        'organizer@example.org',
        `'${HOSTILE}`,
        'Account disabled',
        'user.disable',
        'Account',
        adminId,
        `'${HOSTILE}`,
        '203.0.113.7',
      ],
    ])
    const after = await server.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst()
    expect(Number(after?.n)).toBe(Number(before?.n))
  })

  it('keeps the page’s filters in its link, and writes the reader’s language', async () => {
    const { html } = await page(admin, 'event=yantai-2030&action=event.')
    expect(html).toContain('href="/admin/audit/export.csv?action=event.&amp;event=yantai-2030"')
    const zh = await (await admin.get('/admin/audit/export.csv?lng=zh&action=event.&event=yantai-2030')).text()
    const [header, ...rows] = Papa.parse<string[]>(zh, { newline: '\r\n', skipEmptyLines: true }).data
    expect(header?.[0]).toBe('时间（Asia/Shanghai）')
    expect(rows.map((r) => r[4])).toEqual(['编辑活动'])
  })

  it('answers a bad filter with 400', async () => {
    expect((await admin.get('/admin/audit/export.csv?to=tomorrow')).status).toBe(400)
  })
})
