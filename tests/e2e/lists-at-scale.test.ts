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
import type { Kysely } from 'kysely'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withOrganizationSearchText, withPersonSearchText } from '../../app/people/search'
import { invitePeople } from '../../app/registration/invitations.server'
import { createDatabase } from '../../db/connect'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { chromiumForE2E, launchChromium, openPage } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'
import { registrationRow } from '../helpers/registration'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(ROOT, 'test-results/e2e/lists')
const SLUG = 'yantai-japan-2024'
const COUNT = 5000

const browserSetup = chromiumForE2E()

/** 5,000 people of 200 companies with long names, invited to the demo event, and registered for three sessions. */
async function fill(db: Kysely<Database>): Promise<void> {
  const at = nowIso()
  const event = await db
    .selectFrom('events')
    .select(['id', 'ends_on', 'timezone'])
    .where('slug', '=', SLUG)
    .executeTakeFirstOrThrow()
  const sessions = await db
    .selectFrom('sessions')
    .select('id')
    .where('event_id', '=', event.id)
    .where('registration_required', '=', 1)
    .orderBy('starts_at')
    .limit(3)
    .execute()
  const organizations = Array.from({ length: 200 }, (_, i) =>
    withOrganizationSearchText({
      id: newId(),
      key: null,
      name_zh: `三菱重工业株式会社能源系统事业部第${i}号`,
      name_en: `Mitsubishi Heavy Industries Energy Systems Division No. ${i}`,
      name_ja: `三菱重工業株式会社エナジーシステム事業部第${i}号`,
      country: 'JP',
      kind: 'company' as const,
      fortune500: 0 as const,
      created_at: at,
      updated_at: at,
    }),
  )
  await db.insertInto('organizations').values(organizations).execute()
  const people = Array.from({ length: COUNT }, (_, i) =>
    withPersonSearchText({
      id: newId(),
      key: null,
      organization_id: organizations[i % 200]?.id ?? null,
      family_name: '佐々木',
      given_name: `健太郎${i}`,
      latin_name: `SASAKI Kentaro ${String(i).padStart(4, '0')}`,
      kana: 'ささき けんたろう',
      title_zh: null,
      title_en: 'General Manager, Overseas Business Development',
      title_ja: '海外事業開発部長',
      email: `kentaro.sasaki.${i}@very-long-company-domain.example.co.jp`,
      phone: null,
      preferred_language: 'ja' as const,
      vip: i % 25 === 0 ? (1 as const) : (0 as const),
      dietary: null,
      created_at: at,
      updated_at: at,
    }),
  )
  for (let i = 0; i < people.length; i += 200) {
    await db
      .insertInto('people')
      .values(people.slice(i, i + 200))
      .execute()
  }
  await invitePeople(
    db,
    event,
    people.map((p) => ({ personId: p.id })),
    { userId: null },
  )
  const invitations = await db
    .selectFrom('invitations')
    .select(['id', 'person_id'])
    .where('event_id', '=', event.id)
    .where('person_id', 'in', db.selectFrom('people').select('id').where('email', 'like', 'kentaro.sasaki.%'))
    .execute()
  const byPerson = new Map(invitations.map((i) => [i.person_id, i.id]))
  const registrations = people.map((p, i) =>
    registrationRow({
      event_id: event.id,
      person_id: p.id,
      invitation_id: byPerson.get(p.id) ?? null,
      source: 'invitation',
      family_name: p.family_name,
      given_name: p.given_name,
      latin_name: p.latin_name,
      title: '海外事業開発部長',
      organization_name: organizations[i % 200]?.name_ja ?? '',
      email: p.email ?? '',
    }),
  )
  for (let i = 0; i < registrations.length; i += 200) {
    const chunk = registrations.slice(i, i + 200)
    await db.insertInto('registrations').values(chunk).execute()
    await db
      .insertInto('registration_sessions')
      .values(
        chunk.flatMap((r) =>
          sessions.map((s) => ({
            registration_id: r.id ?? '',
            session_id: s.id,
            status: 'confirmed' as const,
            requested_at: at,
            updated_at: at,
          })),
        ),
      )
      .execute()
  }
}

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
      await fill(db)
    } finally {
      await db.destroy()
    }
    browser = await launchChromium(browserSetup.executablePath)
    organizer = await openPage(browser, contexts, { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
    const { page } = organizer
    await page.goto(`${server.origin}/login?lng=zh`)
    await page.getByLabel('电子邮箱', { exact: true }).fill(server.adminEmail)
    await page.getByLabel('密码', { exact: true }).fill(server.adminPassword)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(`${server.origin}/events`)
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
