/**
 * The organizers' long lists page and sort on the server (issue 19): the invitations and the
 * registrations of an event with 120 invitees, 50 to a page, page through all of them once each,
 * sort by a column either way (rows without a date last), and answer a page past the end, a page
 * that is no number, an unknown sort key and a filter with markup in the organizer's language.
 * Over HTTP against the real build, on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, makeInvitees, registrationRow } from '../helpers/registration'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let organizer: TestClient
const SLUG = 'paging-a'
let eventId = ''
let invitationIds: string[] = []

const rowsOf = (html: string, attribute: 'data-invitation' | 'data-registration') =>
  [...html.matchAll(new RegExp(`<tr[^>]* ${attribute}="([^"]+)"`, 'g'))].map((m) => m[1] ?? '')

beforeAll(async () => {
  server = await startTestServer()
  const event = await makeEvent(server.db, {
    slug: SLUG,
    sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
  })
  eventId = event.id
  const invitees = await makeInvitees(server.db, event, 120)
  invitationIds = invitees.map((i) => i.invitationId)
  // 60 of them registered, from different organizations
  await server.db
    .insertInto('registrations')
    .values(
      invitees.slice(0, 60).map((i, n) =>
        registrationRow({
          event_id: eventId,
          person_id: i.personId,
          invitation_id: i.invitationId,
          email: i.email,
          latin_name: `SATO Ken ${String(n).padStart(3, '0')}`,
          organization_name: `Company ${String(59 - n).padStart(2, '0')}`,
          created_at: `2030-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
        }),
      ),
    )
    .execute()
  await makeUser(server.db, 'paging@example.org', { role: { eventSlug: SLUG, role: 'organizer' } })
  organizer = await signedIn(server.origin, 'paging@example.org')
})

afterAll(async () => {
  await server?.close()
})

describe('invitations, page by page', () => {
  it('shows 50 to a page with the total, and pages through all of them once each', async () => {
    const seen: string[] = []
    for (const page of [1, 2, 3]) {
      const html = await (await organizer.get(`/events/${SLUG}/invitations?page=${page}&lng=en`)).text()
      expect(html).toContain(`data-page="${page}" data-pages="3"`)
      expect(html).toContain('120 of 120 invitations')
      seen.push(...rowsOf(html, 'data-invitation'))
    }
    expect(seen.slice(0, 50)).toHaveLength(50)
    expect(seen).toHaveLength(120)
    expect(new Set(seen)).toEqual(new Set(invitationIds))
    const first = await (await organizer.get(`/events/${SLUG}/invitations?lng=en`)).text()
    expect(first).toContain('Showing 1–50 of 120')
    expect(first).toContain(`href="/events/${SLUG}/invitations?page=2"`)
  })

  it('sorts by a column either way, rows without a date last, and keeps the filter in the links', async () => {
    const [early, late] = invitationIds
    await server.db
      .updateTable('invitations')
      .set({ sent_at: '2030-01-01T00:00:00.000Z' })
      .where('id', '=', early ?? '')
      .execute()
    await server.db
      .updateTable('invitations')
      .set({ sent_at: '2030-02-01T00:00:00.000Z' })
      .where('id', '=', late ?? '')
      .execute()
    const asc = rowsOf(await (await organizer.get(`/events/${SLUG}/invitations?sort=sent`)).text(), 'data-invitation')
    const desc = rowsOf(
      await (await organizer.get(`/events/${SLUG}/invitations?sort=sent&dir=desc`)).text(),
      'data-invitation',
    )
    expect(asc.slice(0, 2)).toEqual([early, late])
    expect(desc.slice(0, 2)).toEqual([late, early])
    const filtered = await (await organizer.get(`/events/${SLUG}/invitations?q=sato&sort=sent&lng=en`)).text()
    expect(filtered).toMatch(
      /<th scope="col" aria-sort="ascending"><a[^>]*href="[^"]*q=sato&amp;sort=sent&amp;dir=desc"/,
    )
    expect(filtered).toContain('href="/events/paging-a/invitations?q=sato&amp;sort=sent&amp;page=2"')
  })

  it('answers a page past the end with the last page, and says so in the organizer’s language', async () => {
    const response = await organizer.get(`/events/${SLUG}/invitations?page=9&lng=zh`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('没有第 9 页：列表共 3 页，显示最后一页。')
    expect(html).toContain('data-page="3"')
    expect(rowsOf(html, 'data-invitation')).toHaveLength(20)
  })

  it('refuses a page that is no number and an unknown sort key, escaping what was sent', async () => {
    const html = await (
      await organizer.get(`/events/${SLUG}/invitations?page=abc&sort=${encodeURIComponent('<b>x</b>')}&lng=ja`)
    ).text()
    expect(html).toContain('「abc」はページ番号ではありません。')
    expect(html).toContain('「&lt;b&gt;x&lt;/b&gt;」では並べ替えできません。')
    expect(html).not.toContain('<b>x</b>')
    expect(html).toContain('data-page="1"')
    const markup = await (
      await organizer.get(`/events/${SLUG}/invitations?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`)
    ).text()
    expect(markup).not.toContain('<img src=x')
  })
})

describe('registrations, page by page', () => {
  it('pages the registrations and sorts them by organization or date', async () => {
    const one = await (await organizer.get(`/events/${SLUG}/registrations?lng=en`)).text()
    const two = await (await organizer.get(`/events/${SLUG}/registrations?page=2&lng=en`)).text()
    expect(one).toContain('data-page="1" data-pages="2"')
    expect(rowsOf(one, 'data-registration')).toHaveLength(50)
    expect(rowsOf(two, 'data-registration')).toHaveLength(10)
    expect(new Set([...rowsOf(one, 'data-registration'), ...rowsOf(two, 'data-registration')]).size).toBe(60)
    const byOrganization = await (await organizer.get(`/events/${SLUG}/registrations?sort=organization&lng=en`)).text()
    expect(byOrganization.indexOf('Company 00')).toBeLessThan(byOrganization.indexOf('Company 01'))
    const newest = await (await organizer.get(`/events/${SLUG}/registrations?sort=registered&dir=desc`)).text()
    expect(newest.indexOf('SATO Ken 059')).toBeGreaterThan(-1)
    expect(newest.indexOf('SATO Ken 059')).toBeLessThan(newest.indexOf('SATO Ken 058'))
  })

  it('says a page past the end, and the CSV export still holds every registration', async () => {
    const html = await (await organizer.get(`/events/${SLUG}/registrations?page=5&lng=en`)).text()
    expect(html).toContain('There is no page 5: the list has 2. Showing the last one.')
    const csv = await organizer.get(`/events/${SLUG}/registrations/export.csv`)
    expect(csv.status).toBe(200)
    expect(new Set((await csv.text()).match(/SATO Ken \d{3}/g))).toHaveProperty('size', 60)
  })
})
