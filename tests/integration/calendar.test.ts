import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

// The public address differs from the address the tests connect to: links in the feeds must
// come from APP_URL, never from the request's Host.
const APP_URL = 'https://events.example.org'
const SLUG = 'yantai-japan-2024'

let server: TestServer
let startsOn: string
let openingId: string

beforeAll(async () => {
  server = await startTestServer({ APP_URL })
  await seedDemo(server.db)
  const event = await server.db
    .selectFrom('events')
    .select(['id', 'starts_on'])
    .where('slug', '=', SLUG)
    .executeTakeFirstOrThrow()
  startsOn = event.starts_on
  const opening = await server.db
    .selectFrom('sessions')
    .select('id')
    .where('event_id', '=', event.id)
    .where('title_en', '=', 'Opening Ceremony')
    .executeTakeFirstOrThrow()
  openingId = opening.id
})
afterAll(async () => {
  await server?.close()
})

async function fetchCalendar(path: string, init: RequestInit = {}) {
  const response = await new TestClient(server.origin).get(path, init)
  return { response, text: await response.text() }
}

function events(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
}

/** HH:MM of an instant on the wall clocks of a time zone. */
function wallTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    date,
  )
}

describe("a session's calendar file", () => {
  it('is served as text/calendar with a file name', async () => {
    const { response } = await fetchCalendar(`/e/${SLUG}/sessions/${openingId}/calendar.ics?lng=en`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}-${openingId}.ics"`)
  })

  it('puts the opening ceremony at 09:00–10:30 Shanghai time on day 1, written in UTC', async () => {
    expect(process.env.TZ).toBe('America/New_York')
    const { text } = await fetchCalendar(`/e/${SLUG}/sessions/${openingId}/calendar.ics?lng=en`)
    const day1 = startsOn.replaceAll('-', '')
    expect(text).toContain(`DTSTART:${day1}T010000Z`)
    expect(text).toContain(`DTEND:${day1}T023000Z`)
    const [opening, ...others] = events(text)
    expect(others).toHaveLength(0)
    if (!opening) throw new Error('no VEVENT')
    const start = opening.startDate.toJSDate()
    const end = opening.endDate.toJSDate()
    expect(start.toISOString()).toBe(`${startsOn}T01:00:00.000Z`)
    expect(end.toISOString()).toBe(`${startsOn}T02:30:00.000Z`)
    expect(wallTime(start, 'Asia/Shanghai')).toBe('09:00')
    expect(wallTime(end, 'Asia/Shanghai')).toBe('10:30')
    // The process's own zone sees the same instant as the evening before: nothing used it.
    expect(start.getHours()).toBe(20)
    expect(opening.uid).toBe(`${openingId}@signet`)
  })

  it('is written in the requested language, with the room and venue as location', async () => {
    const ja = events((await fetchCalendar(`/e/${SLUG}/sessions/${openingId}/calendar.ics?lng=ja`)).text)[0]
    expect(ja?.summary).toBe('開幕式')
    expect(ja?.location).toBe('煙台国際博覧センター 第1会議ホール')
    expect(ja?.description).toContain('2024日本企業「煙台行」ビジネスツアー')
    expect(ja?.description).toContain(`${APP_URL}/e/${SLUG}?lng=ja`)
    const en = events((await fetchCalendar(`/e/${SLUG}/sessions/${openingId}/calendar.ics?lng=en`)).text)[0]
    expect(en?.summary).toBe('Opening Ceremony')
    expect(en?.location).toBe('Hall 1, Yantai International Expo Center')
    const detected = await fetchCalendar(`/e/${SLUG}/sessions/${openingId}/calendar.ics`, {
      headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
    })
    expect(events(detected.text)[0]?.summary).toBe('开幕式')
  })

  it("builds every link from APP_URL, never from the request's Host", async () => {
    const { text } = await fetchCalendar(`/e/${SLUG}/sessions/${openingId}/calendar.ics?lng=ja`)
    expect(text).toContain(`URL:${APP_URL}/e/${SLUG}?lng=ja`)
    expect(text).not.toContain('127.0.0.1')
  })

  it('sends delegates of a site visit to the meeting point, with the meeting time in the event zone', async () => {
    const visit = await server.db
      .selectFrom('sessions')
      .select('id')
      .where('title_en', 'like', 'Site visit: Yantai Development Area%')
      .executeTakeFirstOrThrow()
    const { text } = await fetchCalendar(`/e/${SLUG}/sessions/${visit.id}/calendar.ics?lng=ja`)
    const [entry] = events(text)
    expect(entry?.location).toBe('ホテルロビー')
    expect(entry?.description).toContain('集合場所：ホテルロビー · 08:15（中国標準時） 集合')
    expect(entry?.description).toContain('視察先企業：万華化学')
  })

  it('is not found for an unknown session', async () => {
    const { response } = await fetchCalendar(`/e/${SLUG}/sessions/00000000-0000-4000-8000-000000000000/calendar.ics`)
    expect(response.status).toBe(404)
  })
})

describe("the whole event's calendar file", () => {
  it('has one event per session, each with a stable id', async () => {
    const sessions = await server.db
      .selectFrom('sessions as s')
      .innerJoin('events as e', 'e.id', 's.event_id')
      .select('s.id')
      .where('e.slug', '=', SLUG)
      .execute()
    expect(sessions.length).toBe(7)
    const first = await fetchCalendar(`/e/${SLUG}/calendar.ics?lng=ja`)
    expect(first.response.status).toBe(200)
    expect(first.response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(first.response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}.ics"`)
    expect(first.text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(sessions.length)
    const entries = events(first.text)
    expect(entries.map((e) => e.uid).sort()).toEqual(sessions.map((s) => `${s.id}@signet`).sort())
    expect(entries.map((e) => e.summary)).toContain('開幕式')
    const again = events((await fetchCalendar(`/e/${SLUG}/calendar.ics?lng=en`)).text)
    expect(again.map((e) => e.uid).sort()).toEqual(entries.map((e) => e.uid).sort())
  })

  it('keeps every line within 75 octets, folding Chinese and Japanese between characters', async () => {
    const { text } = await fetchCalendar(`/e/${SLUG}/calendar.ics?lng=ja`)
    const lines = text.split('\r\n')
    for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75)
    expect(text).not.toContain('\uFFFD')
    expect(lines.some((line) => line.startsWith(' '))).toBe(true)
  })
})

describe('calendar files of an event that is not public', () => {
  it('are not found while the event is a draft', async () => {
    await server.db.updateTable('events').set({ status: 'draft' }).where('slug', '=', SLUG).execute()
    try {
      expect((await fetchCalendar(`/e/${SLUG}/calendar.ics?lng=en`)).response.status).toBe(404)
      const session = await fetchCalendar(`/e/${SLUG}/sessions/${openingId}/calendar.ics?lng=en`)
      expect(session.response.status).toBe(404)
      expect(session.text).not.toContain('BEGIN:VCALENDAR')
    } finally {
      await server.db.updateTable('events').set({ status: 'published' }).where('slug', '=', SLUG).execute()
    }
    expect((await fetchCalendar(`/e/${SLUG}/calendar.ics?lng=en`)).response.status).toBe(200)
  })

  it('are not found for an unknown event', async () => {
    expect((await fetchCalendar('/e/no-such-event/calendar.ics')).response.status).toBe(404)
  })
})
