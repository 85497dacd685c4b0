/**
 * End to end, issue 5 (first part): an organizer (zh) creates a check-in device and shows its
 * enrollment QR; a staff phone reads that QR (decoded from the screen with jsQR), enrolls, picks
 * the opening ceremony and checks delegates in with a hardware scanner (the code typed, then
 * Enter): green with the name, amber for a second scan, red for garbage, undo; the count goes up
 * on the phone and, live and without a reload, on the organizer's attendance page;
 * revoking the device stops the phone at its next scan and wipes what it kept.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/checkin.test.ts`.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import jsQR from 'jsqr'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { ticketCode } from '../../app/registration/secrets.server'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { openDoorsNow } from '../helpers/doors'
import { writeQrVideo } from '../helpers/fake-camera'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOTS = join(ROOT, 'test-results/e2e')
const DEMO_SLUG = 'yantai-japan-2024'

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('door check-in in a real browser', () => {
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  let staff: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []
  /** confirmed delegates of the demo event, with the codes printed on their tickets */
  let delegates: { name: string; latin: string; code: string }[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    server = await startBuiltServer()
    // The codes are rebuilt as the mail worker does: from the server's secret (kept in
    // data/session-secret when SESSION_SECRET is unset) and each ticket's nonce.
    const secret = readFileSync(join(ROOT, 'data/session-secret'), 'utf8').trim()
    const sqlite = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      const rows = sqlite
        .prepare(
          `select r.family_name, r.given_name, r.latin_name, r.ticket_nonce from registrations r
           join events e on e.id = r.event_id
           where e.slug = ? and r.status = 'confirmed' and r.ticket_nonce is not null order by r.latin_name`,
        )
        .all(DEMO_SLUG) as { family_name: string; given_name: string; latin_name: string; ticket_nonce: string }[]
      delegates = rows.map((r) => ({
        name: `${r.family_name}${r.given_name}`,
        latin: r.latin_name,
        code: ticketCode(secret, r.ticket_nonce),
      }))
    } finally {
      sqlite.close()
    }
    expect(delegates.length).toBeGreaterThan(2)
    // The demo's opening is a month away: its door takes scans once it is under way (issue 16).
    const writer = createDatabase(parseDatabaseUrl(server.databaseFile))
    try {
      const opening = await writer
        .selectFrom('sessions as s')
        .innerJoin('events as e', 'e.id', 's.event_id')
        .select('s.id')
        .where('e.slug', '=', DEMO_SLUG)
        .where('s.title_zh', '=', '开幕式')
        .executeTakeFirstOrThrow()
      await openDoorsNow(writer, opening.id)
    } finally {
      await writer.destroy()
    }
    browser = await launchChromium(browserSetup.executablePath)
    organizer = await openPage(browser, contexts, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await organizer.page.goto(`${server.origin}/login?lng=zh`)
    await organizer.page.getByLabel('电子邮箱', { exact: true }).fill(server.adminEmail)
    await organizer.page.getByLabel('密码', { exact: true }).fill(server.adminPassword)
    await organizer.page.getByRole('button', { name: '登录', exact: true }).click()
    await organizer.page.waitForURL(`${server.origin}/events`)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  /** A device of the demo event made directly in the database, as fixtures are, its phone already enrolled. */
  async function enrolledDevice(name: string): Promise<{ token: string; deviceId: string }> {
    const db = createDatabase(parseDatabaseUrl(server.databaseFile))
    try {
      const event = await db.selectFrom('events').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
      const created = await createDevice(db, event.id, { name, sessionIds: [] }, { userId: null })
      if (!created.ok) throw new Error(created.reason)
      const enrolled = await enrollDevice(db, created.enrollmentCode)
      if (!enrolled.ok) throw new Error('not enrolled')
      return { token: enrolled.token, deviceId: enrolled.device.id }
    } finally {
      await db.destroy()
    }
  }

  it('creates a device and shows its enrollment QR once; a staff phone enrolls by reading it', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}`)
    await page.getByRole('link', { name: '签到设备', exact: true }).click()
    await page.waitForURL(`${server.origin}/events/${DEMO_SLUG}/devices`)
    await page.getByLabel('名称', { exact: true }).fill('1号厅北门')
    await page.getByRole('button', { name: '创建设备', exact: true }).click()
    await page.getByText('已创建设备“1号厅北门”', { exact: false }).waitFor()
    const qr = page.locator('.enrollment-qr')
    const png = PNG.sync.read(await qr.screenshot())
    const url = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? ''
    expect(url).toMatch(new RegExp(`^${server.origin}/scan/enroll#[A-Za-z0-9_-]{22}$`))
    await page.screenshot({ path: join(SCREENSHOTS, 'checkin-1-device-created-zh.png'), fullPage: true })
    // Shown once: a reload shows the device, not its QR.
    await page.reload()
    await expect(page.locator('.enrollment-qr').count()).resolves.toBe(0)
    await expect(page.locator('[data-state="pending"]').count()).resolves.toBe(1)
    expect(errors).toEqual([])

    staff = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    await staff.page.goto(`${url.replace('/scan/enroll', '/scan/enroll?lng=zh')}`)
    await staff.page.getByRole('button', { name: '登记此手机', exact: true }).click()
    await staff.page.waitForURL(`${server.origin}/scan`)
    await staff.page.getByRole('heading', { name: '哪个入口？请选择议程' }).waitFor()
    await staff.page.getByText('设备：1号厅北门').waitFor()
    // The code left the address bar, and the device token lives only in this browser.
    await expect(staff.page.evaluate(() => localStorage.getItem('signet.checkin.device'))).resolves.toMatch(/token/)
    await page.reload()
    await expect(page.locator('[data-state="enrolled"]').count()).resolves.toBe(1)
  })

  it('checks a delegate in with a hardware scanner: green with the name, then amber, and red for garbage', async () => {
    const { page, errors } = staff
    // The organizer watches the attendance page; it must follow the door without a reload.
    const watcher = organizer.page
    await watcher.goto(`${server.origin}/events/${DEMO_SLUG}/attendance`)
    await watcher.locator('[data-live="true"]').waitFor()
    const openingRow = watcher.locator('tr', { has: watcher.getByRole('link', { name: '开幕式', exact: true }) })
    const shownBefore = Number(await openingRow.locator('[data-checked-in]').getAttribute('data-checked-in'))
    await watcher.evaluate(() => {
      ;(window as unknown as { notReloaded: boolean }).notReloaded = true
    })

    await page.getByRole('button', { name: /开幕式/ }).click()
    const code = page.getByLabel('参会证号码', { exact: true })
    await expect(code.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    const counter = page.locator('.door-count')
    await counter.waitFor()
    const before = Number(await counter.getAttribute('data-checked-in'))

    const first = delegates[0]
    if (!first) throw new Error('no delegate')
    // A USB or Bluetooth scanner types the code into the focused field and presses Enter.
    await page.keyboard.type(first.code)
    await page.keyboard.press('Enter')
    const green = page.locator('.verdict-ok')
    await green.waitFor()
    await expect(green.textContent()).resolves.toContain(first.latin)
    // Full screen: readable at arm's length, nothing of the page around it.
    const box = await green.evaluate((el) => {
      const r = el.getBoundingClientRect()
      return { top: r.top, left: r.left, width: r.width, height: r.height, vw: innerWidth, vh: innerHeight }
    })
    expect(box).toEqual({ top: 0, left: 0, width: box.vw, height: box.vh, vw: box.vw, vh: box.vh })
    await page.screenshot({ path: join(SCREENSHOTS, 'checkin-2-green-zh-phone.png') })
    await expect(counter.getAttribute('data-checked-in')).resolves.toBe(String(before + 1))
    // Within a second, on the organizer's page, without a reload.
    await openingRow.locator(`[data-checked-in="${shownBefore + 1}"]`).waitFor({ timeout: 15_000 })
    await expect(watcher.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(
      true,
    )
    await watcher.screenshot({ path: join(SCREENSHOTS, 'checkin-4-attendance-live-zh.png'), fullPage: true })

    // The next scan replaces the verdict; the same ticket again is amber, with the first time and door.
    await page.keyboard.type(first.code.toLowerCase())
    await page.keyboard.press('Enter')
    const amber = page.locator('.verdict-warn')
    await amber.waitFor()
    await expect(amber.textContent()).resolves.toContain('1号厅北门')

    await page.keyboard.type('https://example.org/not-a-ticket')
    await page.keyboard.press('Enter')
    const red = page.locator('.verdict-error')
    await red.waitFor()
    await expect(red.textContent()).resolves.toContain('无效的二维码')
    await page.screenshot({ path: join(SCREENSHOTS, 'checkin-3-red-zh-phone.png') })
    expect(errors).toEqual([])
  })

  it('undoes the last check-in, checks a delegate in by name, and calls the roll', async () => {
    const { page, errors } = staff
    await page.getByRole('button', { name: '下一位', exact: true }).click()
    const second = delegates[1]
    if (!second) throw new Error('no delegate')
    await page.getByLabel('参会证号码', { exact: true }).fill(second.code)
    await page.keyboard.press('Enter')
    await page.locator('.verdict-ok').waitFor()
    await page.getByRole('button', { name: '下一位', exact: true }).click()
    await page.getByRole('button', { name: '撤销上一次签到', exact: true }).click()
    await page.getByText('已撤销上一次签到。').waitFor()

    await page.getByRole('tab', { name: '按姓名查找' }).click()
    await page.getByLabel('姓名、假名、单位或电子邮箱', { exact: true }).fill(second.latin.split(' ')[0] ?? '')
    await page.getByRole('button', { name: '查找', exact: true }).click()
    await page.locator('.hit-allowed').first().waitFor()
    await expect(page.locator('.scan-hits').textContent()).resolves.toContain(second.latin)
    // No QR at hand: checked in from the search, as the ticket would have been.
    await page.getByRole('button', { name: `为${second.name}签到` }).click()
    await page.locator('.verdict-ok').waitFor()
    await page.getByRole('button', { name: '下一位', exact: true }).click()

    // The roll call: who is here (the first two) and who is still missing (the third).
    await page.getByRole('tab', { name: '点名' }).click()
    await page.locator('[data-roll="boarded"]', { hasText: second.latin }).waitFor()
    await page.locator('[data-roll="missing"]', { hasText: delegates[2]?.latin ?? '?' }).waitFor()
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([])
  })

  it('decides at the door with the network cut, keeps the scan through a reload, and syncs it when back', async () => {
    const { page, errors } = staff
    const context = page.context()
    await page.getByRole('tab', { name: '扫码' }).click()
    // The service worker that reopens the scanner offline is in charge before the network goes.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.reload()
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(true)
    const delegate = delegates[4]
    if (!delegate) throw new Error('no delegate')
    await page.getByLabel('参会证号码', { exact: true }).waitFor()
    // The roster is on the phone before the network goes.
    await page.locator('.door-count').waitFor()

    // The demo starts in 30 days; an offline scan keeps the door's own time only once the session's
    // doors may be open (12 hours before it starts), so the opening moves to this morning.
    const writer = new Database(server.databaseFile, { fileMustExist: true, timeout: 10_000 })
    try {
      const soon = new Date(Date.now() + 60 * 60_000)
      writer
        .prepare(
          `update sessions set starts_at = ?, ends_at = ?
           where title_zh = '开幕式' and event_id = (select id from events where slug = ?)`,
        )
        .run(soon.toISOString(), new Date(soon.getTime() + 45 * 60_000).toISOString(), DEMO_SLUG)
    } finally {
      writer.close()
    }

    await context.setOffline(true)
    await page.getByLabel('参会证号码', { exact: true }).fill(delegate.code)
    await page.keyboard.press('Enter')
    const green = page.locator('.verdict-ok')
    // Decided on the phone (how fast is the check-in bench's measure, docs/benchmarks.md).
    await green.waitFor()
    await expect(green.textContent()).resolves.toContain('本机离线判定')
    await expect(green.textContent()).resolves.toContain(delegate.latin)
    await page.getByRole('button', { name: '下一位', exact: true }).click()
    await expect(page.locator('[data-online]').getAttribute('data-waiting')).resolves.toBe('1')
    await page.screenshot({ path: join(SCREENSHOTS, 'checkin-6-offline-zh-phone.png') })

    // Scanned again while still offline: amber, from the phone's own record.
    await page.getByLabel('参会证号码', { exact: true }).fill(delegate.code)
    await page.keyboard.press('Enter')
    await page.locator('.verdict-warn').waitFor()
    await page.getByRole('button', { name: '下一位', exact: true }).click()

    // A reload with no network: the page comes back, and so does the queue.
    await page.reload()
    await page.locator('[data-waiting="1"]').waitFor()
    await page.getByLabel('参会证号码', { exact: true }).waitFor()

    const backOnline = Date.now()
    await context.setOffline(false)
    await page.locator('[data-waiting="0"]').waitFor({ timeout: 15_000 })
    const sqlite = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      const rows = sqlite
        .prepare(
          `select c.status, c.offline, c.scanned_at, c.created_at from checkins c
           join registrations r on r.id = c.registration_id where r.latin_name = ? and c.offline = 1`,
        )
        .all(delegate.latin) as { status: string; offline: number; scanned_at: string; created_at: string }[]
      expect(rows).toHaveLength(1)
      expect(rows[0]?.status).toBe('ok')
      // Recorded at the time of the scan at the door, not of the upload.
      // (The phone and the server share this machine's clock: the scan was before the network came back.)
      expect(Date.parse(rows[0]?.scanned_at ?? '')).toBeLessThanOrEqual(backOnline)
      expect(Date.parse(rows[0]?.created_at ?? '')).toBeGreaterThanOrEqual(backOnline)
    } finally {
      sqlite.close()
    }
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e))).toEqual([])
  })

  it('reads a ticket QR from the camera (a fake camera playing the real QR) and shows green', async () => {
    const delegate = delegates[3]
    if (!delegate) throw new Error('no delegate')
    const video = join(mkdtempSync(join(tmpdir(), 'signet-camera-')), 'ticket.y4m')
    writeQrVideo(video, delegate.code)
    const cameraBrowser = await launchChromium(browserSetup.executablePath, {
      args: [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    try {
      const { token, deviceId } = await enrolledDevice('2号车')
      const phone = await openPage(cameraBrowser, contexts, {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      })
      const { page, errors } = phone
      await page.goto(`${server.origin}/scan?lng=zh`)
      await page.evaluate(
        ([t, id]) => localStorage.setItem('signet.checkin.device', JSON.stringify({ token: t, id, name: '2号车' })),
        [token, deviceId],
      )
      await page.reload()
      await page.getByRole('button', { name: /开幕式/ }).click()
      await page.getByRole('button', { name: '使用摄像头', exact: true }).click()
      const green = page.locator('.verdict-ok')
      await green.waitFor({ timeout: 15_000 })
      await expect(green.textContent()).resolves.toContain(delegate.latin)
      await page.screenshot({ path: join(SCREENSHOTS, 'checkin-5-camera-green-zh-phone.png') })
      // The decoder came from our own origin.
      const wasm = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((name) => name.endsWith('.wasm')),
      )
      for (const url of wasm) expect(url.startsWith(server.origin)).toBe(true)
      expect(errors).toEqual([])
    } finally {
      await cameraBrowser.close()
    }
  })

  it('prints badges whose QR codes are the tickets, and VIP name cards, with CJK from local fonts', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/badges?lng=zh`)
    await page.emulateMedia({ media: 'print' })
    const first = page.locator('.name-badge').first()
    await first.waitFor()
    const png = PNG.sync.read(await first.locator('.name-badge-qr').screenshot())
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? ''
    expect(delegates.map((d) => d.code)).toContain(code)
    await page.screenshot({ path: join(SCREENSHOTS, 'checkin-7-badges-print-zh.png'), fullPage: true })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
    // Nothing was fetched from another origin to render or print (fonts included).
    const foreign = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => !name.startsWith(location.origin)),
    )
    expect(foreign).toEqual([])

    await page.goto(`${server.origin}/events/${DEMO_SLUG}/name-cards?lng=zh`)
    await page.locator('.name-card').first().waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'checkin-8-name-cards-print-zh.png') })
    await page.emulateMedia({ media: 'screen' })
    expect(errors).toEqual([])
  })

  it('stops a revoked device at its next scan and wipes what the phone kept', async () => {
    const { page } = organizer
    await page.goto(`${server.origin}/events/${DEMO_SLUG}/devices`)
    await page.getByRole('link', { name: '停用1号厅北门' }).click()
    await page.getByRole('button', { name: '确定停用', exact: true }).click()
    await page.getByText('设备“1号厅北门”已停用。').waitFor()

    const phone = staff.page
    await phone.getByRole('tab', { name: '扫码' }).click()
    await phone.getByLabel('参会证号码', { exact: true }).fill(delegates[2]?.code ?? '')
    await phone.keyboard.press('Enter')
    await phone.getByRole('heading', { name: '此手机的签到设备已停用或被替换' }).waitFor()
    await expect(phone.evaluate(() => localStorage.length)).resolves.toBe(0)
  })

  it('asks before a phone removes its device, and the devices page then shows it removed', async () => {
    const { token, deviceId } = await enrolledDevice('3号门')
    const { page, errors } = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    await page.goto(`${server.origin}/scan?lng=zh`)
    await page.evaluate(
      ([t, id]) => localStorage.setItem('signet.checkin.device', JSON.stringify({ token: t, id, name: '3号门' })),
      [token, deviceId],
    )
    await page.reload()
    await page.locator('.scan-session').first().waitFor()
    // A tap by mistake asks first, and "keep scanning" keeps everything.
    await page.getByRole('button', { name: '从此手机移除本设备', exact: true }).click()
    await page.getByRole('alertdialog').waitFor()
    await page.getByRole('button', { name: '继续扫码', exact: true }).click()
    await expect(page.evaluate(() => localStorage.getItem('signet.checkin.device'))).resolves.not.toBeNull()
    await page.getByRole('button', { name: '从此手机移除本设备', exact: true }).click()
    await page.getByRole('button', { name: '移除', exact: true }).click()
    await page.waitForFunction(() => localStorage.getItem('signet.checkin.device') === null)
    // The server was told: the devices page shows it removed.
    await organizer.page.goto(`${server.origin}/events/${DEMO_SLUG}/devices?lng=zh`)
    await expect(
      organizer.page.locator(`tr[data-device="${deviceId}"] td[data-state]`).getAttribute('data-state'),
    ).resolves.toBe('revoked')
    expect(errors).toEqual([])
  })
})
