/**
 * End to end, issue 16 at the door, in Chromium on a phone-sized page against the built server:
 * offline, a delegate of another session is told the true reason ("not registered for this
 * session"), not "invalid code"; a hardware scanner's code is taken after a tap on the page title
 * moved the focus off the code field, and in the search box, which still searches for a person;
 * the door's count goes back down after an undo, online and offline, and so does the server's;
 * a session a month away says "not today" in amber with its time, and staff can check in anyway,
 * recorded as an override; a phone whose device was revoked, or whose storage was cleared, says how
 * to get back in and enrolls again right there from a new enrollment link.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/door.test.ts`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice, revokeDevice } from '../../app/checkin/devices.server'
import { ticketCode } from '../../app/registration/secrets.server'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { openDoorsNow } from '../helpers/doors'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOTS = join(ROOT, 'test-results/e2e')
const DEMO_SLUG = 'yantai-japan-2024'

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('the door scanner (issue 16) in a real browser', () => {
  let server: BuiltServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  let secret = ''
  /** a session that needs registration, with its English title */
  let forum: { id: string; title: string } = { id: '', title: '' }

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    server = await startBuiltServer()
    secret = readFileSync(join(ROOT, 'data/session-secret'), 'utf8').trim()
    forum = query<{ id: string; title: string }>(
      `select s.id, s.title_en as title from sessions s join events e on e.id = s.event_id
       where e.slug = ? and s.registration_required = 1
         and exists (select 1 from registration_sessions rs where rs.session_id = s.id and rs.status = 'confirmed')
       order by s.starts_at limit 1`,
      DEMO_SLUG,
    )[0] ?? { id: '', title: '' }
    expect(forum.id).not.toBe('')
    // The demo is a month away: the forum's door is open now (the opening's is not; see below).
    const writer = createDatabase(parseDatabaseUrl(server.databaseFile))
    try {
      await openDoorsNow(writer, forum.id)
    } finally {
      await writer.destroy()
    }
    browser = await launchChromium(browserSetup.executablePath)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  function query<T>(text: string, ...params: unknown[]): T[] {
    const sqlite = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      return sqlite.prepare(text).all(...params) as T[]
    } finally {
      sqlite.close()
    }
  }

  /** Confirmed delegates of the demo event with (or without) a confirmed seat at a session, and their codes. */
  function delegates(sessionId: string, seated: boolean): { latin: string; code: string }[] {
    return query<{ latin_name: string; ticket_nonce: string }>(
      `select r.latin_name, r.ticket_nonce from registrations r join events e on e.id = r.event_id
       where e.slug = ? and r.status = 'confirmed' and r.ticket_nonce is not null
         and ${seated ? '' : 'not'} exists (select 1 from registration_sessions rs
           where rs.registration_id = r.id and rs.session_id = ? and rs.status = 'confirmed')
       order by r.latin_name`,
      DEMO_SLUG,
      sessionId,
    ).map((r) => ({ latin: r.latin_name, code: ticketCode(secret, r.ticket_nonce) }))
  }

  /** A phone enrolled as a new device of the demo event, at the scanner page in English. */
  async function phone(name: string): Promise<{ page: Page; errors: string[]; deviceId: string }> {
    const db = createDatabase(parseDatabaseUrl(server.databaseFile))
    let device: { token: string; id: string }
    try {
      const event = await db.selectFrom('events').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
      const created = await createDevice(db, event.id, { name, sessionIds: [] }, { userId: null })
      if (!created.ok) throw new Error(created.reason)
      const enrolled = await enrollDevice(db, created.enrollmentCode)
      if (!enrolled.ok) throw new Error('not enrolled')
      device = { token: enrolled.token, id: enrolled.device.id }
    } finally {
      await db.destroy()
    }
    const opened = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
    })
    await opened.page.goto(`${server.origin}/scan?lng=en`)
    await opened.page.evaluate(
      ([token, id, n]) => localStorage.setItem('signet.checkin.device', JSON.stringify({ token, id, name: n })),
      [device.token, device.id, name],
    )
    await opened.page.reload()
    return { ...opened, deviceId: device.id }
  }

  /** A new device of the demo event and the link of its enrollment QR, as the devices page shows it. */
  async function enrollmentLink(name: string): Promise<string> {
    const db = createDatabase(parseDatabaseUrl(server.databaseFile))
    try {
      const event = await db.selectFrom('events').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
      const created = await createDevice(db, event.id, { name, sessionIds: [] }, { userId: null })
      if (!created.ok) throw new Error(created.reason)
      return `${server.origin}/scan/enroll#${created.enrollmentCode}`
    } finally {
      await db.destroy()
    }
  }

  /**
   * The door is open: the roster (with the event's other tickets) is on the phone, and the camera
   * decoder the door warms up has arrived (cut the network before, and its fetch fails loudly).
   */
  async function doorReady(page: Page): Promise<void> {
    await page.locator('.door-count').waitFor()
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')))
  }

  it('tells a delegate of another session, offline, that they are not registered for this session', async () => {
    const outsider = delegates(forum.id, false)[0]
    if (!outsider) throw new Error('every delegate has a seat at the forum')
    const { page, errors } = await phone('Forum door')
    await page.getByRole('button', { name: new RegExp(forum.title.slice(0, 20)) }).click()
    await doorReady(page)
    await page.context().setOffline(true)
    await page.getByLabel('Ticket code', { exact: true }).fill(outsider.code)
    await page.keyboard.press('Enter')
    const red = page.locator('.verdict-error')
    await red.waitFor()
    await expect(red.getAttribute('data-reason')).resolves.toBe('not_registered_for_session')
    await expect(red.textContent()).resolves.toContain('Not registered for this session')
    await expect(red.textContent()).resolves.toContain('Decided on this phone (no network), from its copy of the list.')
    await expect(red.textContent()).resolves.not.toContain('Unknown code')
    await page.screenshot({ path: join(SCREENSHOTS, 'door-1-offline-other-session-en-phone.png') })
    await page.context().setOffline(false)
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e))).toEqual([])
  })

  it('takes a hardware scan after a tap on the page title, and in the search box, which still searches', async () => {
    const [first, second] = delegates(forum.id, true)
    if (!first || !second) throw new Error('too few seated delegates')
    const { page, errors } = await phone('Forum door, scanner')
    await page.getByRole('button', { name: new RegExp(forum.title.slice(0, 20)) }).click()
    await doorReady(page)
    // A thumb on the title: the code field loses the focus.
    await page.locator('#door-title').click()
    await expect(page.evaluate(() => document.activeElement?.id ?? '')).resolves.not.toBe('code')
    // The scanner types the code in a burst and presses Enter.
    await page.keyboard.type(first.code)
    await page.keyboard.press('Enter')
    const green = page.locator('.verdict-ok')
    await green.waitFor()
    await expect(green.textContent()).resolves.toContain(first.latin)
    await page.screenshot({ path: join(SCREENSHOTS, 'door-2-scan-after-title-tap-en-phone.png') })
    await page.getByRole('button', { name: 'Next', exact: true }).click()

    // A person searches by name: the box keeps what they type, and Enter searches.
    await page.getByRole('tab', { name: 'Search by name' }).click()
    const box = page.getByLabel('Name, kana, organization or email', { exact: true })
    const family = second.latin.split(' ')[0] ?? ''
    await box.fill(family)
    await box.press('Enter')
    await page.locator('.scan-hits', { hasText: second.latin }).waitFor()
    await expect(page.locator('.verdict').count()).resolves.toBe(0)
    // A scan while the search box has the focus: a verdict, and the code does not stay in the box.
    await box.focus()
    await page.keyboard.type(second.code)
    await page.keyboard.press('Enter')
    await page.locator('.verdict-ok', { hasText: second.latin }).waitFor()
    await expect(box.inputValue()).resolves.toBe(family)
    expect(errors).toEqual([])
  })

  it('counts one fewer after an undo, online and offline, at the door and on the server', async () => {
    const [, , online, offline] = delegates(forum.id, true)
    if (!online || !offline) throw new Error('too few seated delegates')
    const serverCount = () =>
      query<{ checked_in: number }>('select checked_in from session_tallies where session_id = ?', forum.id)[0]
        ?.checked_in
    const { page, errors } = await phone('Forum door, undo')
    await page.getByRole('button', { name: new RegExp(forum.title.slice(0, 20)) }).click()
    await doorReady(page)
    const counter = page.locator('.door-count')
    const before = await counter.getAttribute('data-checked-in')
    const onServer = serverCount()
    const field = page.getByLabel('Ticket code', { exact: true })

    await field.fill(online.code)
    await page.keyboard.press('Enter')
    await page.locator('.verdict-ok').waitFor()
    await page.locator(`.door-count[data-checked-in="${Number(before) + 1}"]`).waitFor()
    expect(serverCount()).toBe((onServer ?? 0) + 1)
    await page.getByRole('button', { name: 'Next', exact: true }).click()
    await page.getByRole('button', { name: 'Undo last check-in', exact: true }).click()
    await page.getByText('The last check-in was undone.').waitFor()
    await page.locator(`.door-count[data-checked-in="${before}"]`).waitFor()
    expect(serverCount()).toBe(onServer)

    // Offline: admitted on the phone and queued; the undo takes it out of the queue, never sent.
    await page.context().setOffline(true)
    await field.fill(offline.code)
    await page.keyboard.press('Enter')
    await page.locator('.verdict-ok', { hasText: offline.latin }).waitFor()
    await page.locator(`.door-count[data-checked-in="${Number(before) + 1}"]`).waitFor()
    await page.locator('[data-online][data-waiting="1"]').waitFor()
    await page.getByRole('button', { name: 'Next', exact: true }).click()
    await page.getByRole('button', { name: 'Undo last check-in', exact: true }).click()
    await page.getByText('The last check-in was undone.').waitFor()
    await page.locator(`.door-count[data-checked-in="${before}"]`).waitFor()
    await page.locator('[data-online][data-waiting="0"]').waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'door-3-undone-offline-en-phone.png') })
    await page.context().setOffline(false)
    // Scanned again, online now: admitted (the undone scan was never a check-in).
    await field.fill(offline.code)
    await page.keyboard.press('Enter')
    await page.locator('.verdict-ok', { hasText: offline.latin }).waitFor()
    await expect(page.locator('.verdict-ok').textContent()).resolves.not.toContain('Decided on this phone')
    expect(serverCount()).toBe((onServer ?? 0) + 1)
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e))).toEqual([])
  })

  it('says "not today" in amber with the session’s time at a session a month away, and checks in anyway as an override', async () => {
    const opening = query<{ id: string; starts_at: string }>(
      `select s.id, s.starts_at from sessions s join events e on e.id = s.event_id
       where e.slug = ? and s.title_en = 'Opening Ceremony'`,
      DEMO_SLUG,
    )[0]
    const delegate = delegates(forum.id, true)[4]
    if (!opening || !delegate) throw new Error('no opening or delegate')
    const { page, errors } = await phone('Opening door')
    await page.getByRole('button', { name: /Opening Ceremony/ }).click()
    await doorReady(page)
    await page.getByLabel('Ticket code', { exact: true }).fill(delegate.code)
    await page.keyboard.press('Enter')
    const amber = page.locator('.verdict-warn')
    await amber.waitFor()
    await expect(amber.getAttribute('data-reason')).resolves.toBe('not_open_yet')
    await expect(amber.locator('.verdict-title').textContent()).resolves.toBe('Not today')
    // The session's time in the event's zone (Asia/Shanghai), whatever the phone's.
    const start = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(opening.starts_at))
    await expect(amber.locator('.verdict-window').textContent()).resolves.toContain(start)
    await expect(amber.textContent()).resolves.toContain(delegate.latin)
    await page.screenshot({ path: join(SCREENSHOTS, 'door-4-not-today-en-phone.png') })
    await page.getByRole('button', { name: 'Check in anyway', exact: true }).click()
    const green = page.locator('.verdict-ok')
    await green.waitFor()
    await expect(green.textContent()).resolves.toContain('recorded as an override')
    await page.screenshot({ path: join(SCREENSHOTS, 'door-5-override-en-phone.png') })
    const rows = query<{ status: string; reason: string | null; override: number }>(
      `select c.status, c.reason, c.override from checkins c join registrations r on r.id = c.registration_id
       where c.session_id = ? and r.latin_name = ? order by c.created_at`,
      opening.id,
      delegate.latin,
    )
    expect(rows).toEqual([
      { status: 'rejected', reason: 'not_open_yet', override: 0 },
      { status: 'ok', reason: null, override: 1 },
    ])
    expect(errors).toEqual([])
  })

  it('shows a revoked phone how to get back in, and enrolls it again right there from a new enrollment link', async () => {
    const outsider = delegates(forum.id, true)[5]
    if (!outsider) throw new Error('no delegate')
    const { page, errors, deviceId } = await phone('Forum door, lost')
    await page.getByRole('button', { name: new RegExp(forum.title.slice(0, 20)) }).click()
    await doorReady(page)
    const db = createDatabase(parseDatabaseUrl(server.databaseFile))
    try {
      await revokeDevice(db, null, deviceId, { userId: null, ip: null })
    } finally {
      await db.destroy()
    }
    await page.getByLabel('Ticket code', { exact: true }).fill(outsider.code)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'This phone’s check-in device was revoked or replaced' }).waitFor()
    const steps = page.locator('.reenroll-steps li')
    await expect(steps.allTextContents()).resolves.toEqual([
      expect.stringContaining('Ask an organizer for a new enrollment QR code'),
      expect.stringContaining('Scan that QR code here'),
      'The phone enrolls and opens the door again.',
    ])
    await page.screenshot({ path: join(SCREENSHOTS, 'door-6-revoked-how-to-get-back-en-phone.png'), fullPage: true })

    // Garbage is refused with the reason; the organizer's new link enrolls the phone, at the door.
    const field = page.getByLabel('Enrollment link or code', { exact: true })
    await field.fill('not an enrollment link')
    await page.getByRole('button', { name: 'Enroll this phone', exact: true }).click()
    await page.getByText('This enrollment QR code is unknown, already used or expired.').waitFor()
    await field.fill(await enrollmentLink('Forum door, again'))
    await page.getByRole('button', { name: 'Enroll this phone', exact: true }).click()
    await page.getByText('Device: Forum door, again').waitFor()
    await page.getByRole('button', { name: new RegExp(forum.title.slice(0, 20)) }).click()
    await page.getByLabel('Ticket code', { exact: true }).fill(outsider.code)
    await page.keyboard.press('Enter')
    await page.locator('.verdict-ok', { hasText: outsider.latin }).waitFor()
    expect(errors.filter((e) => !/status of (401|400)/.test(e))).toEqual([])
  })

  it('shows a phone whose storage was cleared, in Japanese, what to do to scan again', async () => {
    const { page, errors } = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
    })
    await page.goto(`${server.origin}/scan?lng=ja`)
    await page.getByRole('heading', { name: 'この端末は受付端末として登録されていません' }).waitFor()
    await expect(page.locator('.reenroll-steps li').count()).resolves.toBe(3)
    await page.getByRole('button', { name: 'このスマートフォンを登録', exact: true }).waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'door-7-not-enrolled-ja-phone.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})
