/**
 * Check-in devices: a staff phone or a third-party scanner allowed to check people in at one
 * event, optionally only at some of its sessions. An organizer creates one and gets an
 * enrollment code, shown once as a QR; the phone exchanges it for its own device token. Both are
 * random (128 and 256 bits) and stored as SHA-256 only. Revoking a device refuses its next
 * request (ADR 0012).
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { CheckinDevice, Database } from '../../db/schema'
import { audit } from '../audit/audit.server'
import { sha256Hex } from '../registration/secrets.server'

/** How long an enrollment QR may wait to be scanned. */
export const ENROLLMENT_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** last_seen_at is written at most this often per device, not on every scan. */
const SEEN_EVERY_MS = 60_000
export const DEVICE_NAME_MAX = 80

export interface DeviceActor {
  userId: string | null
  ip?: string | null
}

export interface DeviceSummary {
  id: string
  name: string
  sessionIds: string[]
  createdAt: string
  enrolledAt: string | null
  lastSeenAt: string | null
  revokedAt: string | null
  /** an enrollment QR was made and not used yet */
  enrollmentPending: boolean
}

export type DeviceNameResult = { ok: true; name: string } | { ok: false; reason: 'name_required' | 'name_too_long' }

/** A device's name as typed: trimmed, one line, required, at most 80 characters. */
export function parseDeviceName(raw: unknown): DeviceNameResult {
  const name = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : ''
  if (name === '') return { ok: false, reason: 'name_required' }
  if ([...name].length > DEVICE_NAME_MAX) return { ok: false, reason: 'name_too_long' }
  return { ok: true, name }
}

function secret(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}

export type CreateDeviceResult =
  | { ok: true; deviceId: string; enrollmentCode: string; enrollmentExpiresAt: string }
  | { ok: false; reason: 'name_required' | 'name_too_long' | 'unknown_session' }

/**
 * Creates a device for the event, limited to `sessionIds` (empty: every session), and returns
 * its enrollment code, which exists nowhere else afterwards.
 */
export async function createDevice(
  db: Kysely<Database>,
  eventId: string,
  input: { name: unknown; sessionIds: readonly string[] },
  actor: DeviceActor,
  now = new Date(),
): Promise<CreateDeviceResult> {
  const name = parseDeviceName(input.name)
  if (!name.ok) return name
  const sessionIds = [...new Set(input.sessionIds)]
  return db.transaction().execute(async (trx) => {
    if (sessionIds.length > 0) {
      const own = await trx
        .selectFrom('sessions')
        .select('id')
        .where('event_id', '=', eventId)
        .where('id', 'in', sessionIds)
        .execute()
      if (own.length !== sessionIds.length) return { ok: false, reason: 'unknown_session' } as const
    }
    const id = newId()
    const at = nowIso(now)
    const enrollmentCode = secret(16)
    const enrollmentExpiresAt = nowIso(new Date(now.getTime() + ENROLLMENT_TTL_MS))
    await trx
      .insertInto('checkin_devices')
      .values({
        id,
        event_id: eventId,
        name: name.name,
        token_hash: null,
        enrollment_hash: sha256Hex(enrollmentCode),
        enrollment_expires_at: enrollmentExpiresAt,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
        enrolled_at: null,
        last_seen_at: null,
        revoked_at: null,
      })
      .execute()
    if (sessionIds.length > 0) {
      await trx
        .insertInto('checkin_device_sessions')
        .values(sessionIds.map((session_id) => ({ device_id: id, session_id })))
        .execute()
    }
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'device.create',
        entityType: 'checkin_device',
        entityId: id,
        detail: { name: name.name, sessions: sessionIds.length },
        ip: actor.ip,
      },
      now,
    )
    return { ok: true, deviceId: id, enrollmentCode, enrollmentExpiresAt } as const
  })
}

export type EnrollResult =
  | { ok: true; token: string; device: { id: string; name: string; eventId: string } }
  | { ok: false; reason: 'invalid' }

/**
 * Exchanges an enrollment code for the device's token, once. An expired, used or unknown code,
 * or a revoked device, all answer the same: invalid.
 */
export async function enrollDevice(db: Kysely<Database>, code: string, now = new Date()): Promise<EnrollResult> {
  if (typeof code !== 'string' || code.length < 16 || code.length > 64) return { ok: false, reason: 'invalid' }
  const token = secret(32)
  const at = nowIso(now)
  const device = await db
    .updateTable('checkin_devices')
    .set({ token_hash: sha256Hex(token), enrollment_hash: null, enrollment_expires_at: null, enrolled_at: at })
    .where('enrollment_hash', '=', sha256Hex(code))
    .where('enrollment_expires_at', '>', at)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'event_id'])
    .executeTakeFirst()
  if (!device) return { ok: false, reason: 'invalid' }
  await audit(
    db,
    { actorUserId: null, action: 'device.enroll', entityType: 'checkin_device', entityId: device.id },
    now,
  )
  return { ok: true, token, device: { id: device.id, name: device.name, eventId: device.event_id } }
}

/**
 * A new enrollment code for a device (its phone was lost or replaced): the token it had stops
 * working at once.
 */
export async function renewEnrollment(
  db: Kysely<Database>,
  eventId: string,
  deviceId: string,
  actor: DeviceActor,
  now = new Date(),
): Promise<{ ok: true; enrollmentCode: string; enrollmentExpiresAt: string } | { ok: false; reason: 'not_found' }> {
  const enrollmentCode = secret(16)
  const enrollmentExpiresAt = nowIso(new Date(now.getTime() + ENROLLMENT_TTL_MS))
  const result = await db
    .updateTable('checkin_devices')
    .set({
      token_hash: null,
      enrollment_hash: sha256Hex(enrollmentCode),
      enrollment_expires_at: enrollmentExpiresAt,
      enrolled_at: null,
      updated_at: nowIso(now),
    })
    .where('id', '=', deviceId)
    .where('event_id', '=', eventId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: 'not_found' }
  await audit(
    db,
    {
      actorUserId: actor.userId,
      action: 'device.renew',
      entityType: 'checkin_device',
      entityId: deviceId,
      ip: actor.ip,
    },
    now,
  )
  return { ok: true, enrollmentCode, enrollmentExpiresAt }
}

