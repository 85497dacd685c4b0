/**
 * End to end, issue 4: a Chinese organizer imports five delegates into the demo event and sends
 * their invitations; a real SMTP server started here receives them; a Japanese delegate follows
 * the link in her mail on a phone, registers in Japanese, and gets the confirmation mail whose
 * inline QR code decodes (jsQR) to the ticket stored for her registration and whose .ics parses
 * (ical.js). Everything runs against the built server started as users start it, with
 * SMTP_URL pointing at the test's server. Tests run in order and share the mails received.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/registration-journey.test.ts`.
 */
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import ICAL from 'ical.js'
import jsQR from 'jsqr'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { recipientOf, startSmtpServer, type TestSmtpServer } from '../helpers/mail'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOTS = join(ROOT, 'test-results/e2e')
const DEMO_SLUG = 'yantai-japan-2024'
const FORUM_JA = '2024日中水素エネルギー産業協力交流会'

/** Five delegates as an organizer's spreadsheet has them: three Japanese, one Chinese, one English. */
const DELEGATES = [
  {
    family: '高橋',
    given: '美咲',
    latin: 'TAKAHASHI Misaki',
    kana: 'たかはし みさき',
    email: 'misaki.takahashi@journey.example.jp',
    lng: 'ja',
  },
  {
    family: '伊藤',
    given: '大輔',
    latin: 'ITO Daisuke',
    kana: 'いとう だいすけ',
    email: 'daisuke.ito@journey.example.jp',
    lng: 'ja',
  },
  {
    family: '渡辺',
    given: '陽子',
    latin: 'WATANABE Yoko',
    kana: 'わたなべ ようこ',
    email: 'yoko.watanabe@journey.example.jp',
    lng: 'ja',
  },
  { family: '王', given: '磊', latin: 'WANG Lei', kana: '', email: 'wang.lei@journey.example.cn', lng: 'zh' },
  { family: '', given: '', latin: 'Emma BROWN', kana: '', email: 'emma.brown@journey.example.com', lng: 'en' },
] as const
const MISAKI = DELEGATES[0]

