/**
 * End to end, issue 16: a delegate imported with a Latin name only (John Smith, English)
 * registers from the link in his mail on a phone and is greeted and shown as John Smith; the
 * forum is full, so he waits, and so does a Japanese delegate after him; the organizer raises the
 * capacity by one, and John, first in line, gets the seat and the mail saying so; then the
 * organizer gives the Japanese delegate a seat by hand, after a confirmation that says the forum
 * is full, and she gets her mail too. A real SMTP server, the built server, Debian's Chromium.
 * Tests run in order and share the state.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/seats-and-names.test.ts`.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/mail'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOTS = join(ROOT, 'test-results/e2e')
const DEMO_SLUG = 'yantai-japan-2024'
const FORUM_EN = '2024 China-Japan Hydrogen Energy Industry Cooperation Forum'
const FORUM_JA = '2024日中水素エネルギー産業協力交流会'
const FORUM_ZH = '2024中日氢能源产业合作交流会'
const JOHN = { email: 'john.smith@seats.example.com' }
const HANAKO = { email: 'hanako.suzuki@seats.example.jp' }

function delegatesCsv(): Buffer {
  const rows = [
    'organization,family_name,given_name,latin_name,kana,title,email,preferred_language',
    '"Smith & Partners","","","John Smith","","Director","john.smith@seats.example.com","en"',
    '"株式会社スズキ","鈴木","花子","SUZUKI Hanako","すずき はなこ","部長","hanako.suzuki@seats.example.jp","ja"',
  ]
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8')
}

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('seats and names, in a real browser with a real mail server', () => {
  let smtp: TestSmtpServer
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []
  let forumId = ''
  let seated = 0

  /** Reads the server's database (read only) while it runs. */
  function query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      return db.prepare(sql).all(...params) as T[]
    } finally {
      db.close()
    }
  }

  const seatOf = (email: string) =>
    query<{ status: string }>(
      `select rs.status from registration_sessions rs join registrations r on r.id = rs.registration_id
       where r.email = ? and rs.session_id = ?`,
      email,
      forumId,
    )[0]?.status

  async function setCapacity(capacity: number) {
    const { page } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/sessions/${forumId}/edit`)
    await page.getByLabel('容量（座位数）', { exact: true }).fill(String(capacity))
    await page.getByRole('button', { name: '保存议程', exact: true }).click()
    await page.waitForURL(new RegExp(`/events/${DEMO_SLUG}/sessions/${forumId}\\?saved=`))
  }

  /** The delegate follows the link in their invitation on a phone and registers for the forum. */
  async function registerFromMail(email: string, locale: string, fill: (page: Page) => Promise<void>) {
    const mail = await smtp.waitFor((m) => recipientOf(m) === email)
    const link = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0]
    if (!link) throw new Error(`no invitation link in:\n${mail.text}`)
    const delegate = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale,
    })
    await delegate.page.goto(link)
    await delegate.page.waitForURL(`${server.origin}/e/${DEMO_SLUG}/register`)
    await fill(delegate.page)
    await delegate.page.waitForURL(new RegExp(`/e/${DEMO_SLUG}/me\\?saved=registered`)).catch(async (error) => {
      await delegate.page.screenshot({ path: join(SCREENSHOTS, `seats-failed-${email}.png`), fullPage: true })
      throw error
    })
    return delegate
  }

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(SCREENSHOTS, { recursive: true })
    smtp = await startSmtpServer()
    server = await startBuiltServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } })
    browser = await launchChromium(browserSetup.executablePath)
    organizer = await openPage(browser, contexts, { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
    const { page } = organizer
    await page.goto(`${server.origin}/login?lng=zh`)
    await page.getByLabel('电子邮箱', { exact: true }).fill(server.adminEmail)
    await page.getByLabel('密码', { exact: true }).fill(server.adminPassword)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(`${server.origin}/events`)
    forumId =
      query<{ id: string }>(`select id from sessions where title_ja = ?`, FORUM_JA)[0]?.id ??
      (() => {
        throw new Error('the demo forum is missing')
      })()
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    await smtp?.close()
  })

  it('imports and invites John Smith (Latin name only) and a Japanese delegate; the forum is made full', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/invitations`)
    await page.getByRole('link', { name: '导入名单并邀请', exact: true }).click()
    await page.getByLabel('文件', { exact: true }).setInputFiles({
      name: 'delegates.csv',
      mimeType: 'text/csv',
      buffer: delegatesCsv(),
    })
    await page.getByRole('button', { name: '预览', exact: true }).click()
    await page.getByRole('button', { name: '保存全部行', exact: true }).click()
    await page.waitForURL(new RegExp(`/events/${DEMO_SLUG}/invitations\\?`))
    // many at once: the confirmation page says how many and shows the mail, then sends once (issue 19)
    await page.getByRole('link', { name: '发送列表中未发送的邀请…', exact: true }).click()
    await page.waitForURL(/\/invitations\/send\?mode=send/)
    await page.getByRole('button', { name: '发送 2 封邀请函', exact: true }).click()
    await page.waitForURL(/\/invitations\/batches\//)
    await smtp.waitFor((m) => recipientOf(m) === JOHN.email)
    await smtp.waitFor((m) => recipientOf(m) === HANAKO.email)

    seated = query<{ n: number }>(
      `select count(*) as n from registration_sessions rs join registrations r on r.id = rs.registration_id
       where rs.session_id = ? and rs.status = 'confirmed' and r.status = 'confirmed'`,
      forumId,
    )[0]?.n as number
    await setCapacity(seated)
    expect(errors).toEqual([])
  })

  it('lets John Smith register on a phone in English, greeted by his name, and wait for a seat', async () => {
    const { page, errors } = await registerFromMail(JOHN.email, 'en-US', async (page) => {
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en')
      await expect(page.getByLabel('Name in Latin letters', { exact: true }).first().inputValue()).resolves.toBe(
        'John Smith',
      )
      // No kana, and no native-script name demanded of him.
      await expect(page.locator('input[name="kana"]').count()).resolves.toBe(0)
      await expect(page.locator('input[name="family_name"][required]').count()).resolves.toBe(0)
      await page.getByLabel('Mobile phone', { exact: true }).fill('+44 7700 900123')
      await page.getByLabel(FORUM_EN, { exact: false }).check()
      await page
        .getByLabel('I agree to the processing of my personal data as described above.', { exact: true })
        .check()
      await page.screenshot({ path: join(SCREENSHOTS, 'seats-1-john-register-phone.png'), fullPage: true })
      await page.getByRole('button', { name: 'Register', exact: true }).click()
    })
    await page.getByText('John Smith', { exact: true }).first().waitFor()
    await expect(page.getByText('SmithJohn').count()).resolves.toBe(0)
    await page.getByText('On the waiting list', { exact: false }).first().waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'seats-2-john-portal-phone.png'), fullPage: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    expect(seatOf(JOHN.email)).toBe('waitlisted')

    const confirmation = await smtp.waitFor((m) => recipientOf(m) === JOHN.email && /Dear/.test(m.text ?? ''))
    expect(confirmation.text).toContain('Dear John Smith,')
    expect(confirmation.text).not.toMatch(/SMITH John|SmithJohn/)
    expect(errors).toEqual([])
  })

  it('puts the Japanese delegate who registers next behind him in the queue', async () => {
    const { errors } = await registerFromMail(HANAKO.email, 'ja-JP', async (page) => {
      await page.getByLabel('携帯電話', { exact: true }).fill('+81 90-2345-6789')
      await page.getByLabel(FORUM_JA, { exact: false }).check()
      await page.getByLabel('上記のとおり個人情報を取り扱うことに同意します。', { exact: true }).check()
      await page.getByRole('button', { name: '登録する', exact: true }).click()
    })
    expect(seatOf(HANAKO.email)).toBe('waitlisted')
    await smtp.waitFor((m) => recipientOf(m) === HANAKO.email && /ご登録/.test(m.subject ?? ''))
    expect(errors).toEqual([])
  })

  it('a capacity raised by one gives the seat to John, first in line, who receives the mail', async () => {
    const before = smtp.received.length
    await setCapacity(seated + 1)
    const mail = await smtp.waitFor(
      (m) => recipientOf(m) === JOHN.email && /A place is confirmed for you/.test(m.subject ?? ''),
    )
    expect(mail.text).toContain('Dear John Smith,')
    expect(mail.text).toContain(FORUM_EN)
    expect(seatOf(JOHN.email)).toBe('confirmed')
    expect(seatOf(HANAKO.email)).toBe('waitlisted')
    // Nobody else was told anything: she is still waiting.
    expect(smtp.received.slice(before).map(recipientOf)).toEqual([JOHN.email])
    expect(organizer.errors).toEqual([])
  })

  it('the organizer gives the Japanese delegate a seat by hand, told first that the forum is full', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/registrations?q=${encodeURIComponent(HANAKO.email)}`)
    const row = page.locator('tr', { hasText: HANAKO.email })
    await row.getByRole('link', { name: `为鈴木花子安排${FORUM_ZH}的座位`, exact: true }).click()
    await page.getByRole('heading', { name: /鈴木花子/ }).waitFor()
    await page.getByText(`已占 ${seated + 1} / ${seated + 1} 个座位`, { exact: false }).waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'seats-3-promote-confirm-zh.png'), fullPage: true })
    await page.getByRole('button', { name: '安排座位', exact: true }).click()
    await page.getByText('已为鈴木花子安排座位', { exact: false }).waitFor()
    expect(seatOf(HANAKO.email)).toBe('confirmed')
    const mail = await smtp.waitFor((m) => recipientOf(m) === HANAKO.email && /お席のご用意/.test(m.subject ?? ''))
    expect(mail.text).toContain(FORUM_JA)
    const audit = query<{ n: number }>(`select count(*) as n from audit_log where action = 'registration.promote'`)
    expect(audit[0]?.n).toBe(1)
    expect(errors).toEqual([])
  })
})
