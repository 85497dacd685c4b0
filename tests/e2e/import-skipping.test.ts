/**
 * End to end, issue 19: a Chinese organizer imports an Excel file as her bureau writes it
 * (Chinese headers, countries as 日本 and 中国, two bad rows), saves the valid rows and
 * downloads the skipped ones as XLSX with their reasons. The built server, Debian's Chromium.
 * For a local run: `npm run build && npx vitest run --project e2e tests/e2e/import-skipping.test.ts`.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumForE2E, launchChromium, openPage, signInAsOrganizer } from '../helpers/browser'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(ROOT, 'test-results/e2e/import')

const browserSetup = chromiumForE2E()

async function bureauWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('嘉宾名单')
  sheet.addRow(['单位', '国家', '姓', '名', '英文名', '职务', '邮箱', '语言', '贵宾'])
  sheet.addRow([
    '株式会社スキップ',
    '日本',
    '高田',
    '一郎',
    'TAKADA Ichiro',
    '部長',
    'takada@skip-e2e.example.jp',
    '日语',
    '否',
  ])
  sheet.addRow(['烟台跳过集团', '中国', '刘', '洋', 'LIU Yang', '总经理', 'liu.yang@skip-e2e.example.cn', '中文', '是'])
  sheet.addRow(['无名公司', '纳尼亚', '张', '三', 'ZHANG San', '', 'zhang@skip-e2e.example.cn', '中文', '否'])
  sheet.addRow(['坏邮箱公司', '日本国', '森', '花子', 'MORI Hanako', '課長', 'mori-at-example', '日语', '否'])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describe.skipIf(browserSetup.skip)('importing the valid rows of a Chinese Excel file', () => {
  let server: BuiltServer
  let browser: Browser
  let organizer: { page: Page; errors: string[] }
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (browserSetup.problem) throw new Error(`REQUIRE_E2E=1 but ${browserSetup.problem}`)
    mkdirSync(SHOTS, { recursive: true })
    server = await startBuiltServer()
    browser = await launchChromium(browserSetup.executablePath)
    organizer = await openPage(browser, contexts, {
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      acceptDownloads: true,
    })
    await signInAsOrganizer(organizer.page, server.origin, server.adminEmail, server.adminPassword)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  it('saves the two valid rows with their countries, and hands back the two bad ones as XLSX with reasons', async () => {
    const { page, errors } = organizer
    await page.goto(`${server.origin}/people/import`)
    await page.getByLabel('文件', { exact: true }).setInputFiles({
      name: '嘉宾名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await bureauWorkbook(),
    })
    await page.getByRole('button', { name: '预览', exact: true }).click()
    await page.locator('[data-count="invalid"]').waitFor()
    await expect(page.locator('[data-count="valid"]').textContent()).resolves.toBe('2')
    await expect(page.locator('[data-count="invalid"]').textContent()).resolves.toBe('2')
    await expect(page.getByText('国家：无法识别国家“纳尼亚”', { exact: false }).count()).resolves.toBe(1)
    await page.screenshot({ path: join(SHOTS, 'preview-zh.png'), fullPage: true })

    await page.getByRole('button', { name: '保存无误的 2 行，跳过有误的 2 行', exact: true }).click()
    await page.getByRole('heading', { name: '已保存无误的行' }).waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^下载有误的 2 行/ }).click(),
    ])
    const file = join(SHOTS, 'skipped.xlsx')
    await download.saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync(file) as never)
    const rows: string[][] = []
    workbook.worksheets[0]?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))
    })
    expect(rows[0]).toEqual(['单位', '国家', '姓', '名', '英文名', '职务', '邮箱', '语言', '贵宾', '问题'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['无名公司', '坏邮箱公司'])
    expect(rows[1]?.at(-1)).toContain('国家：')
    expect(rows[2]?.at(-1)).toContain('邮箱：')

    const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
    try {
      const saved = db
        .prepare(
          `select p.email, o.country from people p join organizations o on o.id = p.organization_id
           where p.email like '%@skip-e2e.example.%' order by p.email`,
        )
        .all()
      expect(saved).toEqual([
        { email: 'liu.yang@skip-e2e.example.cn', country: 'CN' },
        { email: 'takada@skip-e2e.example.jp', country: 'JP' },
      ])
    } finally {
      db.close()
    }
    expect(errors).toEqual([])
  })
})
