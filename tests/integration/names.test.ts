/**
 * Names in every culture (issue 16): a person imported with a Latin name only (John Smith,
 * English) registers without being asked for a name in another script or a kana reading, the
 * portal and the confirmation mail greet him by his name as he wrote it, and changing his
 * registration keeps the consent he gave. SQLite and PostgreSQL, through the real HTTP layer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderMail } from '../../app/server/mails.server'
import { makeEvent, makeInvitees, registrationForm, TEST_SECRET } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

const SLUG = 'names-event'
let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.close()
})

describe('a delegate with a Latin name only', () => {
  it('registers in English without a native-script name or kana, and is greeted as John Smith', async () => {
    const event = await makeEvent(server.db, {
      slug: SLUG,
      sessions: [{ title: 'Hydrogen forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
    })
    const [invitee] = await makeInvitees(server.db, event, 1, { prefix: 'john-', language: 'en' })
    if (!invitee) throw new Error('no invitee')
    await server.db
      .updateTable('people')
      .set({ family_name: '', given_name: '', latin_name: 'John Smith', kana: null })
      .where('id', '=', invitee.personId)
      .execute()
    const client = new TestClient(server.origin)
    expect((await client.request(`/i/${invitee.token}`, { method: 'POST' })).status).toBe(303)
    const form = await (await client.get(`/e/${SLUG}/register?lng=en`)).text()
    // No kana asked of an English reader.
    expect(form).not.toContain('name="kana"')
    const key = /name="submission_key" value="([^"]+)"/.exec(form)?.[1] ?? ''
    const body = registrationForm(invitee.email, [event.sessionIds[0] ?? ''], {
      submission_key: key,
      family_name: '',
      given_name: '',
      kana: '',
      latin_name: 'John Smith',
      language: 'en',
      interpretation: 'en',
    })
    const saved = await client.request(`/e/${SLUG}/register?lng=en`, { method: 'POST', body })
    expect(saved.status).toBe(303)

    const portal = await (await client.get(`/e/${SLUG}/me?lng=en`)).text()
    expect(portal).toContain('John Smith')
    const registration = await server.db
      .selectFrom('registrations')
      .select(['id', 'family_name', 'given_name', 'latin_name'])
      .where('email', '=', invitee.email)
      .executeTakeFirstOrThrow()
    expect([registration.family_name, registration.given_name, registration.latin_name]).toEqual(['', '', 'John Smith'])
    const row = await server.db
      .selectFrom('outbox')
      .selectAll()
      .where('registration_id', '=', registration.id)
      .where('kind', '=', 'confirmation')
      .executeTakeFirstOrThrow()
    const mail = await renderMail(server.db, { appUrl: new URL(server.origin), sessionSecret: TEST_SECRET }, row)
    expect(mail.ok && mail.text).toContain('Dear John Smith,')

    // Changing the registration later: the consent he gave is kept and shown, not asked again,
    // so the change succeeds at the first submit, as a browser sends the form.
    const again = await (await client.get(`/e/${SLUG}/register?lng=en`)).text()
    expect(/<input[^>]*name="consent"[^>]*>/.exec(again)?.[0]).toContain('checked=""')
    const changeKey = /name="submission_key" value="([^"]+)"/.exec(again)?.[1] ?? ''
    const changed = await client.request(`/e/${SLUG}/register?lng=en`, {
      method: 'POST',
      body: registrationForm(invitee.email, [event.sessionIds[0] ?? ''], {
        submission_key: changeKey,
        family_name: '',
        given_name: '',
        kana: '',
        latin_name: 'John Smith',
        language: 'en',
        interpretation: 'en',
        title: 'Managing Director',
      }),
    })
    expect(changed.status).toBe(303)
    expect(changed.headers.get('Location')).toContain('saved=changed')
  })
})
