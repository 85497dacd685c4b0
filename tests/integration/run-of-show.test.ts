/**
 * The run of show over HTTP, against the real built server on SQLite and PostgreSQL (issue 6):
 * the seeded plan, every check shown with what to fix (double-booked across events, too few
 * parties, a missing signatory, one person signing twice, an organization twice, a signatory
 * without a place, an overrun, a table too small), bad input answered field by field in the
 * organizer's language with nothing saved, the scheduling helper's order applied, the readiness
 * board marking a signatory arrived once their ticket is scanned, and who may see or change what.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redeem } from '../../app/checkin/checkin.server'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { withPersonSearchText } from '../../app/people/search'
import { newId, nowIso } from '../../db/ids'
import { countRows } from '../helpers/db'
import { makeUser, signedIn } from '../helpers/fixtures'
import { TEST_SECRET } from '../helpers/registration'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'
import { speechElsewhere } from '../helpers/stage'

let server: TestServer
let admin: TestClient
let adminId = ''
let hydrogen = { id: '', base: '', starts_at: '', event_id: '' }
const person: Record<string, string> = {}
const org: Record<string, string> = {}
const SLUG = 'yantai-japan-2024'

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  adminId = await makeUser(server.db, 'planner@example.org', { admin: true })
  admin = await signedIn(server.origin, 'planner@example.org')
  const session = await server.db
    .selectFrom('sessions')
    .select(['id', 'starts_at', 'event_id'])
    .where('title_en', 'like', '%Hydrogen%')
    .executeTakeFirstOrThrow()
  hydrogen = { ...session, base: `/events/${SLUG}/sessions/${session.id}` }
  for (const p of await server.db.selectFrom('people').select(['id', 'key']).execute()) if (p.key) person[p.key] = p.id
  for (const o of await server.db.selectFrom('organizations').select(['id', 'key']).execute())
    if (o.key) org[o.key] = o.id
})
afterAll(async () => {
  await server?.close()
})

const html = async (response: Response) => {
  const text = await response.text()
  return text
}

/** Creates a segment through the page and returns its URL. */
async function createSegment(fields: Record<string, string>): Promise<string> {
  const response = await admin.post(`${hydrogen.base}/run-of-show?lng=zh`, { intent: 'create', ...fields })
  expect(response.status).toBe(302)
  const location = response.headers.get('location') ?? ''
  expect(location).toMatch(/\/segments\/[0-9a-f-]{36}$/)
  return location
}

