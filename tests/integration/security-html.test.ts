/**
 * HTML in any text field renders as text everywhere (issue 7): an event title, a person's and a
 * registration's name, an organization, a segment and a project carrying markup show it as
 * characters on the organizer pages, the public page, badges, name cards, the run of show and its
 * print, the projects list, and in a mail as the Outbox renders it; never as a tag, and never
 * unescaped inside the data a page hands to its scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { queueInvitations } from '../../app/registration/invitations.server'
import { makeUser, signedIn } from '../helpers/fixtures'
import { TEST_SECRET } from '../helpers/registration'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

const PAYLOADS = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '<svg/onload=alert(3)>']
const [IMG = '', SCRIPT = '', SVG = ''] = PAYLOADS

let server: TestServer
let admin: TestClient
const pages: string[] = []

beforeAll(async () => {
  server = await startTestServer()
  await seedDemo(server.db, new Date(), TEST_SECRET)
  await makeUser(server.db, 'root@example.org', { admin: true })
  admin = await signedIn(server.origin, 'root@example.org')
  const db = server.db
  const event = await db.selectFrom('events').select(['id', 'slug']).executeTakeFirstOrThrow()
  await db
    .updateTable('events')
    .set({ title_zh: `活动${IMG}`, title_en: `Event${SCRIPT}`, title_ja: `催し${SVG}` })
    .execute()
  const person = await db.selectFrom('people').select(['id']).where('key', '=', 'p-panasonic').executeTakeFirstOrThrow()
  await db
    .updateTable('people')
    .set({ family_name: `佐藤${SCRIPT}` })
    .where('id', '=', person.id)
    .execute()
  await db
    .updateTable('registrations')
    .set({ family_name: `佐藤${IMG}`, organization_name: SVG })
    .where('person_id', '=', person.id)
    .execute()
  await db
    .updateTable('organizations')
    .set({ name_zh: `松下${IMG}` })
    .where('key', '=', 'panasonic')
    .execute()
  await db
    .updateTable('organizations')
    .set({ name_zh: `莱州${SCRIPT}` })
    .where('key', '=', 'laizhou-gov')
    .execute()
  const session = await db
    .selectFrom('sessions')
    .select('id')
    .where('title_en', 'like', '%Hydrogen%')
    .executeTakeFirstOrThrow()
  const segment = await db
    .selectFrom('segments')
    .select('id')
    .where('session_id', '=', session.id)
    .executeTakeFirstOrThrow()
  await db
    .updateTable('segments')
    .set({ title_zh: `签约${SVG}`, script_zh: `主持${IMG}` })
    .where('id', '=', segment.id)
    .execute()
  await db
    .updateTable('projects')
    .set({ name_zh: `项目${SCRIPT}` })
    .where('segment_id', '=', segment.id)
    .execute()
  const invitation = await db
    .selectFrom('invitations')
    .select('id')
    .where('person_id', '=', person.id)
    .executeTakeFirstOrThrow()
  await queueInvitations(db, TEST_SECRET, event.id, [invitation.id], 'remind', { userId: null })
  const mail = await db.selectFrom('outbox').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow()
  const base = `/events/${event.slug}`
  pages.push(
    base,
    `${base}/registrations`,
    `${base}/invitations`,
    `${base}/attendance`,
    `${base}/badges`,
    `${base}/name-cards`,
    `${base}/sessions/${session.id}`,
    `${base}/sessions/${session.id}/run-of-show`,
    `${base}/sessions/${session.id}/run-of-show/print`,
    `${base}/sessions/${session.id}/readiness`,
    `${base}/sessions/${session.id}/segments/${segment.id}`,
    `/e/${event.slug}`,
    '/events',
    '/people',
    '/projects',
    '/outbox',
    `/outbox/${mail.id}`,
    `/outbox/${mail.id}/html`,
  )
})
afterAll(async () => {
  await server?.close()
})

describe('markup in text fields', () => {
  it('shows as characters on every page and in the mail, never as a tag', async () => {
    const problems: string[] = []
    for (const path of pages) {
      for (const lng of ['zh', 'en']) {
        const response = await admin.get(`${path}${path.includes('?') ? '&' : '?'}lng=${lng}`)
        const html = await response.text()
        if (response.status !== 200) problems.push(`${path} (${lng}) → ${response.status}`)
        for (const payload of PAYLOADS) if (html.includes(payload)) problems.push(`${path} (${lng}) has ${payload} raw`)
        if (/<img src=x|<svg\/onload|<script>alert/i.test(html)) problems.push(`${path} (${lng}) has a live tag`)
      }
    }
    expect(problems).toEqual([])
  })

  it('really put the markup on the pages: escaped, it is there to be read', async () => {
    const overview = await (await admin.get(pages[0] ?? '/')).text()
    expect(overview).toContain('活动&lt;img src=x onerror=alert(1)&gt;')
    const mail = await (await admin.get(`${pages.at(-1)}?lng=zh`)).text()
    expect(mail).toMatch(/&lt;(img|svg|\/script)/)
  })
})
