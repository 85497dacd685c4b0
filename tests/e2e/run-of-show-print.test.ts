/**
 * End to end, issue 6: the hydrogen forum's run of show printed from Chromium on A4, in Chinese
 * and Japanese: a document with both signings, a stage diagram per signing and a name card per
 * signatory each on a page of its own, Chinese and Japanese each in its own Noto CJK face (local
 * fonts, nothing fetched), and nothing wider than the printable width of A4.
 * The PDF is kept in test-results/e2e/ for a person to look at (e.g. `pdftoppm -r 60 -png`).
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/run-of-show-print.test.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumForE2E, launchChromium, openPage, signInAsOrganizer } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUTPUT = join(ROOT, 'test-results/e2e')
const DEMO_SLUG = 'yantai-japan-2024'
/** A4 (210 mm) less the 12 mm margins of the print stylesheet, in CSS pixels (96 per inch). */
const PRINTABLE_WIDTH_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96)

const browserSetup = chromiumForE2E()

/** The pages of a PDF as Chromium writes it: one `/Type /Page` dictionary each (the tree node is `/Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0
}

/** The font faces Chromium really used to draw a node's text (not the CSS stack), via the DevTools protocol. */
async function fontsUsedFor(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    return fonts.map((f) => f.familyName)
  } finally {
    await cdp.detach()
  }
}

describe.skipIf(browserSetup.skip)('the printed run of show in a real browser', () => {
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []
  let printUrl = ''
  /** the forum's signings: how many parties each has */
  let partyCounts: number[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(OUTPUT, { recursive: true })
    server = await startBuiltServer()
    const sqlite = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      const forum = sqlite
        .prepare(
          `select s.id from sessions s join events e on e.id = s.event_id
           where e.slug = ? and s.title_en like '%Hydrogen Energy Industry Cooperation Forum%'`,
        )
        .get(DEMO_SLUG) as { id: string }
      printUrl = `${server.origin}/events/${DEMO_SLUG}/sessions/${forum.id}/run-of-show/print`
      partyCounts = (
        sqlite
          .prepare(
            `select count(*) as n from segment_parties p join segments s on s.id = p.segment_id
             where s.session_id = ? and s.kind = 'signing' group by s.id order by s.position`,
          )
          .all(forum.id) as { n: number }[]
      ).map((r) => r.n)
    } finally {
      sqlite.close()
    }
    expect(partyCounts).toEqual([5, 6])
    browser = await launchChromium(browserSetup.executablePath)
    organizer = await openPage(browser, contexts, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    await signInAsOrganizer(organizer.page, server.origin, server.adminEmail, server.adminPassword)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  it('switches the second language on screen and hides the switch in print', async () => {
    const { page, errors } = organizer
    await page.goto(`${printUrl}?lng=zh`)
    await page.getByRole('heading', { level: 1, name: '打印议程流程' }).waitFor()
    await expect(page.locator('.ros-script p[lang="ja"]').count()).resolves.toBe(2)
    await page.getByLabel('第二语言').selectOption('en')
    await page.getByRole('button', { name: '显示', exact: true }).click()
    await page.waitForURL(/second=en/)
    await page.locator('.ros-script p[lang="en"]').first().waitFor()
    await expect(page.locator('.ros-script p[lang="ja"]').count()).resolves.toBe(0)
    await page.emulateMedia({ media: 'print' })
    try {
      expect(await page.getByLabel('第二语言').isVisible()).toBe(false)
      expect(await page.locator('.site-header').isVisible()).toBe(false)
      expect(await page.locator('.ros-doc').isVisible()).toBe(true)
    } finally {
      await page.emulateMedia({ media: 'screen' })
    }
    expect(errors).toEqual([])
  })

  it('prints on A4: the document, then a page per stage diagram and per name card, CJK in local Noto faces', async () => {
    const { page, errors } = organizer
    await page.goto(`${printUrl}?lng=zh&second=ja`)
    await page.locator('.ros-doc').waitFor()
    const signatories = partyCounts.reduce((a, b) => a + b, 0)
    await expect(page.locator('[data-diagram]').count()).resolves.toBe(partyCounts.length)
    await expect(page.locator('[data-card]').count()).resolves.toBe(signatories)

    await page.emulateMedia({ media: 'print' })
    try {
      // Each diagram and each name card starts a page; a segment is not split across two.
      const breaks = await page.evaluate(() => ({
        diagrams: [...document.querySelectorAll('.ros-diagram')].map((e) => getComputedStyle(e).breakBefore),
        cards: [...document.querySelectorAll('.ros-name-cards .name-card')].map((e) => getComputedStyle(e).breakBefore),
        segments: [...document.querySelectorAll('.ros-segment')].map((e) => getComputedStyle(e).breakInside),
      }))
      expect(breaks.diagrams).toEqual(partyCounts.map(() => 'page'))
      expect(breaks.cards).toEqual(Array.from({ length: signatories }, () => 'page'))
      expect(new Set(breaks.segments)).toEqual(new Set(['avoid']))

      // Chinese and Japanese are drawn with their own faces of the local Noto CJK (no tofu, no Chinese glyphs for Japanese).
      expect(await fontsUsedFor(page, '.ros-script p[lang="zh"]')).toContain('Noto Sans CJK SC')
      expect(await fontsUsedFor(page, '.ros-script p[lang="ja"]')).toContain('Noto Sans CJK JP')
      expect(await fontsUsedFor(page, '.name-card-front .name-card-name[lang="ja"]')).toContain('Noto Sans CJK JP')

      const pdf = await page.pdf({ format: 'A4', printBackground: true })
      writeFileSync(join(OUTPUT, 'run-of-show-print-hydrogen-zh-ja.pdf'), pdf)
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
      // The run of show itself (one or two pages), then 2 diagrams and 11 name cards of one page each.
      const pages = pdfPageCount(pdf)
      expect(pages).toBeGreaterThanOrEqual(1 + partyCounts.length + signatories)
      expect(pages).toBeLessThanOrEqual(2 + partyCounts.length + signatories)

      // Nothing was fetched from another origin to render or print (fonts included).
      const foreign = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((name) => !name.startsWith(location.origin)),
      )
      expect(foreign).toEqual([])
    } finally {
      await page.emulateMedia({ media: 'screen' })
    }
    expect(errors).toEqual([])
  })

  it('fits the printable width of A4: nothing wider than the page', async () => {
    const { page, errors } = organizer
    await page.setViewportSize({ width: PRINTABLE_WIDTH_PX, height: 1000 })
    await page.emulateMedia({ media: 'print' })
    try {
      await page.goto(`${printUrl}?lng=ja&second=en`)
      await page.locator('.ros-doc').waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX)
      // No element reaches past the right edge (an overflow the page would clip, not scroll).
      const widest = await page.evaluate(() =>
        Math.max(...[...document.querySelectorAll('.ros-print *')].map((e) => e.getBoundingClientRect().right)),
      )
      expect(widest).toBeLessThanOrEqual(PRINTABLE_WIDTH_PX + 0.5)
      await page.screenshot({ path: join(OUTPUT, 'run-of-show-print-ja-en-print.png'), fullPage: true })
    } finally {
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize({ width: 1280, height: 900 })
    }
    expect(errors).toEqual([])
  })
})
