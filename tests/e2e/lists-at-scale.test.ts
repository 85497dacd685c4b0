/**
 * End to end, issue 19: an organizer on a 1366 × 768 laptop, in Chinese, with 5,000 invitees
 * and 5,000 registrations (long Japanese company names, three sessions each). The invitations
 * and the registrations pages show no horizontal scrollbar, neither the page's nor a table's,
 * and page through all of them: first, next, last. The built server, Debian's Chromium.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/lists-at-scale.test.ts`.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../../db/connect'
import { chromiumForE2E, launchChromium, openPage, signInAsOrganizer } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { fillEventAtScale } from '../helpers/scale-fill'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(ROOT, 'test-results/e2e/lists')
const SLUG = 'yantai-japan-2024'
const COUNT = 5000

const browserSetup = chromiumForE2E()

/** How far the page, and any table in it, is wider than the window. */
async function overflow(page: Page): Promise<{ page: number; tables: number[] }> {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    tables: [...document.querySelectorAll('.table-scroll')].map((el) => el.scrollWidth - el.clientWidth),
  }))
}

describe.skipIf(browserSetup.skip)('long lists on a 1366 px laptop', () => {
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(SHOTS, { recursive: true })
    server = await startBuiltServer()
    const db = createDatabase({ dialect: 'sqlite', file: server.databaseFile })
    try {
      await fillEventAtScale(db, SLUG, COUNT)
    } finally {
      await db.destroy()
    }
    browser = await launchChromium(browserSetup.executablePath)
    organizer = await openPage(browser, contexts, { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
    await signInAsOrganizer(organizer.page, server.origin, server.adminEmail, server.adminPassword)
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  for (const list of [
    { name: 'invitations', path: 'invitations', row: 'tr[data-invitation]', tables: [0] },
    // the seats per session, then the registrations
    { name: 'registrations', path: 'registrations', row: 'tr[data-registration]', tables: [0, 0] },
  ]) {
    it(`shows the ${list.name} without a horizontal scrollbar and pages through all of them`, async () => {
      const { page, errors } = organizer
      await page.goto(`${server.origin}/events/${SLUG}/${list.path}`)
      await expect(page.locator(list.row).count()).resolves.toBe(50)
      const pager = page.getByRole('navigation', { name: '分页' }).first()
      const pages = Number(await pager.getAttribute('data-pages'))
      expect(pages).toBeGreaterThanOrEqual(COUNT / 50)
      await page.screenshot({ path: join(SHOTS, `${list.name}-1366-zh.png`), fullPage: true })
      await page.locator(list.row).first().scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(SHOTS, `${list.name}-1366-zh-rows.png`) })
      expect(await overflow(page)).toEqual({ page: 0, tables: list.tables })

      await pager.getByRole('link', { name: /^下一页/ }).click()
      await page.locator('nav.pager[data-page="2"]').first().waitFor()
      await pager.getByRole('link', { name: /^末页/ }).click()
      await page.locator(`nav.pager[data-page="${pages}"]`).first().waitFor()
      await expect(page.locator(list.row).count()).resolves.toBeGreaterThan(0)
      expect(await overflow(page)).toEqual({ page: 0, tables: list.tables })
      await pager.getByRole('link', { name: /^首页/ }).click()
      await page.locator('nav.pager[data-page="1"]').first().waitFor()
      expect(errors).toEqual([])
    })
  }
})
