/**
 * The printed run of show (issue 6) over HTTP, on the real build: the demo's hydrogen forum with
 * its two signings, for an organizer and a viewer, in Chinese beside Japanese (the event offers
 * it) or English; refused to a user without a role on the event; segment texts printed as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { makeUser, signedIn } from '../helpers/fixtures'
import { TEST_SECRET } from '../helpers/registration'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

const SLUG = 'yantai-japan-2024'

let server: TestServer
let organizer: TestClient
let viewer: TestClient
let outsider: TestClient
let path: string
let timeZone: string

interface Party {
  org_zh: string
  org_ja: string
  org_en: string
  family_name: string
  latin_name: string
}
interface Signing {
  id: string
  script_zh: string
  script_ja: string
  script_en: string
  minutes: number
  parties: Party[]
}
let signings: Signing[] = []
let sessionStart: string

/** What React writes for a text: &, <, >, " and ' escaped. */
const escaped = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;')

/** The page's rendered markup (up to the end of <main>, without the loader data sent for hydration). */
async function page(client: TestClient, query = ''): Promise<{ status: number; html: string }> {
  const response = await client.get(`${path}${query}`)
  const html = (await response.text()).replaceAll('<!-- -->', '')
  const end = html.indexOf('</main>')
  return { status: response.status, html: end === -1 ? html : html.slice(0, end) }
}

/** Whether `html` contains `text`, failing with only the text (not pages of markup). */
function expectContains(html: string, text: string, yes = true) {
  expect(html.includes(text), `${yes ? 'missing' : 'unexpected'}: ${text}`).toBe(yes)
}

/** The markup of one element marked data-<name>="<id>", up to the next one of the same kind or the end of its list. */
function block(html: string, name: string, id: string): string {
  const start = html.indexOf(`data-${name}="${id}"`)
  expect(start, `no data-${name}="${id}"`).toBeGreaterThan(-1)
  const next = html.indexOf(`data-${name}="`, start + 1)
  return html.slice(start, next === -1 ? undefined : next)
}

const expectNot = (html: string, text: string) => expectContains(html, text, false)

function expectInOrder(html: string, texts: readonly string[]) {
  let at = -1
  for (const text of texts) {
    const found = html.indexOf(text, at + 1)
    expect(found, `"${text}" after position ${at}`).toBeGreaterThan(at)
    at = found
  }
}

const clock = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(ms)

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  await makeUser(server.db, 'stage@example.org', { role: { eventSlug: SLUG, role: 'organizer' } })
  await makeUser(server.db, 'watcher@example.org', { role: { eventSlug: SLUG, role: 'viewer' } })
  await makeUser(server.db, 'stranger@example.org')
  organizer = await signedIn(server.origin, 'stage@example.org')
  viewer = await signedIn(server.origin, 'watcher@example.org')
  outsider = await signedIn(server.origin, 'stranger@example.org')

  const db = server.db
  const event = await db
    .selectFrom('events')
    .select(['id', 'timezone'])
    .where('slug', '=', SLUG)
    .executeTakeFirstOrThrow()
  timeZone = event.timezone
  const forum = await db
    .selectFrom('sessions')
    .select(['id', 'starts_at'])
    .where('event_id', '=', event.id)
    .where('title_en', 'like', '%Hydrogen Energy Industry Cooperation Forum%')
    .executeTakeFirstOrThrow()
  sessionStart = forum.starts_at
  path = `/events/${SLUG}/sessions/${forum.id}/run-of-show/print`
  const segments = await db
    .selectFrom('segments')
    .select(['id', 'kind', 'minutes', 'script_zh', 'script_ja', 'script_en'])
    .where('session_id', '=', forum.id)
    .orderBy('position')
    .execute()
  signings = []
  for (const s of segments.filter((x) => x.kind === 'signing')) {
    const parties = await db
      .selectFrom('segment_parties as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .innerJoin('people as person', 'person.id', 'p.person_id')
      .select([
        'o.name_zh as org_zh',
        'o.name_ja as org_ja',
        'o.name_en as org_en',
        'person.family_name',
        'person.latin_name',
      ])
      .where('p.segment_id', '=', s.id)
      .orderBy('p.position')
      .execute()
    signings.push({ ...s, parties })
  }
})