function delegatesCsv(): Buffer {
  const rows = [
    'organization,family_name,given_name,latin_name,kana,title,email,preferred_language',
    ...DELEGATES.map((d) =>
      [
        d.lng === 'ja' ? '株式会社ジャーニー' : 'Journey Ltd.',
        d.family,
        d.given,
        d.latin,
        d.kana,
        '部長',
        d.email,
        d.lng,
      ]
        .map((cell) => `"${cell}"`)
        .join(','),
    ),
  ]
  // What Excel saves as "CSV UTF-8": a BOM and CRLF.
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8')
}

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('invitation to confirmation, in a real browser with a real mail server', () => {
  let smtp: TestSmtpServer
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(SCREENSHOTS, { recursive: true })
    smtp = await startSmtpServer()
    server = await startBuiltServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } })
    browser = await launchChromium(browserSetup.executablePath)
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
    await smtp?.close()
  })

  it('imports a CSV of five delegates into the event, inviting them in the same step', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/invitations`)
    await page.getByRole('link', { name: '导入名单并邀请', exact: true }).click()
    await page.waitForURL(/\/people\/import\?event=/)
    await expect(page.getByLabel('同时邀请参加活动', { exact: true }).inputValue()).resolves.toBe(DEMO_SLUG)
    await page.getByLabel('文件', { exact: true }).setInputFiles({
      name: '日本代表团.csv',
      mimeType: 'text/csv',
      buffer: delegatesCsv(),
    })
    await page.getByRole('button', { name: '预览', exact: true }).click()
    await page.getByRole('button', { name: '保存全部行', exact: true }).click()
    // Saved with their invitations: the organizer lands on the event's invitations.
    await page.waitForURL(new RegExp(`/events/${DEMO_SLUG}/invitations\\?`))
    await page.screenshot({ path: join(SCREENSHOTS, 'journey-1-imported-zh.png'), fullPage: true })
    expect(errors).toEqual([])

    await page.goto(`${server.origin}/events/${DEMO_SLUG}/invitations?status=draft`)
    for (const d of DELEGATES) await expect(page.getByText(d.email).count()).resolves.toBe(1)
  })

  it('sends the five invitations, and the mail server receives each once, in the invitee’s language', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/invitations`)
    // many at once: the confirmation page says how many and shows the mail, then sends once (issue 19)
    await page.getByRole('link', { name: '发送列表中未发送的邀请…', exact: true }).click()
    await page.waitForURL(/\/invitations\/send\?mode=send/)
    await page.getByRole('button', { name: '发送 5 封邀请函', exact: true }).click()
    await page.waitForURL(/\/invitations\/batches\//)
    await page.getByRole('status').filter({ hasText: '5' }).first().waitFor()

    for (const d of DELEGATES) {
      await smtp.waitFor((m) => recipientOf(m) === d.email)
    }
    const invitations = smtp.received.filter((m) => DELEGATES.some((d) => d.email === recipientOf(m)))
    expect(invitations).toHaveLength(5)
    const subjectOf = (email: string) => invitations.find((m) => recipientOf(m) === email)?.subject ?? ''
    expect(subjectOf(MISAKI.email)).toMatch(/ご招待/)
    expect(subjectOf('wang.lei@journey.example.cn')).toMatch(/邀请/)
    expect(subjectOf('emma.brown@journey.example.com')).toMatch(/Invitation/i)
    const misaki = invitations.find((m) => recipientOf(m) === MISAKI.email)
    expect(misaki?.text).toMatch(/高橋 ?美咲 様/)

    // The page follows the queue until it is empty.
    await page.getByText('本次发送的邮件已全部处理', { exact: false }).waitFor({ timeout: 20_000 })
    expect(errors).toEqual([])
  })

  it('lets the Japanese delegate register from the link in her mail, on a phone, in Japanese', async () => {
    const mail = await smtp.waitFor((m) => recipientOf(m) === MISAKI.email)
    const link = /https?:\/\/\S+\/i\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0]
    if (!link) throw new Error(`no invitation link in:\n${mail.text}`)
    expect(link.startsWith(server.origin)).toBe(true)

    const delegate = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
    })
    const { page, errors } = delegate
    await page.goto(link)
    // The token is exchanged for a cookie and leaves the address bar.
    await page.waitForURL(`${server.origin}/e/${DEMO_SLUG}/register`)
    expect(page.url()).not.toContain('/i/')
    await page.getByRole('heading', { level: 1 }).waitFor()
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja')

    // Prefilled from the import, in her language; a switcher offers the others.
    await expect(page.getByLabel('姓', { exact: true }).inputValue()).resolves.toBe('高橋')
    await expect(page.getByLabel('ふりがな', { exact: true }).inputValue()).resolves.toBe('たかはし みさき')
    await expect(page.getByLabel('ローマ字氏名', { exact: true }).inputValue()).resolves.toBe('TAKAHASHI Misaki')
    await expect(page.getByLabel('メールアドレス', { exact: true }).inputValue()).resolves.toBe(MISAKI.email)
    await expect(page.getByRole('link', { name: 'English' }).count()).resolves.toBeGreaterThan(0)

    // Nothing sticks out of a phone screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)

    await page.getByLabel('携帯電話', { exact: true }).fill('+81 90-2345-6789')
    await page.getByLabel('お食事の制限', { exact: true }).selectOption('vegetarian')
    await page.getByLabel(FORUM_JA, { exact: false }).check()
    await page.getByLabel('上記のとおり個人情報を取り扱うことに同意します。', { exact: true }).check()
    await page.screenshot({ path: join(SCREENSHOTS, 'journey-2-register-ja-phone.png'), fullPage: true })
    await page.getByRole('button', { name: '登録する', exact: true }).click()

    await page.waitForURL(`${server.origin}/e/${DEMO_SLUG}/me?saved=registered`)
    await page.getByText('ご登録ありがとうございます。', { exact: false }).waitFor()
    await page.getByRole('img', { name: '参加証のQRコード' }).waitFor()
    await expect(page.getByText(FORUM_JA).count()).resolves.toBeGreaterThan(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'journey-3-portal-ja-phone.png'), fullPage: true })
    expect(errors).toEqual([])
  })

  it('sends the confirmation: its inline QR decodes to the stored ticket and its .ics parses', async () => {
    const confirmation = await smtp.waitFor(
      (m) => recipientOf(m) === MISAKI.email && m.attachments.some((a) => a.cid === 'ticket@signet'),
    )
    expect(confirmation.subject).toMatch(/ご登録/)
    expect(confirmation.html).toContain('src="cid:ticket@signet"')

    const qr = confirmation.attachments.find((a) => a.cid === 'ticket@signet')
    expect(qr?.contentType).toBe('image/png')
    const png = PNG.sync.read(qr?.content ?? Buffer.alloc(0))
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
    if (!code) throw new Error('the QR code in the confirmation does not decode')

    // The database keeps only the ticket's hash: the decoded code must hash to it.
    const sqlite = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      const stored = sqlite
        .prepare(
          `select r.ticket_hash, r.status from registrations r
           join people p on p.id = r.person_id where p.email = ?`,
        )
        .get(MISAKI.email) as { ticket_hash: string; status: string } | undefined
      expect(stored?.status).toBe('confirmed')
      expect(stored?.ticket_hash).toBe(createHash('sha256').update(code).digest('hex'))
      const raw = sqlite.prepare('select count(*) as n from registrations where ticket_hash = ?').get(code) as {
        n: number
      }
      expect(raw.n).toBe(0)
    } finally {
      sqlite.close()
    }
    // The code is printed under the QR too, for reading out at a door.
    expect(confirmation.text?.replace(/[\s-]/g, '')).toContain(code)

    const ics = confirmation.attachments.find((a) => a.contentType === 'text/calendar')
    const calendar = new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? ''))
    const summaries = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary)
    expect(summaries).toContain(FORUM_JA)
    expect(summaries).toContain('開幕式')
  })
})