/** A device token mints directly (CLI, third-party scanners): returned once, stored hashed. */
export async function issueDeviceToken(
  db: Kysely<Database>,
  deviceId: string,
  now = new Date(),
): Promise<{ ok: true; token: string } | { ok: false; reason: 'not_found' }> {
  const token = secret(32)
  const at = nowIso(now)
  const result = await db
    .updateTable('checkin_devices')
    .set({ token_hash: sha256Hex(token), enrollment_hash: null, enrollment_expires_at: null, enrolled_at: at })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: 'not_found' }
  return { ok: true, token }
}

export async function renameDevice(
  db: Kysely<Database>,
  eventId: string,
  deviceId: string,
  rawName: unknown,
  actor: DeviceActor,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'name_required' | 'name_too_long' }> {
  const name = parseDeviceName(rawName)
  if (!name.ok) return name
  const result = await db
    .updateTable('checkin_devices')
    .set({ name: name.name, updated_at: nowIso(now) })
    .where('id', '=', deviceId)
    .where('event_id', '=', eventId)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: 'not_found' }
  await audit(
    db,
    {
      actorUserId: actor.userId,
      action: 'device.rename',
      entityType: 'checkin_device',
      entityId: deviceId,
      detail: { name: name.name },
      ip: actor.ip,
    },
    now,
  )
  return { ok: true }
}

/** Revokes a device for good: its token and any unused enrollment code stop working at once. */
export async function revokeDevice(
  db: Kysely<Database>,
  eventId: string | null,
  deviceId: string,
  actor: DeviceActor,
  now = new Date(),
  /** 'phone': the phone itself asked to be removed (staff tapped "remove" on it) */
  by: 'page' | 'phone' = 'page',
): Promise<{ ok: true } | { ok: false; reason: 'not_found' }> {
  const at = nowIso(now)
  let query = db
    .updateTable('checkin_devices')
    .set({ revoked_at: at, token_hash: null, enrollment_hash: null, enrollment_expires_at: null, updated_at: at })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
  if (eventId) query = query.where('event_id', '=', eventId)
  const result = await query.executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: 'not_found' }
  await audit(
    db,
    {
      actorUserId: actor.userId,
      action: 'device.revoke',
      entityType: 'checkin_device',
      entityId: deviceId,
      detail: by === 'phone' ? { by: 'phone' } : undefined,
      ip: actor.ip,
    },
    now,
  )
  return { ok: true }
}

export interface AuthenticatedDevice {
  id: string
  name: string
  eventId: string
  /** the sessions it may serve; empty: all of the event's */
  sessionIds: string[]
}

/** The device a token belongs to, or null (unknown, revoked, or replaced by a new enrollment). */
export async function authenticateDevice(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<AuthenticatedDevice | null> {
  if (token.length < 32 || token.length > 128) return null
  // One query: the device and the sessions it is limited to (one row each, or one with null).
  const rows = await db
    .selectFrom('checkin_devices as d')
    .leftJoin('checkin_device_sessions as s', 's.device_id', 'd.id')
    .select(['d.id', 'd.name', 'd.event_id', 'd.last_seen_at', 's.session_id'])
    .where('d.token_hash', '=', sha256Hex(token))
    .where('d.revoked_at', 'is', null)
    .execute()
  const device = rows[0]
  if (!device) return null
  if (!device.last_seen_at || now.getTime() - Date.parse(device.last_seen_at) > SEEN_EVERY_MS) {
    await db
      .updateTable('checkin_devices')
      .set({ last_seen_at: nowIso(now) })
      .where('id', '=', device.id)
      .execute()
  }
  const limits = rows.flatMap((r) => (r.session_id ? [{ session_id: r.session_id }] : []))
  return { id: device.id, name: device.name, eventId: device.event_id, sessionIds: limits.map((l) => l.session_id) }
}

/** The event's devices, newest first, revoked ones last. */
export async function listDevices(db: Kysely<Database>, eventId: string): Promise<DeviceSummary[]> {
  const devices = await db
    .selectFrom('checkin_devices')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('created_at', 'desc')
    .execute()
  const limits =
    devices.length === 0
      ? []
      : await db
          .selectFrom('checkin_device_sessions')
          .select(['device_id', 'session_id'])
          .where(
            'device_id',
            'in',
            devices.map((d) => d.id),
          )
          .execute()
  const summary = (d: CheckinDevice): DeviceSummary => ({
    id: d.id,
    name: d.name,
    sessionIds: limits.filter((l) => l.device_id === d.id).map((l) => l.session_id),
    createdAt: d.created_at,
    enrolledAt: d.enrolled_at,
    lastSeenAt: d.last_seen_at,
    revokedAt: d.revoked_at,
    enrollmentPending: d.enrollment_hash !== null,
  })
  return [...devices.filter((d) => !d.revoked_at), ...devices.filter((d) => d.revoked_at)].map(summary)
}

/** Whether a device (or a person scanning without one) may serve a session. */
export function mayServe(device: Pick<AuthenticatedDevice, 'sessionIds'>, sessionId: string): boolean {
  return device.sessionIds.length === 0 || device.sessionIds.includes(sessionId)
}
