/**
 * Bad input through the real organizer forms, over HTTP: each gets a field-level message in the
 * user's language and nothing is saved. Runs on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { countRows } from '../helpers/db'
import { makeUser, signedIn } from '../helpers/fixtures'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let client: TestClient
let startsOn: string

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db)
  await makeUser(server.db, 'planner@example.org', { admin: true })
  client = await signedIn(server.origin, 'planner@example.org')
  startsOn = (await server.db.selectFrom('events').select('starts_on').executeTakeFirstOrThrow()).starts_on
})
afterAll(async () => {
  await server?.close()
})

const event = (patch: Record<string, string> = {}) => ({
  slug: 'forms-2027',
  title_zh: '表单测试活动',
  timezone: 'Asia/Shanghai',
  starts_on: '2027-05-20',
  ends_on: '2027-05-22',
  registration_mode: 'invite_only',
  languages: 'zh',
  ...patch,
})

const session = (patch: Record<string, string> = {}) => ({
  kind: 'forum',
  title_zh: '测试论坛',
  date: startsOn,
  start_time: '09:00',
  end_time: '10:30',
  capacity: '50',
  ...patch,
})

async function refused(path: string, form: Record<string, string>, message: string, table: 'events' | 'sessions') {
  const before = await countRows(server.db, table)
  const response = await client.post(path, form)
  expect(response.status).toBe(400)
  const html = await response.text()
  expect(html).toContain(message)
  expect(html).toMatch(/aria-invalid="true"/)
  expect(await countRows(server.db, table)).toBe(before)
  return html
}

describe('event form, bad input', () => {
  it('refuses a WeChat ID or contact email that cannot be one, in Chinese, naming the field', async () => {
    const html = await refused(
      '/events/new?lng=zh',
      event({ contact_wechat: '12345', contact_email: 'desk-at-bureau' }),
      '微信号为 6 至 20 位字母、数字、- 或 _，并以字母开头。',
      'events',
    )
    expect(html).toContain('请输入有效的电子邮箱地址')
  })

  it('refuses an end before the start, in Chinese', async () => {
    await refused('/events/new?lng=zh', event({ ends_on: '2027-05-19' }), '结束时间必须晚于开始时间。', 'events')
  })

  it('refuses a slug with spaces, keeping what was typed', async () => {
    const html = await refused('/events/new?lng=zh', event({ slug: 'forms 2027' }), '不能有空格', 'events')
    expect(html).toContain('value="forms 2027"')
  })

  it('refuses a duplicate slug', async () => {
    await refused('/events/new?lng=zh', event({ slug: 'yantai-japan-2024' }), '此网址已被其他活动使用。', 'events')
  })

  it('refuses a scan window that is no whole number of minutes from 0 to 720, in English, keeping what was typed', async () => {
    const html = await refused(
      '/events/new?lng=en',
      event({ scan_opens_minutes: '800' }),
      'Give a whole number of minutes from 0 to 720.',
      'events',
    )
    expect(html).toContain('value="800"')
    await refused(
      '/events/new?lng=ja',
      event({ scan_opens_minutes: 'abc' }),
      '0〜720 の整数（分）で入力してください。',
      'events',
    )
  })

  it('saves the doors’ scan window with the event, 120 minutes when left empty, and shows it again to edit', async () => {
    const created = await client.post('/events/new?lng=en', event({ slug: 'forms-window', scan_opens_minutes: '' }))
    expect(created.status).toBe(302)
    const saved = () =>
      server.db
        .selectFrom('events')
        .select('scan_opens_minutes')
        .where('slug', '=', 'forms-window')
        .executeTakeFirstOrThrow()
    expect((await saved()).scan_opens_minutes).toBe(120)
    const edited = await client.post(
      '/events/forms-window/edit?lng=en',
      event({ slug: 'forms-window', scan_opens_minutes: '45' }),
    )
    expect(edited.status).toBe(302)
    expect((await saved()).scan_opens_minutes).toBe(45)
    const form = await (await client.get('/events/forms-window/edit?lng=en')).text()
    expect(form).toMatch(/name="scan_opens_minutes"[^>]*value="45"|value="45"[^>]*name="scan_opens_minutes"/)
    expect(form).toContain('Doors take scans from (minutes before each session)')
  })

  it('refuses a description over the limit, naming the limit, in Japanese', async () => {
    await refused(
      '/events/new?lng=ja',
      event({ description_en: 'x'.repeat(4001) }),
      '長すぎます（最大 4000 文字）。',
      'events',
    )
  })

  it('shows script in a title as text, never as markup', async () => {
    const response = await client.post(
      '/events/new?lng=en',
      event({ slug: 'markup-2027', title_en: '<script>alert(1)</script>' }),
    )
    expect(response.status).toBe(302)
    const html = await (await client.get('/events/markup-2027?lng=en')).text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(1)</script>')
  })
})

describe('session form, bad input', () => {
  const path = '/events/yantai-japan-2024/sessions/new?lng=zh'

  it('refuses an end before the start', async () => {
    await refused(path, session({ end_time: '08:00' }), '结束时间必须晚于开始时间。', 'sessions')
  })

  it('refuses a session outside the event dates', async () => {
    await refused(path, session({ date: '2020-01-01' }), '议程必须在活动日期内', 'sessions')
  })

  it('refuses a negative or non-numeric capacity', async () => {
    await refused(path, session({ capacity: '-5' }), '请输入 1 至 100000 之间的整数座位数', 'sessions')
    await refused(path, session({ capacity: 'lots' }), '请输入 1 至 100000 之间的整数座位数', 'sessions')
  })

  it('refuses a site visit with no meeting time', async () => {
    await refused(
      path,
      session({ kind: 'site_visit', meeting_point_zh: '酒店大堂', bus_label_0: '1', bus_seats_0: '40' }),
      '实地考察需要填写集合时间。',
      'sessions',
    )
  })

  it('refuses a site visit whose capacity is more than its buses carry, in the organizer’s language', async () => {
    await refused(
      path,
      session({
        kind: 'site_visit',
        meeting_point_zh: '酒店大堂',
        meeting_time: '13:15',
        start_time: '13:30',
        end_time: '17:00',
        bus_label_0: '1号车',
        bus_seats_0: '40',
        capacity: '47',
      }),
      '车辆共有 40 个座位，容量不能超过此数。',
      'sessions',
    )
  })

  it('saves a valid site visit with two buses', async () => {
    const before = await countRows(server.db, 'sessions')
    const response = await client.post(
      path,
      session({
        kind: 'site_visit',
        title_zh: '实地考察：测试',
        start_time: '13:30',
        end_time: '17:00',
        meeting_point_zh: '酒店大堂',
        meeting_time: '13:15',
        bus_label_0: '1',
        bus_seats_0: '40',
        bus_label_1: '2',
        bus_seats_1: '30',
      }),
    )
    expect(response.status).toBe(302)
    expect(await countRows(server.db, 'sessions')).toBe(before + 1)
  })
})

describe('who may change an event', () => {
  it('lets a viewer read but not edit, and keeps check-in staff out of the organizer pages', async () => {
    const slug = 'yantai-japan-2024'
    const sessionId = (await server.db.selectFrom('sessions').select('id').executeTakeFirstOrThrow()).id
    await makeUser(server.db, 'reader@example.org', { role: { eventSlug: slug, role: 'viewer' } })
    await makeUser(server.db, 'gate@example.org', { role: { eventSlug: slug, role: 'checkin' } })
    const viewer = await signedIn(server.origin, 'reader@example.org')
    const gate = await signedIn(server.origin, 'gate@example.org')

    expect((await viewer.get(`/events/${slug}`)).status).toBe(200)
    expect((await viewer.get(`/events/${slug}/sessions/${sessionId}`)).status).toBe(200)
    expect((await viewer.get(`/events/${slug}/edit`)).status).toBe(403)
    expect((await viewer.get(`/events/${slug}/sessions/${sessionId}/edit`)).status).toBe(403)
    const before = await countRows(server.db, 'sessions')
    expect((await viewer.post(`/events/${slug}/sessions/new`, session())).status).toBe(403)
    expect((await viewer.post(`/events/${slug}`, { intent: 'archive' })).status).toBe(403)
    expect(await countRows(server.db, 'sessions')).toBe(before)
    const status = await server.db
      .selectFrom('events')
      .select('status')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow()
    expect(status.status).toBe('published')

    expect((await gate.get(`/events/${slug}/sessions/${sessionId}`)).status).toBe(403)
    expect((await gate.get(`/events/${slug}/sessions/new`)).status).toBe(403)
  })
})

describe('whom delegates contact', () => {
  it('shows the demo event’s contact on its public page, phone and email as links, WeChat as text', async () => {
    const html = await (await fetch(`${server.origin}/e/yantai-japan-2024?lng=zh`)).text()
    expect(html).toContain('联系主办方')
    expect(html).toContain('href="tel:+865355550123"')
    expect(html).toContain('href="mailto:invest-desk@yantai-bureau.signet.invalid"')
    expect(html).toContain('yantai_invest_desk')
  })
})
