/**
 * Keyboard alone (issue 7): a delegate registers and door staff check someone in without touching
 * a mouse or a screen: Tab to move, Space to tick, Enter to send. Every control on the way must be
 * reachable in order and operable.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invitationToken, ticketCode } from '../../app/registration/secrets.server'
import { createDatabase, parseDatabaseUrl } from '../../db/connect'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { openDoorsNow } from '../helpers/doors'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SLUG = 'yantai-japan-2024'
const browserSetup = chromiumForE2E()

/** Presses Tab until the focused element matches `test` (at most `limit` times); fails otherwise. */
async function tabTo(page: Page, what: string, test: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(`(() => { const el = document.activeElement; return Boolean(el && (${test})) })()`)) return
  }
  throw new Error(`Tab never reached ${what}`)
}

describe.skipIf(browserSetup.skip)('with the keyboard alone', () => {
  let server: BuiltServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  let secret = ''

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    server = await startBuiltServer()
    secret = readFileSync(join(ROOT, 'data/session-secret'), 'utf8').trim()
    browser = await launchChromium(browserSetup.executablePath)
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  it('a delegate registers: Tab to a session, Space, Tab to the consent, Space, Enter', async () => {
    // One of the demo's invitees who has not answered yet.
    const sqlite = new Database(server.databaseFile, { readonly: true })
    const row = sqlite
      .prepare(
        `select i.token_nonce from invitations i join events e on e.id = i.event_id
         where e.slug = ? and i.status = 'sent' and i.token_nonce is not null limit 1`,
      )
      .get(SLUG) as { token_nonce: string }
    sqlite.close()
    const { page, errors } = await openPage(browser, contexts, {
      viewport: { width: 1024, height: 800 },
      locale: 'en-US',
    })
    await page.goto(`${server.origin}/i/${invitationToken(secret, row.token_nonce)}?lng=en`)
    await page.waitForURL(`${server.origin}/e/${SLUG}/register`)
    await tabTo(page, 'a session choice', `el.name === 'sessions'`)
    await page.keyboard.press('Space')
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).resolves.toBe(true)
    await tabTo(page, 'the consent', `el.name === 'consent'`)
    await page.keyboard.press('Space')
    await tabTo(page, 'the submit button', `el.type === 'submit'`)
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/e/${SLUG}/me\\?saved=registered$`))
    expect(errors).toEqual([])
  })

  it('door staff pick the door and check a ticket in: Tab to the session, Enter, type the code, Enter', async () => {
    const sqlite = new Database(server.databaseFile, { readonly: true })
    const row = sqlite
      .prepare(
        `select r.ticket_nonce, r.latin_name from registrations r join events e on e.id = r.event_id
         where e.slug = ? and r.status = 'confirmed' and r.ticket_nonce is not null order by r.latin_name limit 1`,
      )
      .get(SLUG) as { ticket_nonce: string; latin_name: string }
    sqlite.close()
    // The demo's opening is a month away: its door takes scans once it is under way (issue 16).
    const writer = createDatabase(parseDatabaseUrl(server.databaseFile))
    try {
      const opening = await writer
        .selectFrom('sessions as s')
        .innerJoin('events as e', 'e.id', 's.event_id')
        .select('s.id')
        .where('e.slug', '=', SLUG)
        .where('s.title_zh', '=', '开幕式')
        .executeTakeFirstOrThrow()
      await openDoorsNow(writer, opening.id)
    } finally {
      await writer.destroy()
    }
    const { page, errors } = await openPage(browser, contexts, {
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    })
    await page.goto(`${server.origin}/login?lng=zh`)
    await tabTo(page, 'the email field', `el.name === 'email'`, 20)
    await page.keyboard.type(server.adminEmail)
    await tabTo(page, 'the password field', `el.name === 'password'`, 5)
    await page.keyboard.type(server.adminPassword)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${server.origin}/events`)
    await page.goto(`${server.origin}/scan?event=${SLUG}&lng=zh`)
    await page.locator('.scan-session').first().waitFor()
    await tabTo(
      page,
      'the opening ceremony',
      `el.classList.contains('scan-session') && el.textContent.includes('开幕式')`,
    )
    await page.keyboard.press('Enter')
    // The code field takes the focus by itself: a hardware scanner types into it.
    const code = page.getByLabel('参会证号码', { exact: true })
    await code.waitFor()
    await expect(code.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await page.keyboard.type(ticketCode(secret, row.ticket_nonce))
    await page.keyboard.press('Enter')
    const green = page.locator('.verdict-ok')
    await green.waitFor()
    await expect(green.textContent()).resolves.toContain(row.latin_name)
    expect(errors).toEqual([])
  })

  it('without JavaScript, a delegate opens her link and registers', async () => {
    const sqlite = new Database(server.databaseFile, { readonly: true })
    const row = sqlite
      .prepare(
        `select i.token_nonce from invitations i join events e on e.id = i.event_id
         where e.slug = ? and i.status = 'sent' and i.token_nonce is not null limit 1`,
      )
      .get(SLUG) as { token_nonce: string }
    sqlite.close()
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${server.origin}/i/${invitationToken(secret, row.token_nonce)}?lng=en`)
    await page.getByRole('button', { name: 'Open my invitation', exact: true }).click()
    await page.waitForURL(`${server.origin}/e/${SLUG}/register`)
    await page.locator('input[name="sessions"]').first().check()
    await page.locator('input[name="consent"]').check()
    await page.locator('button[type="submit"]').last().click()
    await page.waitForURL(new RegExp(`/e/${SLUG}/me\\?saved=registered$`))
  })
})