async function issueCodes(): Promise<string[]> {
  const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh`))
  return [...page.matchAll(/data-code="([a-z_]+)"/g)].map((m) => m[1] ?? '')
}

describe('the seeded hydrogen forum', () => {
  it('shows both signings with their parties left to right, the witnesses and no problem', async () => {
    const response = await admin.get(`${hydrogen.base}/run-of-show?lng=zh`)
    expect(response.status).toBe(200)
    const page = await html(response)
    expect(page).toContain('中日绿色氢能供应链项目签约')
    expect(page).toContain('中日氢能源产业联合体项目签约')
    // The five parties of the first signing, in seating order, with their signatories.
    const order = ['莱州市人民政府', '国电投山东能源', '裕光能源', '中国国际经济咨询', '上海陕耀新能源'].map((n) =>
      page.indexOf(n),
    )
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true)
    expect(page).toContain('王建国')
    expect(page).toContain('10:45–10:57')
    expect(page).toContain('未发现问题')
  })
})

describe('the checks', () => {
  let segment = ''
  it('a signing with one party has too few parties; a party without a signatory is named', async () => {
    segment = await createSegment({ kind: 'signing', title_zh: '第三项签约', minutes: '10' })
    const add = await admin.post(`${segment}?lng=zh`, {
      intent: 'add-party',
      organization_id: org.wanhua ?? '',
      person_id: person['p-wanhua'] ?? '',
      assistant_id: '',
    })
    expect(add.status).toBe(302)
    expect(await issueCodes()).toContain('too_few_parties')
    await admin.post(`${segment}?lng=zh`, {
      intent: 'add-party',
      organization_id: org.panasonic ?? '',
      person_id: '',
      assistant_id: '',
    })
    const codes = await issueCodes()
    expect(codes).not.toContain('too_few_parties')
    expect(codes).toContain('missing_signatory')
    const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh`))
    expect(page).toContain('松下电器（中国）有限公司 尚无签约人')
  })

  it('the same organization twice, signed for by the same person, is two errors', async () => {
    await admin.post(`${segment}?lng=zh`, {
      intent: 'add-party',
      organization_id: org.wanhua ?? '',
      person_id: person['p-wanhua'] ?? '',
      assistant_id: '',
    })
    const codes = await issueCodes()
    expect(codes).toContain('organization_twice')
    expect(codes).toContain('signs_twice')
  })

  it('someone on stage at the same time in another event is double-booked, naming the other stage', async () => {
    // Another event the same day with LIU Yang speaking through the whole forum.
    await speechElsewhere(server.db, {
      slug: 'korea-forum',
      eventTitle: '中韩投资论坛',
      sessionTitle: '中韩合作论坛',
      speechTitle: '万华化学主旨演讲',
      personId: person['p-wanhua'] ?? '',
      start: new Date(Date.parse(hydrogen.starts_at) - 15 * 60_000),
      minutes: 120,
    })
    expect(await issueCodes()).toContain('double_booked')
    const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh`))
    expect(page).toContain('刘洋 同一时间在其他环节上台（万华化学主旨演讲 · 中韩合作论坛（中韩投资论坛）')
  })

  it('the scheduling helper says when no order can work, and why', async () => {
    const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh&propose=1`))
    // The new signing cannot be right anywhere: it has a party without a signatory.
    expect(page).toContain('请先修正“第三项签约”，才能建议顺序')
  })

  it('a segment that runs past the session end is a warning, with the minutes', async () => {
    await admin.post(`${segment}?lng=zh`, {
      intent: 'save',
      title_zh: '第三项签约',
      minutes: '100',
      status: 'planned',
    })
    const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh`))
    expect(page).toMatch(/比议程结束时间晚 \d+ 分钟/)
  })

  it('more parties than the room’s table seats is a warning; the seats are a setting of the room', async () => {
    const response = await admin.post(`${hydrogen.base}/run-of-show?lng=zh`, { intent: 'seats', table_seats: '4' })
    expect(response.status).toBe(302)
    const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh`))
    expect(page).toContain('共 5 个签约方，但该会场签约桌只有 4 个座位')
    expect(page).toContain('共 6 个签约方')
    // The opening ceremony is in the same room: it has the same table.
    const stored = await server.db.selectFrom('stage_tables').select(['room_key', 'seats']).execute()
    expect(stored.find((r) => r.room_key === '一号会议厅')?.seats).toBe(4)
    await admin.post(`${hydrogen.base}/run-of-show?lng=zh`, { intent: 'seats', table_seats: '6' })
  })

  it('a signatory without a place at the session is a warning', async () => {
    // TAKAHASHI Misaki (NEDO) is invited; make her sign for NEDO without registering her for the forum.
    const signing = await createSegment({ kind: 'signing', title_zh: '备忘录签约', minutes: '5' })
    for (const [orgKey, personKey] of [
      ['nedo-beijing', 'p-nedo'],
      ['yantai-gov', 'p-mayor'],
    ] as const) {
      const seat = await server.db
        .selectFrom('registration_sessions as rs')
        .innerJoin('registrations as r', 'r.id', 'rs.registration_id')
        .select('rs.status')
        .where('r.person_id', '=', person[personKey] ?? '')
        .where('rs.session_id', '=', hydrogen.id)
        .executeTakeFirst()
      if (personKey === 'p-nedo') expect(seat?.status === 'confirmed').toBe(false)
      await admin.post(`${signing}?lng=zh`, {
        intent: 'add-party',
        organization_id: org[orgKey] ?? '',
        person_id: person[personKey] ?? '',
        assistant_id: '',
      })
    }
    const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh`))
    // The demo's TAKAHASHI Misaki declined her invitation: the finding says so, and what to do.
    expect(page).toContain('高橋美咲 已谢绝邀请，不会出席。请另选他人，或再次邀请。')
    await admin.post(`${signing}?lng=zh`, { intent: 'delete' })
  })
})

describe('bad input', () => {
  let segment = ''
  beforeAll(async () => {
    segment = await createSegment({ kind: 'signing', title_zh: '测试签约', minutes: '5' })
  })

  it('a zero or negative duration is refused on the field, in Chinese and in Japanese, nothing saved', async () => {
    const before = await countRows(server.db, 'segments')
    for (const [lng, minutes, text] of [
      ['zh', '0', '时长至少为 1 分钟'],
      ['ja', '-5', '所要時間は1分以上にしてください'],
    ] as const) {
      const response = await admin.post(`${hydrogen.base}/run-of-show?lng=${lng}`, {
        intent: 'create',
        kind: 'speech',
        title_zh: '致辞',
        minutes,
      })
      expect(response.status).toBe(400)
      const page = await html(response)
      expect(page).toContain(text)
      expect(page).toContain('id="minutes-error"')
    }
    expect(await countRows(server.db, 'segments')).toBe(before)
  })

  it('invalid amounts and currencies are refused field by field, and the project keeps its values', async () => {
    const cases = [
      { amount: '-1000', currency: 'CNY', field: 'amount', text: '金额不能为负数' },
      { amount: '十亿', currency: 'CNY', field: 'amount', text: '请输入数字金额' },
      { amount: '10.001', currency: 'CNY', field: 'amount', text: '小数位数超过了该币种允许的位数' },
      { amount: '1000', currency: 'RMB', field: 'currency', text: 'ISO 4217' },
    ]
    for (const c of cases) {
      const response = await admin.post(`${segment}?lng=zh`, {
        intent: 'save',
        title_zh: '测试签约',
        minutes: '5',
        amount: c.amount,
        currency: c.currency,
        status: 'planned',
      })
      expect(response.status, c.amount).toBe(400)
      const page = await html(response)
      expect(page, c.amount).toContain(c.text)
      expect(page, c.amount).toContain(`id="${c.field}-error"`)
    }
    const project = await server.db
      .selectFrom('projects')
      .select(['amount', 'currency'])
      .where('segment_id', '=', segment.split('/').pop() ?? '')
      .executeTakeFirstOrThrow()
    expect(project).toEqual({ amount: null, currency: null })
    const ok = await admin.post(`${segment}?lng=zh`, {
      intent: 'save',
      title_zh: '测试签约',
      minutes: '5',
      amount: '1,200,000.5',
      currency: 'usd',
      status: 'confirmed',
    })
    expect(ok.status).toBe(302)
    const saved = await server.db
      .selectFrom('projects')
      .select(['amount', 'currency', 'status'])
      .where('segment_id', '=', segment.split('/').pop() ?? '')
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ amount: '1200000.50', currency: 'USD', status: 'confirmed' })
  })

  it('a person from outside the event is refused on the field, and a signatory must be of the organization', async () => {
    const outsider = newId()
    const stamp = nowIso()
    await server.db
      .insertInto('people')
      .values(
        withPersonSearchText({
          id: outsider,
          key: null,
          organization_id: org.wanhua ?? null,
          family_name: '局外',
          given_name: '人',
          latin_name: 'JU Wairen',
          kana: null,
          title_zh: null,
          title_en: null,
          title_ja: null,
          email: 'outsider@example.org',
          phone: null,
          preferred_language: 'zh',
          vip: 0,
          dietary: null,
          created_at: stamp,
          updated_at: stamp,
        }),
      )
      .execute()
    const outside = await admin.post(`${segment}?lng=zh`, {
      intent: 'add-party',
      organization_id: org.wanhua ?? '',
      person_id: outsider,
      assistant_id: '',
    })
    expect(outside.status).toBe(400)
    expect(await html(outside)).toContain('此人未受邀参加或未报名本次活动')
    const wrongOrg = await admin.post(`${segment}?lng=en`, {
      intent: 'add-party',
      organization_id: org.panasonic ?? '',
      person_id: person['p-wanhua'] ?? '',
      assistant_id: '',
    })
    expect(wrongOrg.status).toBe(400)
    expect(await html(wrongOrg)).toContain('The signatory must be a person of this organization.')
    const asWitness = await admin.post(`${segment}?lng=ja`, {
      intent: 'add-person',
      person_id: outsider,
      role: 'witness',
    })
    expect(asWitness.status).toBe(400)
    expect(await html(asWitness)).toContain('この方は本イベントに招待も登録もされていません')
    const parties = await server.db
      .selectFrom('segment_parties')
      .select('id')
      .where('segment_id', '=', segment.split('/').pop() ?? '')
      .execute()
    expect(parties).toHaveLength(0)
  })

  it('changing a party’s signatory checks the person the same way, and a witness can be put on stage and taken off', async () => {
    const add = await admin.post(`${segment}?lng=zh`, {
      intent: 'add-party',
      organization_id: org.panasonic ?? '',
      person_id: person['p-panasonic'] ?? '',
      assistant_id: '',
    })
    expect(add.status).toBe(302)
    const party = await server.db
      .selectFrom('segment_parties')
      .select('id')
      .where('segment_id', '=', segment.split('/').pop() ?? '')
      .executeTakeFirstOrThrow()
    const wrong = await admin.post(`${segment}?lng=zh`, {
      intent: 'update-party',
      party: party.id,
      person_id: person['p-mitsui'] ?? '',
      assistant_id: '',
    })
    expect(wrong.status).toBe(400)
    expect(await html(wrong)).toContain('签约人必须是该单位的人员')
    const same = await admin.post(`${segment}?lng=zh`, {
      intent: 'update-party',
      party: party.id,
      person_id: person['p-panasonic'] ?? '',
      assistant_id: person['p-panasonic'] ?? '',
    })
    expect(same.status).toBe(400)
    expect(await html(same)).toContain('助签人不能与签约人相同')
    const ok = await admin.post(`${segment}?lng=zh`, {
      intent: 'update-party',
      party: party.id,
      person_id: '',
      assistant_id: person['p-nedo'] ?? '',
    })
    expect(ok.status).toBe(302)
    const stored = await server.db
      .selectFrom('segment_parties')
      .select(['person_id', 'assistant_id'])
      .where('id', '=', party.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ person_id: null, assistant_id: person['p-nedo'] })
    const witness = { intent: 'add-person', person_id: person['p-mayor'] ?? '', role: 'witness' }
    expect((await admin.post(`${segment}?lng=zh`, witness)).status).toBe(302)
    const twice = await admin.post(`${segment}?lng=zh`, witness)
    expect(twice.status).toBe(400)
    expect(await html(twice)).toContain('此人在本环节中已担任该角色')
    const bogusRole = await admin.post(`${segment}?lng=zh`, { ...witness, intent: 'remove-person', role: 'king' })
    expect(bogusRole.status).toBe(400)
    expect((await admin.post(`${segment}?lng=zh`, { ...witness, intent: 'remove-person' })).status).toBe(302)
    expect(await countRows(server.db, 'segment_people')).toBeGreaterThan(0)
    const left = await server.db
      .selectFrom('segment_people')
      .select('person_id')
      .where('segment_id', '=', segment.split('/').pop() ?? '')
      .execute()
    expect(left).toEqual([])
    await admin.post(`${segment}?lng=zh`, { intent: 'remove-party', party: party.id })
  })

  it('a signed signing cannot be deleted: its project is on record', async () => {
    await admin.post(`${segment}?lng=zh`, { intent: 'save', title_zh: '测试签约', minutes: '5', status: 'signed' })
    const response = await admin.post(`${segment}?lng=zh`, { intent: 'delete' })
    expect(response.status).toBe(400)
    expect(await html(response)).toContain('此签约已完成')
    await admin.post(`${segment}?lng=zh`, { intent: 'save', title_zh: '测试签约', minutes: '5', status: 'cancelled' })
    expect((await admin.post(`${segment}?lng=zh`, { intent: 'delete' })).status).toBe(302)
  })
})

describe('reordering', () => {
  it('moves a segment up, and its planned time follows', async () => {
    const segments = await server.db
      .selectFrom('segments')
      .select(['id', 'position'])
      .where('session_id', '=', hydrogen.id)
      .orderBy('position')
      .execute()
    const second = segments[1]?.id ?? ''
    const response = await admin.post(`${hydrogen.base}/run-of-show?lng=zh`, {
      intent: 'move',
      segment: second,
      direction: 'up',
    })
    expect(response.status).toBe(302)
    const page = await html(await admin.get(`${hydrogen.base}/run-of-show?lng=zh`))
    const first = page.indexOf('中日氢能源产业联合体项目签约')
    expect(first).toBeGreaterThan(0)
    expect(first).toBeLessThan(page.indexOf('中日绿色氢能供应链项目签约'))
    expect(page).toMatch(/10:45–10:57[\s\S]*中日氢能源产业联合体项目签约/)
  })

  it('applies an order only when it names each segment of the session once', async () => {
    const ids = (
      await server.db
        .selectFrom('segments')
        .select('id')
        .where('session_id', '=', hydrogen.id)
        .orderBy('position')
        .execute()
    ).map((r) => r.id)
    const stale = new URLSearchParams({ intent: 'apply' })
    for (const id of ids.slice(1)) stale.append('order', id)
    const refused = await admin.request(`${hydrogen.base}/run-of-show?lng=zh`, { method: 'POST', body: stale })
    expect(refused.status).toBe(400)
    expect(await html(refused)).toContain('仪式流程已被他人修改')
    const reversed = new URLSearchParams({ intent: 'apply' })
    for (const id of [...ids].reverse()) reversed.append('order', id)
    expect((await admin.request(`${hydrogen.base}/run-of-show`, { method: 'POST', body: reversed })).status).toBe(302)
    const after = await server.db
      .selectFrom('segments')
      .select('id')
      .where('session_id', '=', hydrogen.id)
      .orderBy('position')
      .execute()
    expect(after.map((r) => r.id)).toEqual([...ids].reverse())
  })
})

describe('the readiness board', () => {
  it('marks a signatory arrived once their ticket is admitted at the forum door', async () => {
    const registration = await server.db
      .selectFrom('registrations')
      .select(['id'])
      .where('person_id', '=', person['p-laizhou'] ?? '')
      .executeTakeFirstOrThrow()
    const before = await html(await admin.get(`${hydrogen.base}/readiness?lng=zh`))
    expect(before).toContain(`data-person="${person['p-laizhou']}" data-arrived="false"`)
    const result = await redeem(
      server.db,
      { kind: 'user', userId: adminId, name: 'planner', eventId: hydrogen.event_id },
      { code: { registrationId: registration.id }, sessionId: hydrogen.id, nonce: randomUUID() },
      // At the forum's start: its door takes scans only around its time.
      new Date(hydrogen.starts_at),
    )
    expect(result.ok && result.verdict.status).toBe('ok')
    const after = await html(await admin.get(`${hydrogen.base}/readiness?lng=zh`))
    expect(after).toContain(`data-person="${person['p-laizhou']}" data-arrived="true"`)
  })

  it('shows a party with nobody chosen to sign, and never calls that signing ready', async () => {
    const party = await server.db
      .selectFrom('segment_parties as p')
      .innerJoin('segments as s', 's.id', 'p.segment_id')
      .select(['p.id', 'p.person_id', 'p.segment_id'])
      .where('s.session_id', '=', hydrogen.id)
      .where('s.kind', '=', 'signing')
      .where('p.person_id', 'is not', null)
      .executeTakeFirstOrThrow()
    await server.db.updateTable('segment_parties').set({ person_id: null }).where('id', '=', party.id).execute()
    try {
      const board = await html(await admin.get(`${hydrogen.base}/readiness?lng=zh`))
      expect(board).toContain(`data-party="${party.id}" data-unassigned="true"`)
      expect(board).toContain('尚未指定人员')
      expect(board).toMatch(/\d+ 方未指定人员/)
      expect(board).toContain(`${hydrogen.base}/segments/${party.segment_id}`)
      expect(board).not.toMatch(new RegExp(`data-segment="${party.segment_id}" data-state="ready"`))
      expect(await html(await admin.get(`${hydrogen.base}/readiness?lng=ja`))).toContain('未指定')
    } finally {
      await server.db
        .updateTable('segment_parties')
        .set({ person_id: party.person_id })
        .where('id', '=', party.id)
        .execute()
    }
  })
})

describe('who may see and change a run of show', () => {
  it('a viewer sees it but cannot change it; someone without a role gets 404; a cross-site POST is refused', async () => {
    await makeUser(server.db, 'viewer@example.org', { role: { eventSlug: SLUG, role: 'viewer' } })
    await makeUser(server.db, 'stranger@example.org')
    const viewer = await signedIn(server.origin, 'viewer@example.org')
    const stranger = await signedIn(server.origin, 'stranger@example.org')
    expect((await viewer.get(`${hydrogen.base}/run-of-show`)).status).toBe(200)
    expect((await viewer.get(`${hydrogen.base}/readiness`)).status).toBe(200)
    const before = await countRows(server.db, 'segments')
    const post = { intent: 'create', kind: 'speech', title_zh: '致辞', minutes: '5' }
    expect((await viewer.post(`${hydrogen.base}/run-of-show`, post)).status).toBe(403)
    expect((await stranger.get(`${hydrogen.base}/run-of-show`)).status).toBe(404)
    expect((await stranger.post(`${hydrogen.base}/run-of-show`, post)).status).toBe(404)
    expect((await admin.post(`${hydrogen.base}/run-of-show`, post, { origin: 'https://evil.example' })).status).toBe(
      403,
    )
    expect(await countRows(server.db, 'segments')).toBe(before)
  })
})
