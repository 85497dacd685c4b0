/**
 * Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on the pages each kind of user lands on,
 * in the language they use: organizers in Chinese, delegates in Japanese on a phone.
 * Serious and critical findings fail the test; lesser ones are printed.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumForE2E, launchChromium } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'

const browserSetup = chromiumForE2E()
const SLUG = 'yantai-japan-2024'

// Skipped only when Chromium is missing and REQUIRE_E2E is not 1 (chromiumForE2E printed why).
describe.skipIf(browserSetup.skip)('accessibility of the main pages', () => {
  let server: BuiltServer
  let browser: Browser

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    server = await startBuiltServer()
    browser = await launchChromium(browserSetup.executablePath)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function audit(page: Page, label: string): Promise<string[]> {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    for (const v of result.violations.filter((x) => !serious.includes(x))) {
      console.warn(`axe (${label}, ${v.impact}): ${v.id}: ${v.help}`)
    }
    return serious.map(
      (v) => `${label}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
  }

  it('finds no serious problem on the organizer pages in Chinese', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems: string[] = []
    await page.goto(`${server.origin}/forgot-password?lng=zh`)
    problems.push(...(await audit(page, 'forgot password')))
    await page.goto(`${server.origin}/login?lng=zh`)
    problems.push(...(await audit(page, 'login')))
    await page.getByLabel('电子邮箱', { exact: true }).fill(server.adminEmail)
    await page.getByLabel('密码', { exact: true }).fill(server.adminPassword)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(`${server.origin}/events`)
    for (const [label, path] of [
      ['events', '/events'],
      ['overview', `/events/${SLUG}`],
      ['overview by room', `/events/${SLUG}?view=room`],
      ['event form', '/events/new'],
      ['session form', `/events/${SLUG}/sessions/new`],
      ['team', `/events/${SLUG}/team`],
      ['users', '/admin/users'],
      ['audit log', '/admin/audit'],
      ['my account', '/account'],
    ] as const) {
      await page.goto(`${server.origin}${path}`)
      problems.push(...(await audit(page, label)))
    }
    await context.close()
    expect(problems).toEqual([])
  })

  it('finds no serious problem on the delegates’ page in Japanese on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await page.goto(`${server.origin}/e/${SLUG}?lng=ja`)
    expect(await audit(page, 'public page')).toEqual([])
    await context.close()
  })
})
