/**
 * Real Chromium for end-to-end tests: Debian's `chromium` package driven by playwright-core.
 * `npx playwright install` cannot download browsers on our machines, so we always point
 * playwright-core at the system binary, installed with `apt-get install -y chromium fonts-noto-cjk`
 * (without the fonts, Chinese and Japanese render as boxes).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type LaunchOptions,
  type Page,
} from 'playwright-core'

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'

/** Flags that keep headless Chromium quiet and offline: no GPU, no sandbox (we run as root), no phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface ChromiumForE2E {
  executablePath: string
  found: boolean
  /** REQUIRE_E2E=1 (CI): a missing browser is a failure, never a silent skip. */
  required: boolean
  /** True only when Chromium is missing and nobody demanded it. */
  skip: boolean
  /** Why the browser is unavailable, with the command that fixes it; null when found. */
  problem: string | null
}

/**
 * Finds Chromium at CHROMIUM_PATH or /usr/bin/chromium and decides what a missing browser means.
 * When the suite will be skipped it says so loudly on stderr, so a green run without browser
 * tests cannot go unnoticed.
 */
export function chromiumForE2E(env: NodeJS.ProcessEnv = process.env): ChromiumForE2E {
  const executablePath = env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH
  const found = existsSync(executablePath)
  const required = env.REQUIRE_E2E === '1'
  const problem = found
    ? null
    : `no Chromium at ${executablePath}; install with: apt-get install -y chromium fonts-noto-cjk`
  const skip = !found && !required
  if (skip) {
    const bar = '!'.repeat(80)
    process.stderr.write(`\n${bar}\nE2E SKIPPED: ${problem}\n(set REQUIRE_E2E=1 to make this a failure)\n${bar}\n\n`)
  }
  if (found && !hasJapaneseFont()) {
    process.stderr.write('E2E WARNING: no Japanese font found by fc-list; screenshots will show boxes for CJK text.\n')
    process.stderr.write('Install with: apt-get install -y fonts-noto-cjk\n')
  }
  return { executablePath, found, required, skip, problem }
}

/** Whether fontconfig (which Chromium uses on Linux) knows a font covering Japanese. */
function hasJapaneseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim() !== ''
  } catch {
    return false
  }
}

/** Launches headless Chromium with our standard flags (plus any extra ones, e.g. a fake camera). */
export function launchChromium(executablePath: string, options: LaunchOptions = {}): Promise<Browser> {
  const { args = [], ...rest } = options
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, ...args], ...rest })
}

/**
 * A fresh browser profile whose page records uncaught errors and console errors (e.g. hydration
 * mismatches). The context is added to `contexts` so the suite can close them all afterwards.
 */
export async function openPage(
  browser: Browser,
  contexts: BrowserContext[],
  options: BrowserContextOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(options)
  contexts.push(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
  return { page, errors }
}

/** Signs in through the real sign-in page in Chinese (the organizers' language) and waits for the events list. */
export async function signInAsOrganizer(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/login?lng=zh`)
  await page.getByLabel('电子邮箱', { exact: true }).fill(email)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL(`${origin}/events`)
}