afterAll(async () => {
  await server?.close()
})

describe('the printed run of show', () => {
  it('has the reference hydrogen forum: two signings of 5 and 6 parties', () => {
    expect(signings.map((s) => s.parties.length)).toEqual([5, 6])
  })

  it('prints both signings for an organizer: parties left to right with their signatories, in zh and ja', async () => {
    const { status, html } = await page(organizer)
    expect(status).toBe(200)
    for (const signing of signings) {
      const segment = block(html, 'segment', signing.id)
      expectContains(segment, 'data-kind="signing"')
      // each party's row: its organization (zh, then ja) and its signatory (native, Latin), in seat order
      expectInOrder(
        segment,
        signing.parties.flatMap((p) => [
          escaped(p.org_zh),
          // printed once when both languages write it the same way
          ...(p.org_ja === p.org_zh ? [] : [escaped(p.org_ja)]),
          escaped(p.family_name),
          escaped(p.latin_name),
        ]),
      )
      // the MC's line in both printed languages, each tagged with its language
      expectContains(segment, `<p lang="zh" class="ros-line">${escaped(signing.script_zh)}</p>`)
      expectContains(segment, `<p lang="ja" class="ros-line">${escaped(signing.script_ja)}</p>`)
      expectNot(segment, escaped(signing.script_en))
      // the witnesses, by role in both languages
      expectContains(segment, 'data-role="witness"')
      expectContains(segment, '见证人')
      expectContains(segment, '立会人')
    }
    // the fixed labels print in both languages
    expectContains(
      html,
      '<span lang="zh">签约各方（从左到右）</span><span class="ros-sep"> / </span><span lang="ja">調印当事者（左から右へ）</span>',
    )
  })

  it('gives planned times in the event time zone, whatever the server zone', async () => {
    const { html } = await page(organizer)
    let at = Date.parse(sessionStart)
    for (const signing of signings) {
      const end = at + signing.minutes * 60_000
      expectContains(block(html, 'segment', signing.id), `${clock(at)}–${clock(end)}`)
      at = end
    }
    // the demo forum starts at 10:45 in Asia/Shanghai (the test process runs in New York time)
    expect(timeZone).toBe('Asia/Shanghai')
    expectContains(block(html, 'segment', signings[0]?.id ?? ''), '10:45–10:57')
    expectContains(html, 'Asia/Shanghai')
  })

  it('draws a stage diagram per signing, seats numbered left to right, and a name card per signatory', async () => {
    const { html } = await page(organizer)
    expect(html.match(/data-diagram="/g)).toHaveLength(signings.length)
    for (const signing of signings) {
      const diagram = block(html, 'diagram', signing.id)
      const seats = [...diagram.matchAll(/data-seat="(\d+)"/g)].map((m) => Number(m[1]))
      expect(seats).toEqual(signing.parties.map((_, i) => i + 1))
      expectInOrder(
        diagram,
        signing.parties.flatMap((p) => [escaped(p.org_zh), escaped(p.latin_name)]),
      )
      // every party's flag; the mayor stands behind as a witness
      expect(diagram.match(/<svg class="flag ros-flag"/g)).toHaveLength(signing.parties.length)
      expectContains(diagram, 'data-witness=')
    }
    const cards = [...html.matchAll(/data-card="([^"]+)"/g)].map((m) => m[1])
    expect(cards).toHaveLength(signings.reduce((n, s) => n + s.parties.length, 0))
    for (const signing of signings) {
      for (const party of signing.parties) {
        const card = html.slice(html.indexOf(`data-card="${signing.id}:${signing.parties.indexOf(party) + 1}"`))
        expectContains(card.slice(0, card.indexOf('</article>')), escaped(party.latin_name))
      }
    }
  })

  it('prints English beside Chinese with ?second=en, for a viewer', async () => {
    const { status, html } = await page(viewer, '?second=en')
    expect(status).toBe(200)
    for (const signing of signings) {
      const segment = block(html, 'segment', signing.id)
      expectContains(segment, `<p lang="zh" class="ros-line">${escaped(signing.script_zh)}</p>`)
      expectContains(segment, `<p lang="en" class="ros-line">${escaped(signing.script_en)}</p>`)
      expectNot(segment, escaped(signing.script_ja))
      expectInOrder(
        segment,
        signing.parties.flatMap((p) => [escaped(p.org_zh), escaped(p.org_en)]),
      )
    }
    expectContains(html, '<span lang="en">Signing parties, left to right</span>')
    expectContains(html, '<option value="en" selected="">')
  })

  it('prints the opening: speakers with titles, the award with its name, citation and recipients in order, the initiative', async () => {
    const db = server.db
    const opening = await db
      .selectFrom('sessions as s')
      .innerJoin('events as e', 'e.id', 's.event_id')
      .select('s.id')
      .where('e.slug', '=', SLUG)
      .where('s.title_en', '=', 'Opening Ceremony')
      .executeTakeFirstOrThrow()
    const award = await db
      .selectFrom('segments')
      .selectAll()
      .where('session_id', '=', opening.id)
      .where('kind', '=', 'award')
      .executeTakeFirstOrThrow()
    const recipients = await db
      .selectFrom('segment_parties as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select('o.name_zh')
      .where('p.segment_id', '=', award.id)
      .orderBy('p.position')
      .execute()
    expect(recipients).toHaveLength(8)
    const response = await organizer.get(`/events/${SLUG}/sessions/${opening.id}/run-of-show/print`)
    expect(response.status).toBe(200)
    const html = (await response.text()).replaceAll('<!-- -->', '')
    const segment = block(html.slice(0, html.indexOf('</main>')), 'segment', award.id)
    expectContains(segment, '授牌人')
    expectContains(segment, escaped(award.award_zh))
    expectContains(segment, escaped(award.award_ja))
    expectContains(segment, escaped(award.citation_zh))
    expectContains(segment, escaped(award.citation_ja))
    expectContains(segment, '奖牌：8 块')
    expectInOrder(
      segment,
      recipients.map((r) => escaped(r.name_zh)),
    )
    expectContains(html, 'data-kind="speech"')
    expectContains(html, 'data-kind="initiative"')
    // no signing in the opening: no diagram, no name card
    expectNot(html, 'data-diagram=')
    expectNot(html, 'data-card=')
  })

  it('answers 404 to a signed-in user without a role on the event', async () => {
    const { status, html } = await page(outsider)
    expect(status).toBe(404)
    expectNot(html, escaped(signings[0]?.script_zh ?? 'none'))
  })

  it('prints HTML in a segment title as text', async () => {
    const id = signings[0]?.id ?? ''
    const before = await server.db
      .selectFrom('segments')
      .select('title_zh')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const title = '<img src=x onerror=alert(1)><b>签约</b>'
    await server.db.updateTable('segments').set({ title_zh: title }).where('id', '=', id).execute()
    try {
      const { status, html } = await page(organizer)
      expect(status).toBe(200)
      expectContains(html, '&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;签约&lt;/b&gt;')
      // nowhere in the document, the data sent along for hydration included
      const whole = await (await organizer.get(path)).text()
      expectNot(whole, '<img src=x')
      expectNot(whole, '<b>签约</b>')
    } finally {
      await server.db.updateTable('segments').set({ title_zh: before.title_zh }).where('id', '=', id).execute()
    }
  })
})
