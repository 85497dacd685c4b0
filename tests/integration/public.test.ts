import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import type { EventStatus } from '../../db/schema'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
const SLUG = 'yantai-japan-2024'

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db)
})
afterAll(async () => {
  await server?.close()
})

/** A page as a visitor gets it; React's `<!-- -->` between adjacent text nodes is left out. */
async function page(path: string, init: RequestInit = {}): Promise<{ status: number; html: string }> {
  const response = await new TestClient(server.origin).get(path, init)
  return { status: response.status, html: (await response.text()).replaceAll('<!-- -->', '') }
}

/** Runs `work` with the demo event in another status, then publishes it again. */
async function withStatus(status: EventStatus, work: () => Promise<void>): Promise<void> {
  await server.db.updateTable('events').set({ status }).where('slug', '=', SLUG).execute()
  try {
    await work()
  } finally {
    await server.db.updateTable('events').set({ status: 'published' }).where('slug', '=', SLUG).execute()
  }
}

describe('the public event page', () => {
  it('shows a published event to a visitor who is not signed in, in Japanese', async () => {
    const { status, html } = await page(`/e/${SLUG}?lng=ja`)
    expect(status).toBe(200)
    expect(html).toMatch(/<html lang="ja"/)
    expect(html).toContain('<title>2024日本企業「煙台行」ビジネスツアー</title>')
    expect(html).toMatch(/<h1>2024日本企業「煙台行」ビジネスツアー<\/h1>/)
    expect(html).toContain('煙台国際博覧センター')
    // hosts grouped by role
    for (const text of ['主催', '煙台市人民政府', '運営', '煙台市商務局', '協力', '日中経済協会北京事務所']) {
      expect(html).toContain(text)
    }
    // the timetable in the event's time zone, whatever the server's (New York here)
    expect(html).toContain('09:00–10:30')
    expect(html).toContain('開幕式')
    expect(html).toContain('同時開催')
    expect(html).toContain('時刻はすべて中国標準時（Asia/Shanghai、GMT+8）で表示しています。')
    // site visits: meeting point, meeting time, buses, companies
    expect(html).toContain('ホテルロビー')
    expect(html).toContain('08:15 集合')
    expect(html).toContain('1号車')
    expect(html).toContain('万華化学')
    // calendar links in the reader's language
    expect(html).toContain(`href="/e/${SLUG}/calendar.ics?lng=ja"`)
    expect(html).toMatch(new RegExp(`href="/e/${SLUG}/sessions/[0-9a-f-]{36}/calendar\\.ics\\?lng=ja"`))
  })

  it('shows the same event in Chinese and in English', async () => {
    const zh = await page(`/e/${SLUG}?lng=zh`)
    expect(zh.status).toBe(200)
    expect(zh.html).toMatch(/<html lang="zh"/)
    expect(zh.html).toContain('<title>2024日本企业“烟台行”活动</title>')
    for (const text of ['主办单位', '承办单位', '协办单位', '烟台市人民政府', '酒店大堂', '08:15 集合', '平行进行']) {
      expect(zh.html).toContain(text)
    }
    const en = await page(`/e/${SLUG}?lng=en`)
    expect(en.status).toBe(200)
    expect(en.html).toMatch(/<html lang="en"/)
    expect(en.html).toContain('<title>2024 Japanese Enterprises Yantai Tour</title>')
    for (const text of ['Host', 'Co-organizer', 'Hotel lobby', 'Meet at 08:15', 'In parallel', 'Opening Ceremony']) {
      expect(en.html).toContain(text)
    }
    expect(en.html).toContain('All times are China Standard Time (Asia/Shanghai, GMT+8).')
  })

  it('follows the browser language when no language is chosen', async () => {
    const { status, html } = await page(`/e/${SLUG}`, { headers: { 'Accept-Language': 'ja-JP,ja;q=0.9' } })
    expect(status).toBe(200)
    expect(html).toMatch(/<html lang="ja"/)
    expect(html).toContain('開幕式')
  })

  it('shows a title missing in the reader language in another one, tagged with its language', async () => {
    await server.db.updateTable('events').set({ title_ja: '' }).where('slug', '=', SLUG).execute()
    try {
      const { html } = await page(`/e/${SLUG}?lng=ja`)
      expect(html).toContain('<title>2024 Japanese Enterprises Yantai Tour</title>')
      expect(html).toMatch(
        /<span lang="en">2024 Japanese Enterprises Yantai Tour <small class="lang-tag"[^>]*>EN<\/small>/,
      )
    } finally {
      await server.db
        .updateTable('events')
        .set({ title_ja: '2024日本企業「煙台行」ビジネスツアー' })
        .where('slug', '=', SLUG)
        .execute()
    }
  })

  it('is not found while the event is a draft or archived', async () => {
    for (const status of ['draft', 'archived'] as const) {
      await withStatus(status, async () => {
        const ja = await page(`/e/${SLUG}?lng=ja`)
        expect(ja.status, status).toBe(404)
        expect(ja.html).toContain('ページが見つかりません')
        expect(ja.html).not.toContain('煙台国際博覧センター')
      })
    }
    expect((await page(`/e/${SLUG}?lng=ja`)).status).toBe(200)
  })

  it('is not found for an unknown event', async () => {
    const { status, html } = await page('/e/no-such-event?lng=en')
    expect(status).toBe(404)
    expect(html).toContain('This page does not exist.')
  })

  it('shows a title with markup as text, escaped, never as a script', async () => {
    const title = '<script>alert(1)</script> Tour'
    const original = await server.db.selectFrom('events').select('title_en').where('slug', '=', SLUG).executeTakeFirst()
    await server.db.updateTable('events').set({ title_en: title }).where('slug', '=', SLUG).execute()
    try {
      const { status, html } = await page(`/e/${SLUG}?lng=en`)
      expect(status).toBe(200)
      expect(html).not.toContain('<script>alert(1)</script>')
      expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; Tour</title>')
      expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Tour</h1>')
    } finally {
      await server.db
        .updateTable('events')
        .set({ title_en: original?.title_en ?? '' })
        .where('slug', '=', SLUG)
        .execute()
    }
  })
})
