/**
 * End to end, issue 16: at the door, a Japanese delegate whose name and kana are stored in
 * hiragana (the demo's 鈴木 大輔, すずき だいすけ) is found by name in katakana and in half-width
 * katakana, with the network and, with the network cut, in the phone's own roster. Real
 * Chromium, the real built server, a staff phone in Japanese.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/door-search.test.ts`.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { openDoorsNow } from '../helpers/doors'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOTS = join(ROOT, 'test-results/e2e')
const DEMO_SLUG = 'yantai-japan-2024'

const browserSetup = chromiumForE2E()

describe.skipIf(browserSetup.skip)('the door finds a delegate stored in hiragana by katakana and half-width', () => {
  let server: BuiltServer
  let browser: Browser
  let phone: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    server = await startBuiltServer()
    // The demo stores him in hiragana, and he is registered with a ticket.
    const sqlite = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      const row = sqlite
        .prepare(
          `select r.kana, r.status, r.ticket_hash from registrations r join events e on e.id = r.event_id
           where e.slug = ? and r.latin_name = 'SUZUKI Daisuke'`,
        )
        .get(DEMO_SLUG) as { kana: string; status: string; ticket_hash: string | null } | undefined
      expect(row).toMatchObject({ kana: 'すずき だいすけ', status: 'confirmed', ticket_hash: expect.any(String) })
    } finally {
      sqlite.close()
    }
    const db = createDatabase(parseDatabaseUrl(server.databaseFile))
    let device: { token: string; id: string }
    try {
      const event = await db.selectFrom('events').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
      // The demo's opening is a month away: its door takes scans once it is under way (issue 16).
      const opening = await db
        .selectFrom('sessions')
        .select('id')
        .where('event_id', '=', event.id)
        .where('title_zh', '=', '开幕式')
        .executeTakeFirstOrThrow()
      await openDoorsNow(db, opening.id)
      const created = await createDevice(db, event.id, { name: '正面入口', sessionIds: [] }, { userId: null })
      if (!created.ok) throw new Error(created.reason)
      const enrolled = await enrollDevice(db, created.enrollmentCode)
      if (!enrolled.ok) throw new Error('not enrolled')
      device = { token: enrolled.token, id: enrolled.device.id }
    } finally {
      await db.destroy()
    }
    browser = await launchChromium(browserSetup.executablePath)
    phone = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
    })
    const { page } = phone
    await page.goto(`${server.origin}/scan?lng=ja`)
    await page.evaluate(
      ([token, id]) => localStorage.setItem('signet.checkin.device', JSON.stringify({ token, id, name: '正面入口' })),
      [device.token, device.id],
    )
    await page.reload()
    await page.getByRole('button', { name: /開幕式/ }).click()
    // The roster is on the phone (the count shows) before anything is searched.
    await page.locator('.door-count').waitFor()
    await page.getByRole('tab', { name: '名前で検索' }).click()
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  async function search(page: Page, q: string): Promise<string[]> {
    const field = page.getByLabel('氏名、ふりがな、所属、メールアドレス', { exact: true })
    await field.fill('')
    // Typed key by key, as an IME commits text into the field.
    await field.pressSequentially(q)
    await page.getByRole('button', { name: '検索', exact: true }).click()
    await page.locator('.scan-hits, .door .muted:has-text("見つかりません。")').first().waitFor()
    return page.locator('.scan-hits li').allTextContents()
  }

  it('finds him with the network by katakana and by half-width katakana, allowed in, and checks him in', async () => {
    const { page, errors } = phone
    for (const q of ['スズキ', 'ｽｽﾞｷ', 'スズキ　ダイスケ', 'ｽｽﾞｷﾀﾞｲｽｹ']) {
      const hits = await search(page, q)
      expect(hits, q).toHaveLength(1)
      expect(hits[0], q).toContain('SUZUKI Daisuke')
      expect(hits[0], q).toContain('入場可')
    }
    await expect(page.locator('[data-searched="offline"]').count()).resolves.toBe(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'door-search-1-half-width-ja-phone.png') })
    await page.getByRole('button', { name: '鈴木大輔様を受付', exact: true }).click()
    await page.locator('.verdict-ok').waitFor()
    await expect(page.locator('.verdict-ok').textContent()).resolves.toContain('SUZUKI Daisuke')
    await page.getByRole('button', { name: '次へ', exact: true }).click()
    expect(errors).toEqual([])
  })

  it('finds him with the network cut, in the phone’s roster, folded the same way', async () => {
    const { page, errors } = phone
    await page.context().setOffline(true)
    try {
      for (const q of ['ｽｽﾞｷ', 'ダイスケ']) {
        const hits = await search(page, q)
        expect(hits, q).toHaveLength(1)
        expect(hits[0], q).toContain('SUZUKI Daisuke')
        await page.locator('[data-searched="offline"]').waitFor()
      }
      // Checking in by name needs the network: the phone says so and offers no button.
      await expect(page.getByRole('button', { name: '鈴木大輔様を受付' }).count()).resolves.toBe(0)
      await page.screenshot({ path: join(SCREENSHOTS, 'door-search-2-offline-ja-phone.png') })
    } finally {
      await page.context().setOffline(false)
    }
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e))).toEqual([])
  })
})
