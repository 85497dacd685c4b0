/**
 * End to end: an organizer working in Chinese sets up an event in a real browser (event form,
 * four sessions, two of them in parallel, a site visit with buses) and publishes it; delegates
 * then read it on a phone in English and Japanese. Also: phone and print layout, room-clash
 * warnings, two-step delete, edit and clone, a form without JavaScript, and forms refusing bad
 * input with localized errors while saving nothing. Tests run in order and share one event.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/organizer.test.ts`.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, localDateOf } from '../../app/i18n/format'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOTS = join(ROOT, 'test-results/e2e')

const SLUG = 'demo-e2e'
const TITLE = { zh: '中日氢能合作周', en: 'China-Japan Hydrogen Week', ja: '日中水素協力ウィーク' }
// About 40 days ahead, in the event's time zone; two days.
const DAY_1 = addDays(localDateOf(new Date(), 'Asia/Shanghai'), 40)
const DAY_2 = addDays(DAY_1, 1)

interface SessionSpec {
  kind: string
  title: { zh: string; en: string; ja: string }
  room: { zh: string; en: string; ja: string }
  date: string
  start: string
  end: string
}

const OPENING: SessionSpec = {
  kind: 'ceremony',
  title: { zh: '开幕式', en: 'Opening Ceremony', ja: '開幕式' },
  room: { zh: '主会场', en: 'Main Hall', ja: 'メインホール' },
  date: DAY_1,
  start: '09:00',
  end: '10:00',
}
// The two forums run in parallel: same times, different rooms.
const FORUM_A: SessionSpec = {
  kind: 'forum',
  title: { zh: '氢能产业对接会', en: 'Hydrogen Industry Matchmaking', ja: '水素産業マッチング会' },
  room: { zh: '第一会议室', en: 'Room 1', ja: '第1会議室' },
  date: DAY_1,
  start: '10:30',
  end: '12:00',
}
const FORUM_B: SessionSpec = {
  kind: 'seminar',
  title: { zh: '生物医药研讨会', en: 'Biomedicine Seminar', ja: 'バイオ医薬セミナー' },
  room: { zh: '第二会议室', en: 'Room 2', ja: '第2会議室' },
  date: DAY_1,
  start: '10:30',
  end: '12:00',
}
const VISIT = {
  title: { zh: '实地考察：万华化学', en: 'Site visit: Wanhua Chemical', ja: '現地視察：万華化学' },
  meetingPoint: { zh: '酒店大堂', en: 'Hotel lobby', ja: 'ホテルロビー' },
  date: DAY_2,
  start: '08:30',
  end: '12:00',
  meeting: '08:00',
}

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('organizer pages in a real browser', () => {
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(SCREENSHOTS, { recursive: true })
    server = await startBuiltServer()
    browser = await launchChromium(browserSetup.executablePath)
    // A Chinese organizer: Chinese pages and a Chinese browser (date and time inputs in zh-CN).
    organizer = await openPage(browser, contexts, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const { page } = organizer
    await page.goto(`${server.origin}/login?lng=zh`)
    await page.getByLabel('电子邮箱', { exact: true }).fill(server.adminEmail)
    await page.getByLabel('密码', { exact: true }).fill(server.adminPassword)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(`${server.origin}/events`)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  /**
   * The page's errors, minus the browser's note about a 400 answer: a refused form is answered
   * with 400 (and its field errors), which Chromium logs as a failed resource.
   */
  const unexpected = (errors: string[]) =>
    errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e))

  async function fillLocalized(page: Page, label: string, text: { zh: string; en: string; ja: string }) {
    await page.getByLabel(`${label}（中文）`, { exact: true }).fill(text.zh)
    await page.getByLabel(`${label}（English）`, { exact: true }).fill(text.en)
    await page.getByLabel(`${label}（日本語）`, { exact: true }).fill(text.ja)
  }

  async function fillSessionBasics(page: Page, s: Omit<SessionSpec, 'room'> & { room?: SessionSpec['room'] }) {
    await page.getByLabel('类型', { exact: true }).selectOption(s.kind)
    await fillLocalized(page, '标题', s.title)
    if (s.room) await fillLocalized(page, '会场', s.room)
    await page.getByLabel('日期', { exact: true }).fill(s.date)
    await page.getByLabel('开始时间', { exact: true }).fill(s.start)
    await page.getByLabel('结束时间', { exact: true }).fill(s.end)
  }

  async function saveSession(page: Page) {
    await page.getByRole('button', { name: '添加议程', exact: true }).click()
    await page.waitForURL(/\/sessions\/[^/]+\?saved=1$/)
    await page.getByRole('status').filter({ hasText: '议程已保存。' }).waitFor()
  }

  it('creates an event in Chinese with four sessions, two in parallel and a site visit with buses, and publishes it', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events`)
    await page.getByRole('link', { name: '新建活动', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/new`)
    await page.getByRole('heading', { level: 1, name: '新建活动', exact: true }).waitFor()

    await page.getByLabel('网址标识（slug）', { exact: true }).fill(SLUG)
    await fillLocalized(page, '标题', TITLE)
    await fillLocalized(page, '场馆', {
      zh: '烟台国际博览中心',
      en: 'Yantai International Expo Center',
      ja: '煙台国際博覧センター',
    })
    await fillLocalized(page, '地址', {
      zh: '山东省烟台市莱山区',
      en: 'Laishan District, Yantai',
      ja: '山東省煙台市莱山区',
    })
    expect(await page.getByLabel('时区', { exact: true }).inputValue()).toBe('Asia/Shanghai')
    await page.getByLabel('开始日期', { exact: true }).fill(DAY_1)
    await page.getByLabel('结束日期', { exact: true }).fill(DAY_2)
    await page.getByLabel('报名开始时间', { exact: true }).fill(`${addDays(DAY_1, -30)}T09:00`)
    await page.getByLabel('报名截止时间', { exact: true }).fill(`${addDays(DAY_1, -3)}T18:00`)
    await page.getByLabel('单位 1', { exact: true }).selectOption({ label: '烟台市人民政府' })
    await page.getByLabel('角色 1', { exact: true }).selectOption('host')
    await page.getByLabel('单位 2', { exact: true }).selectOption({ label: '日本贸易振兴机构青岛事务所' })
    await page.getByLabel('角色 2', { exact: true }).selectOption('co_organizer')
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-event-form-zh.png'), fullPage: true })
    await page.getByRole('button', { name: '创建活动', exact: true }).click()

    await page.waitForURL(`${server.origin}/events/${SLUG}`)
    await page.getByRole('heading', { level: 1, name: TITLE.zh, exact: true }).waitFor()
    await expectText(page.locator('.badge.status-draft'), '草稿')
    // The registration window, shown in the event's time zone.
    await expectText(page.locator('.facts'), '09:00')
    await expectText(page.locator('.facts'), '18:00')

    // Sessions: the opening, two forums at the same time in different rooms, a site visit.
    for (const session of [OPENING, FORUM_A, FORUM_B]) {
      await page.goto(`${server.origin}/events/${SLUG}`)
      await page.getByRole('link', { name: '添加议程', exact: true }).first().click()
      await page.waitForURL(`${server.origin}/events/${SLUG}/sessions/new`)
      await fillSessionBasics(page, session)
      if (session === OPENING) {
        await page.getByLabel('容量（座位数）', { exact: true }).fill('300')
        await page.getByLabel('中日互译', { exact: true }).check()
      }
      await saveSession(page)
      await page.getByRole('heading', { level: 1, name: session.title.zh, exact: true }).waitFor()
    }

    await page.goto(`${server.origin}/events/${SLUG}/sessions/new`)
    await fillSessionBasics(page, { kind: 'site_visit', ...VISIT })
    await page.getByLabel('参会者须报名参加此议程', { exact: true }).check()
    await fillLocalized(page, '集合地点', VISIT.meetingPoint)
    await page.getByLabel('集合时间', { exact: true }).fill(VISIT.meeting)
    await page.getByLabel('第 1 辆车：车号', { exact: true }).fill('A')
    await page.getByLabel('第 1 辆车：座位数', { exact: true }).fill('40')
    await page.getByLabel('第 2 辆车：车号', { exact: true }).fill('B')
    await page.getByLabel('第 2 辆车：座位数', { exact: true }).fill('30')
    await page.getByLabel('万华化学', { exact: true }).check()
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-session-form-zh.png'), fullPage: true })
    await saveSession(page)

    // The session page: everything in the event's time zone, buses with seats, the company.
    await page.getByRole('heading', { level: 1, name: VISIT.title.zh, exact: true }).waitFor()
    const details = page.locator('main')
    await expectText(details, '08:30–12:00')
    await expectText(details, '(Asia/Shanghai)')
    await expectText(details, '需报名')
    await expectText(details, 'A 号车：40 个座位')
    await expectText(details, 'B 号车：30 个座位')
    await expectText(details, '共 70 个座位')
    await expectText(details, '万华化学')
    await expectText(details, '酒店大堂')
    await expectText(details, '08:00')
    // No one registered yet: no seats taken, and a link to the session's registrations.
    await expectText(details, '已确认席位：0')
    await expectText(details, '查看本议程的报名名单')
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-session-zh.png'), fullPage: true })

    // The overview's timetable: two days, the forums side by side, no room clash.
    await page.goto(`${server.origin}/events/${SLUG}`)
    const timetable = page.locator('.timetable')
    expect(await timetable.locator('.session-card').count()).toBe(4)
    expect(await timetable.locator('.day-heading').count()).toBe(2)
    const parallel = timetable.locator('.parallel')
    expect(await parallel.count()).toBe(1)
    expect((await parallel.locator('.session-title').allTextContents()).sort()).toEqual(
      [FORUM_A.title.zh, FORUM_B.title.zh].sort(),
    )
    await expectText(parallel, '10:30–12:00')
    expect(await page.getByRole('heading', { name: '会场冲突' }).count()).toBe(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-overview-zh.png'), fullPage: true })

    // By room: one group per room, sessions in time order.
    await page.getByRole('link', { name: '按会场', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${SLUG}?view=room`)
    const rooms = page.locator('.room-heading')
    await rooms.first().waitFor()
    expect(await rooms.allTextContents()).toEqual(['主会场', '第一会议室', '第二会议室', '未指定会场'])
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-overview-room-zh.png'), fullPage: true })

    // Publish: the badge changes and the public page is linked.
    await page.goto(`${server.origin}/events/${SLUG}`)
    await page.getByRole('button', { name: '发布', exact: true }).click()
    await page.getByRole('link', { name: '打开公开页面', exact: true }).waitFor()
    await expectText(page.locator('.badge.status-published'), '已发布')
    expect(await page.getByRole('link', { name: '打开公开页面', exact: true }).getAttribute('href')).toBe(`/e/${SLUG}`)

    expect(errors).toEqual([])
  })

  it('fits the overview on a phone and prints the timetable without the page furniture', async () => {
    const { page, errors } = organizer
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await page.goto(`${server.origin}/events/${SLUG}`)
      await page.getByRole('heading', { level: 1, name: TITLE.zh, exact: true }).waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await page.screenshot({ path: join(SCREENSHOTS, 'organizer-overview-zh-phone.png'), fullPage: true })

      // A4 at 96 dpi is 794 px wide.
      await page.setViewportSize({ width: 794, height: 1123 })
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.site-header').isVisible()).toBe(false)
      expect(await page.getByRole('navigation', { name: '活动操作' }).isVisible()).toBe(false)
      expect(await page.getByRole('heading', { name: '复制到新日期' }).isVisible()).toBe(false)
      expect(await page.locator('.timetable .session-card').first().isVisible()).toBe(true)
      await page.screenshot({ path: join(SCREENSHOTS, 'organizer-overview-zh-print.png'), fullPage: true })
    } finally {
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize({ width: 1280, height: 900 })
    }
    expect(errors).toEqual([])
  })

  it('shows the published event to delegates on a phone, in English and in Japanese', async () => {
    const phone: BrowserContextOptions = {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    }
    const cases = [
      { lng: 'en', meetAt: 'Meet at 08:00', pick: (t: { en: string }) => t.en },
      { lng: 'ja', meetAt: '08:00 集合', pick: (t: { ja: string }) => t.ja },
    ] as const
    for (const c of cases) {
      const { page, errors } = await openPage(browser, contexts, {
        ...phone,
        locale: c.lng === 'en' ? 'en-GB' : 'ja-JP',
      })
      await page.goto(`${server.origin}/e/${SLUG}?lng=${c.lng}`)
      expect(await page.locator('html').getAttribute('lang')).toBe(c.lng)
      await page.getByRole('heading', { level: 1, name: c.pick(TITLE), exact: true }).waitFor()
      const programme = page.locator('.timetable')
      for (const session of [OPENING, FORUM_A, FORUM_B]) {
        const card = programme.locator('.session-card').filter({ hasText: c.pick(session.title) })
        await expectText(card, `${session.start}–${session.end}`)
        await expectText(card, c.pick(session.room))
      }
      const visit = programme.locator('.session-card').filter({ hasText: c.pick(VISIT.title) })
      await expectText(visit, `${VISIT.start}–${VISIT.end}`)
      await expectText(visit, c.pick(VISIT.meetingPoint))
      await expectText(visit, c.meetAt)
      // Nothing in Chinese leaks into the delegate's language.
      expect(await page.getByText(TITLE.zh).count()).toBe(0)
      expect(await page.getByText(VISIT.meetingPoint.zh).count()).toBe(0)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await page.screenshot({ path: join(SCREENSHOTS, `public-${c.lng}-phone.png`), fullPage: true })
      expect(errors).toEqual([])
    }
  })

  it('warns about a room clash but saves the session, and deletes it after a confirmation step', async () => {
    const { page, errors } = organizer
    const demo = `${server.origin}/events/yantai-japan-2024`
    await page.goto(`${demo}/sessions/new`)
    // The form starts on the event's first day, when the opening ceremony is in Hall 1 from 09:00.
    const firstDay = await page.getByLabel('日期', { exact: true }).inputValue()
    await fillSessionBasics(page, {
      kind: 'other',
      title: { zh: '媒体采访', en: 'Press interviews', ja: 'メディア取材' },
      room: { zh: '一号会议厅', en: 'Hall 1', ja: '第1会議ホール' },
      date: firstDay,
      start: '09:30',
      end: '10:00',
    })
    await saveSession(page)
    const sessionUrl = page.url().replace(/\?saved=1$/, '')
    const warning = page.getByRole('region', { name: '会场冲突' })
    await expectText(warning, '开幕式')
    await expectText(warning, '一号会议厅')
    await page.goto(demo)
    await expectText(page.getByRole('region', { name: '会场冲突' }), '媒体采访')
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-room-clash-zh.png'), fullPage: true })

    // Delete: the first button only asks; the session goes with the second.
    await page.goto(`${sessionUrl}/edit`)
    await page.getByRole('link', { name: '删除议程…', exact: true }).click()
    await page.getByRole('heading', { name: '确定要删除此议程吗？', exact: true }).waitFor()
    await page.goto(demo)
    await expectText(page.getByRole('region', { name: '会场冲突' }), '媒体采访')
    await page.goto(`${sessionUrl}/edit?delete=1`)
    await page.getByRole('button', { name: '确定删除', exact: true }).click()
    await page.waitForURL(demo)
    await page.getByRole('heading', { level: 2, name: '日程表', exact: true }).waitFor()
    await page.getByText('媒体采访').first().waitFor({ state: 'detached' })
    expect(await page.getByRole('region', { name: '会场冲突' }).count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('edits the event with its saved values prefilled, and clones it to new dates as a draft', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${SLUG}`)
    await page.getByRole('link', { name: '编辑活动', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${SLUG}/edit`)
    expect(await page.getByLabel('标题（日本語）', { exact: true }).inputValue()).toBe(TITLE.ja)
    expect(await page.getByLabel('开始日期', { exact: true }).inputValue()).toBe(DAY_1)
    // Stored in UTC, shown again in the event's time zone.
    expect(await page.getByLabel('报名截止时间', { exact: true }).inputValue()).toBe(`${addDays(DAY_1, -3)}T18:00`)
    expect(await page.getByLabel('单位 2', { exact: true }).inputValue()).not.toBe('')
    await page.getByLabel('场馆（English）', { exact: true }).fill('Yantai Expo Center, Hall A')
    await page.getByRole('button', { name: '保存修改', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${SLUG}`)
    await page.getByText('烟台国际博览中心').first().waitFor()

    // Clone: a taken address is refused in place; a free one opens the copy, a draft a week later.
    const clone = page.getByRole('region', { name: '复制到新日期' })
    await clone.getByLabel('新活动的网址标识', { exact: true }).fill('yantai-japan-2024')
    await clone.getByLabel('新活动的开始日期', { exact: true }).fill(addDays(DAY_1, 7))
    await clone.getByRole('button', { name: '复制活动', exact: true }).click()
    await expectText(page.getByRole('alert'), '此网址已被其他活动使用。')
    await clone.locator('input[name=slug]').fill(`${SLUG}-next`)
    await clone.getByRole('button', { name: '复制活动', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${SLUG}-next`)
    await expectText(page.locator('.badge.status-draft'), '草稿')
    expect(await page.locator('.timetable .session-card').count()).toBe(4)
    const opening = page.locator('.timetable .session-card').filter({ hasText: OPENING.title.zh })
    await expectText(opening, `${OPENING.start}–${OPENING.end}`)
    expect(unexpected(errors)).toEqual([])
  })

  it('adds a session without JavaScript: the form posts, errors come back in the page, success redirects', async () => {
    const { page, errors } = await openPage(browser, contexts, {
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    })
    await page.goto(`${server.origin}/login?lng=zh`)
    await page.getByLabel('电子邮箱', { exact: true }).fill(server.adminEmail)
    await page.getByLabel('密码', { exact: true }).fill(server.adminPassword)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(`${server.origin}/events`)

    await page.goto(`${server.origin}/events/${SLUG}-next/sessions/new`)
    await fillSessionBasics(page, {
      kind: 'banquet',
      title: { zh: '欢迎晚宴', en: 'Welcome Dinner', ja: '歓迎夕食会' },
      room: { zh: '宴会厅', en: 'Banquet Hall', ja: '宴会場' },
      date: addDays(DAY_2, 7),
      start: '18:30',
      end: '18:00',
    })
    await page.getByRole('button', { name: '添加议程', exact: true }).click()
    await expectText(page.getByRole('alert'), '结束时间必须晚于开始时间。')
    expect(await page.getByLabel('标题（English）', { exact: true }).inputValue()).toBe('Welcome Dinner')
    await page.locator('input[name=end_time]').fill('20:30')
    await page.getByRole('button', { name: '添加议程', exact: true }).click()
    await page.waitForURL(/\/sessions\/[^/]+\?saved=1$/)
    await page.getByRole('heading', { level: 1, name: '欢迎晚宴', exact: true }).waitFor()
    await expectText(page.locator('main'), '18:30–20:30')
    expect(unexpected(errors)).toEqual([])
  })

  it('refuses a session that ends before it starts, in Chinese, keeps what was typed and saves nothing', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${SLUG}/sessions/new`)
    await fillSessionBasics(page, {
      kind: 'forum',
      title: { zh: '颠倒的议程', en: 'Backwards session', ja: '逆転セッション' },
      date: DAY_1,
      start: '15:00',
      end: '14:00',
    })
    await page.getByRole('button', { name: '添加议程', exact: true }).click()

    const summary = page.getByRole('alert')
    await summary.waitFor()
    await expectText(summary, '尚未保存。请修改以下问题：')
    await expectText(summary, '结束时间：结束时间必须晚于开始时间。')
    // (by name: <Field> puts its error inside the <label>, so the label's text now includes it)
    const end = page.locator('input[name=end_time]')
    expect(await end.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#${await end.getAttribute('aria-describedby')}`).textContent()).toBe(
      '结束时间必须晚于开始时间。',
    )
    // What the organizer typed is still there.
    expect(await page.getByLabel('标题（中文）', { exact: true }).inputValue()).toBe('颠倒的议程')
    expect(await page.getByLabel('开始时间', { exact: true }).inputValue()).toBe('15:00')
    expect(page.url()).toBe(`${server.origin}/events/${SLUG}/sessions/new`)
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-validation-session-zh.png'), fullPage: true })

    await page.goto(`${server.origin}/events/${SLUG}`)
    expect(await page.locator('.timetable .session-card').count()).toBe(4)
    expect(await page.getByText('颠倒的议程').count()).toBe(0)
    expect(unexpected(errors)).toEqual([])
  })

  it('refuses a site visit without a meeting time and an event whose address has spaces', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${SLUG}/sessions/new`)
    await fillSessionBasics(page, { kind: 'site_visit', ...VISIT, title: { zh: '无集合时间的考察', en: '', ja: '' } })
    await fillLocalized(page, '集合地点', VISIT.meetingPoint)
    await page.getByRole('button', { name: '添加议程', exact: true }).click()
    await page.getByRole('alert').waitFor()
    await expectText(page.getByRole('alert'), '集合时间：实地考察需要填写集合时间。')
    expect(await page.locator('input[name=meeting_time]').getAttribute('aria-invalid')).toBe('true')

    await page.goto(`${server.origin}/events/new`)
    await page.getByLabel('网址标识（slug）', { exact: true }).fill('Demo E2E 2')
    await page.getByLabel('标题（中文）', { exact: true }).fill('网址有空格的活动')
    await page.getByLabel('开始日期', { exact: true }).fill(DAY_1)
    await page.getByLabel('结束日期', { exact: true }).fill(DAY_1)
    await page.getByRole('button', { name: '创建活动', exact: true }).click()
    await page.getByRole('alert').waitFor()
    await expectText(page.getByRole('alert'), '只能使用小写字母、数字和单个连字符')
    expect(await page.locator('input[name=slug]').getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByLabel('标题（中文）', { exact: true }).inputValue()).toBe('网址有空格的活动')
    await page.screenshot({ path: join(SCREENSHOTS, 'organizer-validation-event-zh.png'), fullPage: true })

    await page.goto(`${server.origin}/events`)
    expect(await page.getByText('网址有空格的活动').count()).toBe(0)
    expect(unexpected(errors)).toEqual([])
  })
})

async function expectText(locator: import('playwright-core').Locator, text: string) {
  await locator.first().waitFor()
  expect(await locator.first().textContent()).toContain(text)
}
