/**
 * Who may change a person of the shared directory (ADR 0018), and who may be invited to a
 * VIP-only session, over HTTP against the real build. An organizer of event A may update, by
 * import, only people no other event uses; a person invited to event B is B's too, and only an
 * admin (or an organizer of every event using them) may change them. A non-VIP cannot be invited
 * to a VIP-only session, from the directory or by an import's sessions column. Runs on SQLite and
 * on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withPersonSearchText } from '../../app/people/search'
import { invitePeople } from '../../app/registration/invitations.server'
import { newId, nowIso } from '../../db/ids'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, makeInvitees } from '../helpers/registration'
import { startTestServer, type TestClient, type TestServer } from '../helpers/server'

let server: TestServer
let organizerA: TestClient
let admin: TestClient
let A: { id: string; slug: string; sessionIds: string[] }
let B: { id: string; slug: string; sessionIds: string[] }
const person = { ofA: '', ofB: '', ofBoth: '', free: '', vip: '', plain: '' }

async function insertPerson(email: string, vip = false, latin = 'CHEN Jing'): Promise<string> {
  const id = newId()
  const at = nowIso()
  await server.db
    .insertInto('people')
    .values(
      withPersonSearchText({
        id,
        key: null,
        organization_id: null,
        family_name: '陈',
        given_name: '静',
        latin_name: latin,
        kana: null,
        title_zh: null,
        title_en: null,
        title_ja: null,
        email,
        phone: '+86 100',
        preferred_language: 'zh',
        vip: vip ? 1 : 0,
        dietary: null,
        created_at: at,
        updated_at: at,
      }),
    )
    .execute()
  return id
}

beforeAll(async () => {
  server = await startTestServer()
  A = await makeEvent(server.db, {
    slug: 'dir-a',
    sessions: [
      { title: 'A forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' },
      { title: 'VIP lunch', start: '2030-05-20T12:00', end: '2030-05-20T13:00', vipOnly: true },
    ],
  })
  B = await makeEvent(server.db, {
    slug: 'dir-b',
    sessions: [{ title: 'B forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
  })
  const [ofA] = await makeInvitees(server.db, A, 1, { prefix: 'a-only' })
  const [ofB] = await makeInvitees(server.db, B, 1, { prefix: 'b-only' })
  const [ofBoth] = await makeInvitees(server.db, A, 1, { prefix: 'a-and-b' })
  if (!ofA || !ofB || !ofBoth) throw new Error('no invitees')
  const b = await server.db
    .selectFrom('events')
    .select(['id', 'ends_on', 'timezone'])
    .where('id', '=', B.id)
    .executeTakeFirstOrThrow()
  await invitePeople(server.db, b, [{ personId: ofBoth.personId }], { userId: null })
  person.ofA = ofA.personId
  person.ofB = ofB.personId
  person.ofBoth = ofBoth.personId
  person.free = await insertPerson('free@example.cn')
  person.vip = await insertPerson('vip@example.cn', true)
  person.plain = await insertPerson('plain@example.cn', false, 'ZHOU Ping')
  await makeUser(server.db, 'organizer-a@example.org', { role: { eventSlug: A.slug, role: 'organizer' } })
  await makeUser(server.db, 'admin@example.org', { admin: true })
  organizerA = await signedIn(server.origin, 'organizer-a@example.org')
  admin = await signedIn(server.origin, 'admin@example.org')
})
afterAll(async () => {
  await server?.close()
})

const HEADER = '邮箱,姓,名,latin_name,电话,VIP'

function upload(csv: string, options: { event?: string; onDuplicate?: 'skip' | 'update' } = {}) {
  const form = new FormData()
  form.set('intent', 'preview')
  form.set('encoding', 'auto')
  form.set('on_duplicate', options.onDuplicate ?? 'update')
  form.set('event', options.event ?? '')
  form.set('file', new Blob([csv]), 'list.csv')
  return form
}

/** Previews `csv` as `client`, then commits it with `onDuplicate`. */
async function importAs(client: TestClient, csv: string, onDuplicate: 'skip' | 'update', event = '') {
  const shown = await client.request('/people/import?lng=en', {
    method: 'POST',
    body: upload(csv, { onDuplicate, event }),
  })
  const previewHtml = await shown.text()
  const importId = previewHtml.match(/name="import_id" value="([^"]+)"/)?.[1]
  if (!importId) throw new Error(`no commit form: ${shown.status} ${previewHtml.slice(0, 300)}`)
  const committed = await client.post('/people/import?lng=en', {
    intent: 'commit',
    import_id: importId,
    on_duplicate: onDuplicate,
    event,
  })
  return { previewHtml, committed, html: committed.status === 302 ? '' : await committed.text() }
}

