/**
 * The whole journey in one browser story (issue 7), against the built server and a real SMTP
 * server: an organizer (zh) creates an event with a session and a signing; imports a delegate and
 * invites her; she (ja, on a phone) registers from the mail and gets her QR; door staff enroll a
 * phone from the organizer's screen, and its camera (a fake one playing her QR) admits her at the
 * forum door; the organizer's attendance page and readiness board follow without a reload; the
 * run of show prints. axe runs on every page on the way. Screenshots: test-results/e2e/journey/.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/journey.test.ts`.
 */

import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import jsQR from 'jsqr'
import type { ParsedMail } from 'mailparser'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, localDateOf } from '../../app/i18n/format'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { chromiumForE2E, launchChromium, openPage, signInAsOrganizer } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { openDoorsNow } from '../helpers/doors'
import { writeQrVideo } from '../helpers/fake-camera'
import { startSmtpServer, type TestSmtpServer } from '../helpers/mail'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(ROOT, 'test-results/e2e/journey')
const SLUG = 'journey-2027'
const DAY = addDays(localDateOf(new Date(), 'Asia/Shanghai'), 30)
const FORUM = { zh: '氢能合作论坛', en: 'Hydrogen Cooperation Forum', ja: '水素協力フォーラム' }
const SIGNING = { zh: '氢能示范项目签约', en: 'Signing: hydrogen pilot', ja: '水素実証プロジェクト調印' }
const MISAKI = { email: 'misaki@journey.example.jp', latin: 'TAKAHASHI Misaki' }
const ORG = '株式会社ジャーニー'

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('the whole journey, in one story', () => {
  let smtp: TestSmtpServer
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []
  const accessibility: string[] = []
  let ticket = ''
  let forumUrl = ''

  async function audit(page: Page, label: string) {
    // A mail preview is a frame sandboxed without scripts: axe cannot run inside it and waits on it
    // for a minute, so the audit covers the page around it (the mail is checked as a mail).
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .exclude('iframe[sandbox]')
      .analyze()
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      accessibility.push(`${label}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    }
  }

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  }

  async function fill3(page: Page, label: string, text: { zh: string; en: string; ja: string }) {
    await page.getByLabel(`${label}（中文）`, { exact: true }).fill(text.zh)
    await page.getByLabel(`${label}（English）`, { exact: true }).fill(text.en)
    await page.getByLabel(`${label}（日本語）`, { exact: true }).fill(text.ja)
  }

  async function choose(page: Page, selector: string, text: string) {
    const value = await page.locator(`${selector} option`, { hasText: text }).first().getAttribute('value')
    if (!value) throw new Error(`no option "${text}" in ${selector}`)
    await page.locator(selector).selectOption(value)
  }

  async function mailTo(address: string, test: (m: ParsedMail) => boolean): Promise<ParsedMail> {
    const deadline = Date.now() + 30_000
    for (;;) {
      const mail = smtp.received.find(
        (m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address && test(m),
      )
      if (mail) return mail
      if (Date.now() > deadline) throw new Error(`no mail to ${address} within 30 s`)
      await new Promise((done) => setTimeout(done, 200))
    }
  }

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(SHOTS, { recursive: true })
    smtp = await startSmtpServer()
    server = await startBuiltServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } })
    browser = await launchChromium(browserSetup.executablePath)
    organizer = await openPage(browser, contexts, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const { page } = organizer
    await page.goto(`${server.origin}/login?lng=zh`)
    await audit(page, 'login')
    await signInAsOrganizer(page, server.origin, server.adminEmail, server.adminPassword)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    await smtp?.close()
  })

  it('1. the organizer creates an event with a forum and a signing on its run of show', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/new`)
    await page.getByLabel('网址标识（slug）', { exact: true }).fill(SLUG)
    await fill3(page, '标题', { zh: '2027 日企烟台行', en: '2027 Japan Business Tour', ja: '2027 日本企業煙台ツアー' })
    await page.getByLabel('开始日期', { exact: true }).fill(DAY)
    await page.getByLabel('结束日期', { exact: true }).fill(DAY)
    await page.getByLabel('报名开始时间', { exact: true }).fill(`${addDays(DAY, -40)}T09:00`)
    await page.getByLabel('报名截止时间', { exact: true }).fill(`${addDays(DAY, -1)}T18:00`)
    await audit(page, 'event form')
    await page.getByRole('button', { name: '创建活动', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${SLUG}`)

    await page.getByRole('link', { name: '添加议程', exact: true }).first().click()
    await page.getByLabel('类型', { exact: true }).selectOption('forum')
    await fill3(page, '标题', FORUM)
    await fill3(page, '会场', { zh: '一号会议厅', en: 'Hall 1', ja: '第1会議ホール' })
    await page.getByLabel('日期', { exact: true }).fill(DAY)
    await page.getByLabel('开始时间', { exact: true }).fill('10:00')
    await page.getByLabel('结束时间', { exact: true }).fill('11:30')
    await page.getByLabel('参会者须报名参加此议程', { exact: true }).check()
    await audit(page, 'session form')
    await page.getByRole('button', { name: '添加议程', exact: true }).click()
    await page.waitForURL(/\/sessions\/[^/]+\?saved=1$/)
    forumUrl = page.url().replace(/\?saved=1$/, '')

    await page.getByRole('link', { name: '仪式流程', exact: true }).click()
    await page.waitForURL(`${forumUrl}/run-of-show`)
    await page.getByLabel('类型', { exact: true }).selectOption('signing')
    await fill3(page, '标题', SIGNING)
    await page.getByLabel('时长（分钟）', { exact: true }).fill('15')
    await page.getByRole('button', { name: '添加环节', exact: true }).click()
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/)
    await choose(page, '#organization_id', '烟台市人民政府')
    await page.getByRole('button', { name: '添加', exact: true }).click()
    await page.locator('.plan-party').first().waitFor()
    await audit(page, 'segment')

    await page.goto(`${server.origin}/events/${SLUG}`)
    await page.getByRole('button', { name: '发布', exact: true }).click()
    await page.getByRole('link', { name: '打开公开页面', exact: true }).waitFor()
    await audit(page, 'overview')
    await shot(page, '1-event-created-zh')
    expect(errors).toEqual([])
  })

  it('2. the organizer imports the delegate and invites her', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${SLUG}/invitations`)
    await page.getByRole('link', { name: '导入名单并邀请', exact: true }).click()
    await page.waitForURL(/\/people\/import\?event=/)
    const csv = [
      'organization,family_name,given_name,latin_name,kana,title,email,preferred_language',
      `${ORG},高橋,美咲,${MISAKI.latin},たかはし みさき,部長,${MISAKI.email},ja`,
    ].join('\r\n')
    await page.getByLabel('文件', { exact: true }).setInputFiles({
      name: 'delegates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8'),
    })
    await page.getByRole('button', { name: '预览', exact: true }).click()
    await audit(page, 'import preview')
    await page.getByRole('button', { name: '保存全部行', exact: true }).click()
    await page.waitForURL(new RegExp(`/events/${SLUG}/invitations\\?`))
    // many at once: the confirmation page says how many and shows the mail, then sends once (issue 19)
    await page.getByRole('link', { name: '发送列表中未发送的邀请…', exact: true }).click()
    await page.waitForURL(/\/invitations\/send\?mode=send/)
    await audit(page, 'bulk send')
    await shot(page, '2-bulk-send-zh')
    await page.getByRole('button', { name: '发送 1 封邀请函', exact: true }).click()
    await page.waitForURL(/\/invitations\/batches\//)
    await page.getByRole('status').filter({ hasText: '1' }).first().waitFor()
    await mailTo(MISAKI.email, (m) => /ご招待/.test(m.subject ?? ''))
    await audit(page, 'invitations')
    await shot(page, '2-invited-zh')
    expect(errors).toEqual([])
  })

  it('3. the delegate registers from her mail on a phone, in Japanese, and gets her QR', async () => {
    const mail = await mailTo(MISAKI.email, (m) => /ご招待/.test(m.subject ?? ''))
    const link = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0]
    if (!link) throw new Error('no link in the invitation')
    const { page, errors } = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
    })
    await page.goto(link)
    await page.waitForURL(`${server.origin}/e/${SLUG}/register`)
    await audit(page, 'registration form (ja, phone)')
    await page.getByLabel(FORUM.ja, { exact: false }).check()
    await page.getByLabel('上記のとおり個人情報を取り扱うことに同意します。', { exact: true }).check()
    await page.getByRole('button', { name: '登録する', exact: true }).click()
    await page.waitForURL(`${server.origin}/e/${SLUG}/me?saved=registered`)
    await page.getByRole('img', { name: '参加証のQRコード' }).waitFor()
    await audit(page, 'portal (ja, phone)')
    await shot(page, '3-registered-ja-phone')
    const confirmation = await mailTo(MISAKI.email, (m) => m.attachments.some((a) => a.cid === 'ticket@signet'))
    const qr = confirmation.attachments.find((a) => a.cid === 'ticket@signet')
    const png = PNG.sync.read(qr?.content ?? Buffer.alloc(0))
    ticket = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? ''
    expect(ticket).not.toBe('')
    expect(errors).toEqual([])

    // The organizer puts her on stage: she signs for her company.
    const o = organizer.page
    await o.goto(`${forumUrl}/run-of-show`)
    await o.locator('.plan-segment a').first().click()
    await choose(o, '#organization_id', ORG)
    await choose(o, 'form:has(#organization_id) #person_id', '高橋')
    await o.getByRole('button', { name: '添加', exact: true }).click()
    await o.locator('.plan-party').nth(1).waitFor()
  })

  it('4–5. door staff enroll a phone; its camera admits her at the forum door, and the organizer’s pages follow live', async () => {
    const o = organizer.page
    await o.goto(`${server.origin}/events/${SLUG}/devices`)
    await o.getByLabel('名称', { exact: true }).fill('论坛入口')
    await o.getByRole('button', { name: '创建设备', exact: true }).click()
    const qr = o.locator('.enrollment-qr')
    await qr.waitFor()
    const png = PNG.sync.read(await qr.screenshot())
    const enrollUrl = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? ''
    expect(enrollUrl).toContain('/scan/enroll#')
    await audit(o, 'devices')
    await shot(o, '4-device-zh')

    // The organizer watches attendance and the readiness board (a second tab).
    await o.goto(`${forumUrl.replace(/\/sessions\/.*/, '')}/attendance`)
    await o.locator('[data-live="true"]').waitFor()
    await audit(o, 'attendance')
    const board = await organizer.page.context().newPage()
    await board.goto(`${forumUrl}/readiness?lng=zh`)
    await board.locator('[data-live="true"]').waitFor()
    await audit(board, 'readiness')
    const misakiChip = board.locator('.ready-person', { hasText: '高橋' })
    await expect(misakiChip.getAttribute('data-arrived')).resolves.toBe('false')

    // The forum is in the future: its door takes scans once it is under way.
    const writer = createDatabase(parseDatabaseUrl(server.databaseFile))
    try {
      await openDoorsNow(writer, forumUrl.replace(/.*\/sessions\//, '').replace(/[/?].*/, ''))
    } finally {
      await writer.destroy()
    }
    const video = join(mkdtempSync(join(tmpdir(), 'signet-journey-')), 'ticket.y4m')
    writeQrVideo(video, ticket)
    const camera = await launchChromium(browserSetup.executablePath, {
      args: [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    try {
      const phone = await openPage(camera, contexts, {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      })
      await phone.page.goto(enrollUrl.replace('/scan/enroll', '/scan/enroll?lng=zh'))
      await phone.page.getByRole('button', { name: '登记此手机', exact: true }).click()
      await phone.page.waitForURL(`${server.origin}/scan`)
      // The event has one session: the door opens on it by itself.
      await phone.page.getByText(FORUM.zh).first().waitFor()
      await audit(phone.page, 'scanner')
      await phone.page.getByRole('button', { name: '使用摄像头', exact: true }).click()
      const green = phone.page.locator('.verdict-ok')
      await green.waitFor({ timeout: 15_000 })
      await expect(green.textContent()).resolves.toContain(MISAKI.latin)
      await shot(phone.page, '5-scanned-green-zh-phone')
      expect(phone.errors).toEqual([])
    } finally {
      await camera.close()
    }
    // Both organizer pages follow, live, without a reload.
    await board.locator('.ready-person[data-arrived="true"]', { hasText: '高橋' }).waitFor({ timeout: 15_000 })
    await o.locator('[data-checked-in="1"]').first().waitFor({ timeout: 15_000 })
    await shot(board, '5-readiness-zh')
    await shot(o, '5-attendance-zh')
    expect(organizer.errors).toEqual([])
  })

  it('6. the run of show prints', async () => {
    const o = organizer.page
    await o.goto(`${forumUrl}/run-of-show/print?lng=zh&second=ja`)
    await o.getByText(SIGNING.zh).first().waitFor()
    await audit(o, 'print')
    const pdf = await o.pdf({ format: 'A4', printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await shot(o, '6-print-zh-ja')
    expect(accessibility).toEqual([])
  })
})
