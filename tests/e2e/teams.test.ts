/**
 * End to end, issue 15: a bureau works as a team. In Chromium, against the built server with a
 * real SMTP server: the admin invites a colleague, who sets her own password from the link in
 * her mail, signs in and sees only the event she was given; as its organizer she adds door staff,
 * who set their password on a phone and land on the scanner; and a department head invited as a
 * viewer reads attendance while every page that writes is refused. Tests run in order.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/teams.test.ts`.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ParsedMail } from 'mailparser'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/mail'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOTS = join(ROOT, 'test-results/e2e')
const DEMO_SLUG = 'yantai-japan-2024'
const OTHER_SLUG = 'yantai-japan-2027'
const COLLEAGUE = 'li.na@bureau.example.cn'
const DOOR = 'zhao.gang@bureau.example.cn'
const HEAD = 'department.head@bureau.example.cn'
const PASSWORDS = {
  [COLLEAGUE]: '黄海之滨 lanterns 2024',
  [DOOR]: 'north gate scanner 88',
  [HEAD]: 'quiet observer of the forum',
}

/** Page errors, less the console's note of each 403/404/410 this suite opens on purpose. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: .* (403|404|410)/.test(e))

/** The mail to `to`, once the SMTP server has it (the outbox worker sends within seconds). */
const mailTo = (smtp: TestSmtpServer, to: string) => smtp.waitFor((m) => recipientOf(m) === to)

function linkIn(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/password\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0]
  if (!link) throw new Error(`no set-password link in:\n${mail.text}`)
  return link
}