const personRow = (id: string) =>
  server.db
    .selectFrom('people')
    .select(['family_name', 'given_name', 'latin_name', 'phone', 'vip', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

const emailOf = async (id: string) =>
  (await server.db.selectFrom('people').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email

describe('changing a person of the shared directory', () => {
  it('refuses an organizer of A the update of a person invited to B, naming the row; nothing changes', async () => {
    const before = await personRow(person.ofB)
    const ofA = await personRow(person.ofA)
    const csv = [
      HEADER,
      `${await emailOf(person.ofA)},王,甲,WANG Jia,+86 111,否`,
      `${await emailOf(person.ofB)},王,改,WANG Gai,+86 999,是`,
    ].join('\n')
    const { previewHtml, committed, html } = await importAs(organizerA, csv, 'update')
    expect(previewHtml).toContain('Belongs to events you do not organize: this row can only be skipped.')
    expect(committed.status).toBe(400)
    expect(html).toContain('Not saved: row(s) 3 would change people who belong to events you do not organize.')
    expect(await personRow(person.ofB)).toEqual(before)
    // all or nothing: A's own person in the same file is not changed either
    expect(await personRow(person.ofA)).toEqual(ofA)
  })

  it('refuses the update of a person used by A and by B alike', async () => {
    const before = await personRow(person.ofBoth)
    const csv = [HEADER, `${await emailOf(person.ofBoth)},王,改,WANG Gai,+86 999,是`].join('\n')
    const { committed } = await importAs(organizerA, csv, 'update')
    expect(committed.status).toBe(400)
    expect(await personRow(person.ofBoth)).toEqual(before)
  })

  it('lets the organizer of A skip those rows, and update people only A uses or no event uses', async () => {
    const ofB = await personRow(person.ofB)
    const skipped = await importAs(organizerA, [HEADER, `${await emailOf(person.ofB)},王,改,,,是`].join('\n'), 'skip')
    expect(skipped.committed.status).toBe(302)
    expect(await personRow(person.ofB)).toEqual(ofB)

    const csv = [
      HEADER,
      `${await emailOf(person.ofA)},王,甲,WANG Jia,+86 111,是`,
      'free@example.cn,王,乙,WANG Yi,+86 222,是',
    ].join('\n')
    const { committed } = await importAs(organizerA, csv, 'update')
    expect(committed.status).toBe(302)
    expect(new URL(committed.headers.get('location') ?? '', server.origin).searchParams.get('updated')).toBe('2')
    expect(await personRow(person.ofA)).toMatchObject({ family_name: '王', given_name: '甲', phone: '+86 111', vip: 1 })
    expect(await personRow(person.free)).toMatchObject({
      family_name: '王',
      given_name: '乙',
      phone: '+86 222',
      vip: 1,
    })
  })

  it('lets an admin update a person invited to B', async () => {
    const csv = [HEADER, `${await emailOf(person.ofB)},王,改,WANG Gai,+86 999,是`].join('\n')
    const { previewHtml, committed } = await importAs(admin, csv, 'update')
    expect(previewHtml).not.toContain('Belongs to events you do not organize')
    expect(committed.status).toBe(302)
    expect(await personRow(person.ofB)).toMatchObject({ family_name: '王', given_name: '改', phone: '+86 999', vip: 1 })
  })
})

describe('inviting to a VIP-only session', () => {
  const invitationOf = (personId: string) =>
    server.db
      .selectFrom('invitations')
      .select('id')
      .where('event_id', '=', A.id)
      .where('person_id', '=', personId)
      .executeTakeFirst()

  it('refuses to invite a non-VIP from the directory to a VIP-only session, naming both', async () => {
    const [, lunch] = A.sessionIds
    const form = new URLSearchParams()
    form.append('person', person.vip)
    form.append('person', person.plain)
    form.append('session', lunch as string)
    const refused = await organizerA.request(`/events/${A.slug}/invitations/new?lng=en`, { method: 'POST', body: form })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain(
      'ZHOU Ping is not a VIP, and “VIP lunch” is for VIPs only. Nothing was created.',
    )
    expect(await invitationOf(person.vip)).toBeUndefined()
    expect(await invitationOf(person.plain)).toBeUndefined()

    const vipOnly = new URLSearchParams([
      ['person', person.vip],
      ['session', lunch as string],
    ])
    const invited = await organizerA.request(`/events/${A.slug}/invitations/new?lng=en`, {
      method: 'POST',
      body: vipOnly,
    })
    expect(invited.status).toBe(302)
    expect(await invitationOf(person.vip)).toBeDefined()
  })

  it('marks an import row naming a VIP-only session for a non-VIP invalid, and offers no commit', async () => {
    const csv = ['邮箱,姓,名,latin_name,VIP,议程', 'new-guest@example.cn,孙,七,SUN Qi,否,A forum; VIP lunch'].join('\n')
    const response = await organizerA.request('/people/import?lng=en', {
      method: 'POST',
      body: upload(csv, { event: A.slug, onDuplicate: 'skip' }),
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('data-count="invalid">1<')
    expect(html).toContain('“VIP lunch” is for VIPs only, and this person is not a VIP.')
    expect(html).not.toContain('name="import_id"')
  })

  it('accepts the row for a VIP (by the row or as stored)', async () => {
    const csv = [
      '邮箱,姓,名,latin_name,VIP,议程',
      'new-vip@example.cn,孙,八,SUN Ba,是,VIP lunch',
      'vip@example.cn,陈,静,CHEN Jing,,VIP lunch',
    ].join('\n')
    const { committed } = await importAs(organizerA, csv, 'skip', A.slug)
    expect(committed.status).toBe(302)
    expect(new URL(committed.headers.get('location') ?? '', server.origin).searchParams.get('created')).toBe('1')
  })

  it('refuses at commit a row whose VIP cell is skipped with its duplicate, naming the row', async () => {
    const csv = ['邮箱,姓,名,latin_name,VIP,议程', 'plain@example.cn,周,平,ZHOU Ping,是,VIP lunch'].join('\n')
    const { committed, html } = await importAs(organizerA, csv, 'skip', A.slug)
    expect(committed.status).toBe(400)
    expect(html).toContain('Not saved: row(s) 2 invite people who are not VIPs to a VIP-only session.')
    expect(await invitationOf(person.plain)).toBeUndefined()
    expect((await personRow(person.plain)).vip).toBe(0)
  })
})
