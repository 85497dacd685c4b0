/**
 * The devices page's data: an event's check-in devices with the sessions each may scan, its state
 * and when it was last seen, the sessions to choose from, the device waiting for a revocation to
 * be confirmed, and the enrollment QR shown once after a device is made or given a new one.
 */

import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import type { Database, EventRow, Language } from '../../db/schema'
import { formatDateTime } from '../i18n/format'
import { localizedField } from '../i18n/localized'
import { listSessions } from '../sessions/sessions.server'
import { listDevices } from './devices.server'

export type DevicesPage = Awaited<ReturnType<typeof devicesPage>>

export type Enrollment = Awaited<ReturnType<typeof enrollmentView>>

/** The devices of `event`, with `confirmId`'s device to confirm revoking (when it is not revoked yet). */
export async function devicesPage(db: Kysely<Database>, event: EventRow, confirmId: string | null, lng: Language) {
  const [devices, sessions] = await Promise.all([listDevices(db, event.id), listSessions(db, event.id)])
  const titleOf = new Map(sessions.map((s) => [s.id, localizedField(s, 'title', lng)]))
  const when = (iso: string | null) => (iso ? formatDateTime(iso, event.timezone, lng) : null)
  return {
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    sessions: sessions.map((s) => ({ id: s.id, title: localizedField(s, 'title', lng) })),
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      sessions: d.sessionIds.flatMap((id) => titleOf.get(id) ?? []),
      state: d.revokedAt ? ('revoked' as const) : d.enrolledAt ? ('enrolled' as const) : ('pending' as const),
      lastSeen: when(d.lastSeenAt),
    })),
    confirm: confirmId ? (devices.find((d) => d.id === confirmId && !d.revokedAt) ?? null) : null,
  }
}

/**
 * The QR a staff phone scans once for the device `name`: the enrollment page, with the one-time
 * code in the fragment (never sent in a request line), and when the code expires.
 */
export async function enrollmentView(
  appUrl: URL,
  name: string,
  code: string,
  expiresAt: string,
  timezone: string,
  lng: Language,
) {
  const url = new URL('/scan/enroll', appUrl)
  url.hash = code
  const svg = await QRCode.toString(url.toString(), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { name, url: url.toString(), svg, expiresAt: formatDateTime(expiresAt, timezone, lng) }
}

/** What an action on the devices page did to the device `name`, or why it refused. */
export type DeviceOutcome =
  | { ok: true; done: 'created' | 'renamed' | 'newQr' | 'revoked'; name: string }
  | { ok: false; reason: 'not_found' | 'name_required' | 'name_too_long' | 'unknown_session' }