/** Sets the password from the mail's link, then signs in on the page it leads to (Chinese). */
async function setPasswordAndSignIn(page: Page, link: string, email: string): Promise<void> {
  const password = PASSWORDS[email as keyof typeof PASSWORDS]
  await page.goto(`${link}?lng=zh`)
  await page.getByRole('heading', { name: '设置密码', level: 1 }).waitFor()
  await page.getByLabel('新密码', { exact: true }).fill(password)
  await page.getByLabel('再次输入新密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '保存密码', exact: true }).click()
  await page.waitForURL(/\/login\?reason=password_set/)
  await page.getByText('密码已设置。请登录以继续。').waitFor()
  await expect(page.getByLabel('电子邮箱', { exact: true }).inputValue()).resolves.toBe(email)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('a bureau works as a team, in a real browser with a real mail server', () => {
  let smtp: TestSmtpServer
  let server: BuiltServer
  let browser: Browser
  let admin: { page: Page; errors: string[] }
  let colleague: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(SCREENSHOTS, { recursive: true })
    smtp = await startSmtpServer()
    server = await startBuiltServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } })
    browser = await launchChromium(browserSetup.executablePath)
    admin = await openPage(browser, contexts, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const { page } = admin
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
    await smtp?.close()
  })

  it('the admin invites a colleague and gives her the demo event, not the other one', async () => {
    const { page, errors } = admin
    // A second event she is not given.
    await page.goto(`${server.origin}/events/${DEMO_SLUG}`)
    await page.getByLabel('新活动的网址标识', { exact: true }).fill(OTHER_SLUG)
    await page.getByLabel('新活动的开始日期', { exact: true }).fill('2027-06-01')
    await page.getByRole('button', { name: '复制活动', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${OTHER_SLUG}`)

    await page.getByRole('link', { name: '用户', exact: true }).click()
    await page.waitForURL(`${server.origin}/admin/users`)
    const invite = page.locator('main form').filter({ hasText: '邀请同事' })
    await invite.getByLabel('电子邮箱', { exact: true }).fill(COLLEAGUE)
    await invite.getByLabel('姓名', { exact: true }).fill('李娜')
    await invite.getByLabel('语言', { exact: true }).selectOption('zh')
    await invite.getByRole('button', { name: '发送邀请', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `已向 ${COLLEAGUE} 发送邀请。` })
      .waitFor()
    await expect(page.locator(`tr[data-account="${COLLEAGUE}"] td[data-status]`).textContent()).resolves.toBe(
      '已邀请，尚未设置密码',
    )
    await page.screenshot({ path: join(SCREENSHOTS, 'teams-0-users-zh.png'), fullPage: true })

    await page.goto(`${server.origin}/events/${DEMO_SLUG}`)
    await page.getByRole('link', { name: '团队', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${DEMO_SLUG}/team`)
    await page.getByLabel('电子邮箱', { exact: true }).fill(COLLEAGUE)
    await page.getByLabel('角色', { exact: true }).selectOption('organizer')
    await page.getByRole('button', { name: '加入团队', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `已将 ${COLLEAGUE} 添加为组织者。` })
      .waitFor()
    // The permission table says what a check-in role may do, from the table the code checks.
    await expect(page.locator('tr[data-capability="checkin.scan"] td[data-allowed="true"]').count()).resolves.toBe(2)
    await page.screenshot({ path: join(SCREENSHOTS, 'teams-1-team-zh.png'), fullPage: true })
    expect(errors).toEqual([])
  })

  it('the colleague sets her own password from the mail, signs in and sees only her event', async () => {
    const mail = await mailTo(smtp, COLLEAGUE)
    expect(mail.subject).toBe('邀请您使用 Signet')
    expect(mail.text).toContain('李娜')
    colleague = await openPage(browser, contexts, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const { page, errors } = colleague
    await setPasswordAndSignIn(page, linkIn(mail), COLLEAGUE)
    await page.waitForURL(`${server.origin}/events`)
    // The list is there once its link to her event is (a busy machine renders it later than the URL changes).
    await page.locator(`a[href="/events/${DEMO_SLUG}"]`).first().waitFor()
    await expect(page.locator(`a[href="/events/${OTHER_SLUG}"]`).count()).resolves.toBe(0)
    const other = await page.goto(`${server.origin}/events/${OTHER_SLUG}`)
    expect(other?.status()).toBe(404)
    // The link is spent.
    await page.goto(linkIn(mail))
    await page.getByText('此链接已被使用', { exact: false }).waitFor()
    // Unknown events and admin pages stay closed to her.
    const users = await page.goto(`${server.origin}/admin/users`)
    expect(users?.status()).toBe(403)
    // Her own account: where she is signed in.
    await page.goto(`${server.origin}/account`)
    await expect(page.locator('tr[data-current] .badge').textContent()).resolves.toBe('当前浏览器')
    await page.screenshot({ path: join(SCREENSHOTS, 'teams-4-account-zh.png'), fullPage: true })
    expect(unexpected(errors)).toEqual([])
  })

  it('as organizer she adds door staff, who set a password on a phone and land on the scanner', async () => {
    const { page, errors } = colleague
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/team`)
    await page.getByLabel('电子邮箱', { exact: true }).fill(DOOR)
    await page.getByLabel('角色', { exact: true }).selectOption('checkin')
    await page.getByLabel('姓名（用于新账号）', { exact: true }).fill('赵刚')
    await page.getByRole('button', { name: '加入团队', exact: true }).click()
    await page.getByRole('status').filter({ hasText: '已发送设置密码的邀请邮件' }).waitFor()
    expect(unexpected(errors)).toEqual([])

    const mail = await mailTo(smtp, DOOR)
    expect(mail.subject).toContain('团队')
    expect(mail.text).toContain('签到人员')
    const phone = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    await setPasswordAndSignIn(phone.page, linkIn(mail), DOOR)
    await phone.page.waitForURL(`${server.origin}/scan?event=${DEMO_SLUG}`)
    await phone.page.locator('.scan-session').first().waitFor()
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'teams-2-door-staff-scanner.png') })
    // Not an organizer page: the event's own pages are closed to door staff.
    const overview = await phone.page.goto(`${server.origin}/events/${DEMO_SLUG}`)
    expect(overview?.status()).toBe(403)
    // Their list of events leads to each one's scanner, with their role named.
    await phone.page.goto(`${server.origin}/events`)
    await expect(phone.page.locator('.event-card .badge').filter({ hasText: '签到人员' }).count()).resolves.toBe(1)
    await phone.page.getByRole('link', { name: '打开扫码页面', exact: true }).click()
    await phone.page.waitForURL(`${server.origin}/scan?event=${DEMO_SLUG}`)
    await phone.page.locator('.scan-session').first().waitFor()
  })

  it('a viewer reads attendance, and every page that writes is refused', async () => {
    const { page } = colleague
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/team`)
    await page.getByLabel('电子邮箱', { exact: true }).fill(HEAD)
    await page.getByLabel('角色', { exact: true }).selectOption('viewer')
    await page.getByRole('button', { name: '加入团队', exact: true }).click()
    await page.getByRole('status').filter({ hasText: HEAD }).waitFor()

    const viewer = await openPage(browser, contexts, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await setPasswordAndSignIn(viewer.page, linkIn(await mailTo(smtp, HEAD)), HEAD)
    await viewer.page.waitForURL(`${server.origin}/events`)
    const attendance = await viewer.page.goto(`${server.origin}/events/${DEMO_SLUG}/attendance`)
    expect(attendance?.status()).toBe(200)
    await viewer.page.getByRole('heading', { level: 1 }).waitFor()
    await viewer.page.screenshot({ path: join(SCREENSHOTS, 'teams-3-viewer-attendance.png'), fullPage: true })
    // The overview offers no change …
    await viewer.page.goto(`${server.origin}/events/${DEMO_SLUG}`)
    await expect(viewer.page.getByRole('link', { name: '编辑活动', exact: true }).count()).resolves.toBe(0)
    await expect(viewer.page.getByRole('link', { name: '团队', exact: true }).count()).resolves.toBe(0)
    // … and the pages that change anything answer 403, forms and all.
    for (const path of ['edit', 'team', 'devices', 'invitations/new', 'sessions/new', 'badges']) {
      const response = await viewer.page.goto(`${server.origin}/events/${DEMO_SLUG}/${path}`)
      expect(`${path} → ${response?.status()}`).toBe(`${path} → 403`)
    }
    // A write sent anyway, from the page with its cookie and origin, is refused and changes nothing.
    const refused = await viewer.page.evaluate(async (slug) => {
      const response = await fetch(`/events/${slug}`, {
        method: 'POST',
        body: new URLSearchParams({ intent: 'unpublish' }),
      })
      return response.status
    }, DEMO_SLUG)
    expect(refused).toBe(403)
    expect(unexpected(viewer.errors)).toEqual([])
  })
})
