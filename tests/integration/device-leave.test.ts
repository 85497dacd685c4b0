/**
 * A phone removes itself (issue 16): "remove this device from this phone" tells the server, so
 * the devices page shows it revoked and its token opens nothing any more. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDevice, enrollDevice } from '../../app/checkin/devices.server'
import { makeEvent } from '../helpers/registration'
import { startTestServer, TestClient, type TestServer } from '../helpers/server'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.close()
})

describe('a phone that removes its device', () => {
  it('revokes the device on the server, from the phone, and its token stops working', async () => {
    const event = await makeEvent(server.db, {
      slug: 'leave-event',
      sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' }],
    })
    const created = await createDevice(server.db, event.id, { name: 'North door', sessionIds: [] }, { userId: null })
    if (!created.ok) throw new Error(created.reason)
    const enrolled = await enrollDevice(server.db, created.enrollmentCode)
    if (!enrolled.ok) throw new Error('not enrolled')
    const phone = new TestClient(server.origin)
    const auth = { headers: { Authorization: `Device ${enrolled.token}` } }
    expect((await phone.get('/api/v1/sessions', auth)).status).toBe(200)

    const left = await phone.request('/api/v1/device/leave', { method: 'POST', body: '{}', ...auth })
    expect(left.status).toBe(200)
    const row = await server.db
      .selectFrom('checkin_devices')
      .select(['revoked_at', 'token_hash'])
      .where('id', '=', created.deviceId)
      .executeTakeFirstOrThrow()
    expect(row.revoked_at).not.toBeNull()
    expect(row.token_hash).toBeNull()
    const audit = await server.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_id', '=', created.deviceId)
      .where('action', '=', 'device.revoke')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ by: 'phone' })
    expect((await phone.get('/api/v1/sessions', auth)).status).toBe(401)
  })

  it('is refused without a device token', async () => {
    const response = await new TestClient(server.origin).request('/api/v1/device/leave', { method: 'POST', body: '{}' })
    expect(response.status).toBe(401)
  })
})
