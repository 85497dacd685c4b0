/**
 * Signed projects over HTTP against the real build, on SQLite and PostgreSQL: the list across
 * events with its parties, filters and exact totals, who sees which project, the pipeline
 * (signed → started → invested) with its field errors in Chinese, the XLSX export, and the
 * cross-site guard.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { formatAmount } from '../../app/projects/amounts'
import { listProjects } from '../../app/projects/projects.server'
import type { TotalsRow } from '../../app/projects/totals'
import { newId, nowIso } from '../../db/ids'
import { testDialect } from '../helpers/db'
import { makeUser, signedIn } from '../helpers/fixtures'
import { TEST_SECRET } from '../helpers/registration'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

const SLUG = 'yantai-japan-2024'
let server: TestServer
let admin: TestClient
let organizer: TestClient
let viewer: TestClient
let outsider: TestClient
let doorStaff: TestClient
const ids = { supply: '', consortium: '', regen: '' }
const everything = { chain: '', country: '', status: '' as const, event: '' }

async function insertOtherEvent(slug: string): Promise<void> {
  const at = nowIso()
  await server.db
    .insertInto('events')
    .values({
      id: newId(),
      slug,
      title_zh: '另一个活动',
      title_en: 'Another event',
      title_ja: '別のイベント',
      description_zh: '',
      description_en: '',
      description_ja: '',
      timezone: 'Asia/Shanghai',
      starts_on: '2030-05-20',
      ends_on: '2030-05-22',
      venue_zh: '',
      venue_en: '',
      venue_ja: '',
      address_zh: '',
      address_en: '',
      address_ja: '',
      registration_mode: 'open',
      registration_opens_at: null,
      registration_closes_at: null,
      status: 'draft',
      languages: 'zh,en',
      created_at: at,
      updated_at: at,
    })
    .execute()
}

const rowOf = (html: string, id: string) => {
  const start = html.indexOf(`data-project="${id}"`)
  return start === -1 ? '' : html.slice(start, html.indexOf('</tr>', start))
}
const listedIds = (html: string) => [...html.matchAll(/data-project="([^"]+)"/g)].map((m) => m[1])

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  await insertOtherEvent('other-2030')
  await makeUser(server.db, 'admin@example.org', { admin: true })
  await makeUser(server.db, 'organizer@example.org', { role: { eventSlug: SLUG, role: 'organizer' } })
  await makeUser(server.db, 'viewer@example.org', { role: { eventSlug: SLUG, role: 'viewer' } })
  await makeUser(server.db, 'outsider@example.org', { role: { eventSlug: 'other-2030', role: 'organizer' } })
  await makeUser(server.db, 'door@example.org', { role: { eventSlug: SLUG, role: 'checkin' } })
  const clients = await Promise.all(
    ['admin', 'organizer', 'viewer', 'outsider', 'door'].map((name) => signedIn(server.origin, `${name}@example.org`)),
  )
  const [a, o, v, x, d] = clients
  if (!a || !o || !v || !x || !d) throw new Error('sign-in failed')
  admin = a
  organizer = o
  viewer = v
  outsider = x
  doorStaff = d
  const projects = await server.db.selectFrom('projects').select(['id', 'name_en']).execute()
  const find = (needle: string) => projects.find((p) => p.name_en.includes(needle))?.id ?? ''
  ids.supply = find('Supply Chain')
  ids.consortium = find('Consortium')
  ids.regen = find('Regenerative')
}, 60_000)

afterAll(async () => {
  await server?.close()
})

describe(`signed projects on ${testDialect}`, () => {
  it('lists the three seeded signings with their parties in seating order and their signatories', async () => {
    expect(Object.values(ids).every(Boolean)).toBe(true)
    const response = await organizer.get('/projects?lng=zh')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(listedIds(html).sort()).toEqual(Object.values(ids).sort())
    const consortium = rowOf(html, ids.consortium)
    expect(consortium).toContain('中日氢能源产业联合体')
    expect(consortium).toContain('2024日本企业“烟台行”活动')
    expect(consortium).toContain('¥10,000,000,000.00')
    expect(consortium).toContain('确定签约')
    // the six parties left to right, ITOCHU last; its signatory in native script and Latin
    const parties = [...consortium.matchAll(/data-country="([A-Z]{2})"/g)].map((m) => m[1])
    expect(parties).toEqual(['CN', 'CN', 'CN', 'CN', 'CN', 'JP'])
    expect(consortium.indexOf('烟台')).toBeLessThan(consortium.indexOf('伊藤忠（中国）'))
    expect(consortium).toContain('鈴木大輔')
    expect(consortium).toContain('SUZUKI Daisuke')
    expect(consortium).toContain('(日本)')
    // Japanese readers get the organizations in Japanese and the kana
    const ja = rowOf(await (await organizer.get('/projects?lng=ja')).text(), ids.consortium)
    expect(ja).toContain('日中水素エネルギー産業連合体')
    expect(ja).toContain('すずき だいすけ')
  })

  it('filters by industry chain, by a party’s country and by status', async () => {
    const byChain = await (await organizer.get('/projects?chain=hydrogen')).text()
    expect(listedIds(byChain).sort()).toEqual([ids.supply, ids.consortium].sort())
    const japan = await (await organizer.get('/projects?country=JP')).text()
    // ITOCHU (China) is a Japanese company; the regenerative medicine signing has a Japanese institute
    expect(listedIds(japan).sort()).toEqual([ids.consortium, ids.regen].sort())
    const both = await (await organizer.get('/projects?country=JP&chain=hydrogen')).text()
    expect(listedIds(both)).toEqual([ids.consortium])
    expect(listedIds(await (await organizer.get('/projects?status=signed')).text())).toEqual([])
    expect(listedIds(await (await organizer.get('/projects?status=confirmed')).text())).toHaveLength(3)
    expect(listedIds(await (await organizer.get('/projects?event=other-2030')).text())).toEqual([])
    // the export link keeps the filters
    expect(both).toContain('href="/projects/export.xlsx?chain=hydrogen&amp;country=JP"')
  })

  it('shows another event’s organizer, and door staff, none of these projects, and a 404 on a project page', async () => {
    for (const client of [outsider, doorStaff]) {
      const html = await (await client.get('/projects')).text()
      expect(listedIds(html)).toEqual([])
      expect(html).not.toContain('中日氢能源产业联合体')
      expect((await client.get(`/projects/${ids.consortium}`)).status).toBe(404)
      expect((await client.post(`/projects/${ids.consortium}`, { status: 'signed' })).status).toBe(404)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(await (await client.get('/projects/export.xlsx')).arrayBuffer())
      expect(workbook.worksheets[0]?.rowCount).toBe(1)
    }
    expect((await organizer.get('/projects/no-such-project')).status).toBe(404)
  })

  it('lets a viewer read a project but not change its pipeline', async () => {
    const page = await (await viewer.get(`/projects/${ids.consortium}?lng=zh`)).text()
    expect(page).toContain('伊藤忠（中国）')
    expect(page).not.toContain('name="invested_amount"')
    const response = await viewer.post(`/projects/${ids.consortium}`, {
      status: 'signed',
      signed_on: '2025-06-01',
    })
    expect(response.status).toBe(403)
    const row = await server.db
      .selectFrom('projects')
      .select('status')
      .where('id', '=', ids.consortium)
      .executeTakeFirst()
    expect(row?.status).toBe('confirmed')
  })

  it('names the field of each pipeline error in Chinese and saves nothing', async () => {
    const post = (form: Record<string, string>) =>
      organizer.post(`/projects/${ids.consortium}?lng=zh`, {
        status: 'invested',
        signed_on: '2025-06-01',
        started_on: '2025-09-01',
        invested_on: '2026-01-15',
        invested_amount: '1000',
        ...form,
      })
    const cases: [Record<string, string>, string][] = [
      [{ invested_amount: '-100' }, '到位资金（CNY）：金额不能为负数。'],
      [{ invested_amount: '一百万' }, '到位资金（CNY）：请输入数字金额'],
      [{ invested_amount: '100.123' }, '到位资金（CNY）：小数位数超过了该币种允许的位数。'],
      [{ invested_on: '2025-05-01' }, '资金到位日期（YYYY-MM-DD）：项目签约之前不能标记为资金到位。'],
      [{ signed_on: '' }, '状态：项目签约之前不能标记为资金到位。'],
    ]
    for (const [form, message] of cases) {
      const response = await post(form)
      expect(response.status, JSON.stringify(form)).toBe(400)
      const html = await response.text()
      expect(html, JSON.stringify(form)).toContain(message)
      expect(html).toContain('aria-invalid="true"')
    }
    const row = await server.db.selectFrom('projects').selectAll().where('id', '=', ids.consortium).executeTakeFirst()
    expect(row?.status).toBe('confirmed')
    expect(row?.invested_amount).toBeNull()
  })

  it('moves a project from signed to started to invested, with its dates, the exact amount and an audit row', async () => {
    const steps: Record<string, string>[] = [
      { status: 'signed', signed_on: '2025-06-01' },
      { status: 'started', signed_on: '2025-06-01', started_on: '2025-09-01' },
      {
        status: 'invested',
        signed_on: '2025-06-01',
        started_on: '2025-09-01',
        invested_on: '2026-01-15',
        invested_amount: '1,234,567.89',
      },
    ]
    for (const step of steps) {
      const response = await organizer.post(`/projects/${ids.consortium}?lng=zh`, step)
      expect(response.status, step.status).toBe(200)
      expect(await response.text()).toContain('项目进展已保存。')
    }
    const row = await server.db.selectFrom('projects').selectAll().where('id', '=', ids.consortium).executeTakeFirst()
    expect(row).toMatchObject({
      status: 'invested',
      signed_on: '2025-06-01',
      started_on: '2025-09-01',
      invested_on: '2026-01-15',
      invested_amount: '1234567.89',
    })
    const audits = await server.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_id', '=', ids.consortium)
      .where('action', '=', 'project.pipeline')
      .execute()
    expect(audits).toHaveLength(3)
    const page = await (await organizer.get(`/projects/${ids.consortium}?lng=zh`)).text()
    expect(page).toContain('¥1,234,567.89')
    expect(page).toContain('资金已到位')
  })

  it('adds up signed, started and invested exactly, per chain and per event', async () => {
    const signed = await admin.post(`/projects/${ids.supply}`, { status: 'signed', signed_on: '2025-06-01' })
    expect(signed.status).toBe(200)
    const adminUser = await server.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'admin@example.org')
      .executeTakeFirstOrThrow()
    const list = await listProjects(
      server.db,
      { id: adminUser.id, email: 'admin@example.org', name: 'admin', isAdmin: true, language: 'en' },
      everything,
    )
    const figures = <K>(row: TotalsRow<K> | undefined) =>
      row && [row.currency, row.projects, row.signed, row.started, row.invested]
    expect(figures(list.totals.overall[0])).toEqual([
      'CNY',
      3,
      { count: 2, amount: '15000000000.00' },
      { count: 1, amount: '10000000000.00' },
      { count: 1, amount: '1234567.89' },
    ])
    expect(list.totals.byChain.map((r) => [r.group, ...(figures(r) ?? [])])).toEqual([
      [
        'hydrogen',
        'CNY',
        2,
        { count: 2, amount: '15000000000.00' },
        { count: 1, amount: '10000000000.00' },
        { count: 1, amount: '1234567.89' },
      ],
      [
        'regenerative-medicine',
        'CNY',
        1,
        { count: 0, amount: '0.00' },
        { count: 0, amount: '0.00' },
        { count: 0, amount: '0.00' },
      ],
    ])
    expect(list.totals.byEvent.map((r) => r.group.slug)).toEqual([SLUG])
    const html = await (await organizer.get('/projects?lng=zh')).text()
    const table = html.slice(html.indexOf('data-totals="chain"'))
    // rounded as organizers write it, the exact figure on hover
    expect(table).toContain('150亿元（2 个）')
    expect(table).toContain(`title="${formatAmount('15000000000.00', 'CNY', 'zh')}"`)
    expect(table).toContain('123万元（1 个）')
    // each project once under the status it has now: the regenerative-medicine project still planned
    expect(list.totals.overall[0]?.byStatus.signed.count).toBe(1)
    const byStatus = Object.values(list.totals.overall[0]?.byStatus ?? {}).reduce((n, f) => n + f.count, 0)
    expect(byStatus).toBe(list.totals.overall[0]?.projects)
    expect(html.slice(html.indexOf('data-totals="status"'), html.indexOf('data-totals="overall"'))).toContain(
      '按当前状态',
    )
    expect(html).toContain('签约')
    expect(html).toContain('开工')
    expect(html).toContain('到位')
    expect(html).toContain('href="/projects"')
  })

  it('exports the filtered list as a workbook with the Chinese names and a totals sheet', async () => {
    const response = await organizer.get('/projects/export.xlsx?chain=hydrogen&lng=zh')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const [projects, totals] = workbook.worksheets
    expect(projects?.name).toBe('签约项目')
    expect(projects?.getRow(1).getCell(1).value).toBe('项目')
    expect(projects?.rowCount).toBe(3)
    const cells = (projects?.getSheetValues() ?? []).flat().map(String)
    expect(cells).toContain('中日氢能源产业联合体')
    expect(cells.join('|')).toContain('伊藤忠（中国）')
    expect(cells.join('|')).toContain('鈴木大輔 (SUZUKI Daisuke)')
    expect(cells).toContain('10000000000.00')
    expect(cells).toContain('1234567.89')
    expect(cells).not.toContain('再生医学四方合作项目')
    expect(totals?.name).toBe('汇总')
    const totalCells = (totals?.getSheetValues() ?? []).flat().map(String)
    expect(totalCells).toContain('15000000000.00')
    expect(totalCells).toContain('氢能')
    expect(totalCells).toContain('2024日本企业“烟台行”活动')
  })

  it('writes a name that looks like a formula as text in the export', async () => {
    await server.db
      .updateTable('projects')
      .set({ name_zh: '=HYPERLINK("http://x")' })
      .where('id', '=', ids.regen)
      .execute()
    const response = await organizer.get('/projects/export.xlsx?lng=zh&chain=regenerative-medicine')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const cell = workbook.worksheets[0]?.getRow(2).getCell(1)
    expect(cell?.type).toBe(ExcelJS.ValueType.String)
    expect(cell?.value).toBe('=HYPERLINK("http://x")')
  })

  it('refuses a cross-site POST to the pipeline with 403 and changes nothing', async () => {
    const response = await organizer.post(
      `/projects/${ids.regen}`,
      { status: 'cancelled' },
      { origin: 'https://evil.example' },
    )
    expect(response.status).toBe(403)
    const row = await server.db.selectFrom('projects').select('status').where('id', '=', ids.regen).executeTakeFirst()
    expect(row?.status).toBe('confirmed')
  })
})
