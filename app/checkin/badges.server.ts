/**
 * Badges and VIP table name cards for printing: every confirmed registration of an event with
 * its ticket's QR code (SVG, rebuilt from the secret as for the mails), the name in its own
 * script and in Latin, the organization, and a role for the colour band (ADR 0012).
 */
import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import { nowIso } from '../../db/ids'
import type { BadgeRole, Database } from '../../db/schema'
import { audit } from '../audit/audit.server'
import { nativeName } from '../people/names'
import { registrationTicketCode } from '../registration/registration.server'
import { isBadgeRole } from './badge-roles'

export type { BadgeRole }

/** Sets the role printed on a registration's badge; null goes back to the person's (VIP or delegate). */
export async function setBadgeRole(
  db: Kysely<Database>,
  eventId: string,
  registrationId: string,
  role: unknown,
  actor: { userId: string | null; ip?: string | null },
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: 'invalid_role' | 'not_found' }> {
  if (role !== null && !isBadgeRole(role)) return { ok: false, reason: 'invalid_role' }
  const result = await db
    .updateTable('registrations')
    .set({ badge_role: role, updated_at: nowIso(now) })
    .where('id', '=', registrationId)
    .where('event_id', '=', eventId)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: 'not_found' }
  await audit(
    db,
    {
      actorUserId: actor.userId,
      action: 'registration.badge_role',
      entityType: 'registration',
      entityId: registrationId,
      detail: { role },
      ip: actor.ip,
    },
    now,
  )
  return { ok: true }
}

export interface Badge {
  registrationId: string
  name: string
  latinName: string
  kana: string | null
  organization: string
  title: string
  role: BadgeRole
  /** the ticket's QR code as an SVG document (no user text in it) */
  qrSvg: string
  /** the ticket code in groups of four, printed under the QR for reading out */
  code: string
}

/** Badges for the event's confirmed registrations, by organization then Latin name. */
export async function eventBadges(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  options: { vipOnly?: boolean } = {},
): Promise<Badge[]> {
  let query = db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .select([
      'r.id',
      'r.status',
      'r.ticket_nonce',
      'r.language',
      'o.name_zh',
      'o.name_en',
      'o.name_ja',
      'r.family_name',
      'r.given_name',
      'r.latin_name',
      'r.kana',
      'r.organization_name',
      'r.title',
      'p.vip',
      'r.badge_role',
    ])
    .where('r.event_id', '=', eventId)
    .where('r.status', '=', 'confirmed')
    .orderBy('r.organization_name')
    .orderBy('r.latin_name')
  // Table name cards: VIPs by the person's flag or by the role an organizer chose.
  if (options.vipOnly) {
    query = query.where((eb) =>
      eb.or([eb('r.badge_role', '=', 'vip'), eb.and([eb('p.vip', '=', 1), eb('r.badge_role', 'is', null)])]),
    )
  }
  const rows = await query.execute()
  const badges: Badge[] = []
  for (const r of rows) {
    const code = registrationTicketCode(secret, r)
    if (!code) continue
    const native = nativeName({ familyName: r.family_name, givenName: r.given_name, latinName: r.latin_name })
    badges.push({
      registrationId: r.id,
      name: native || r.latin_name,
      latinName: r.latin_name,
      kana: r.kana,
      // As typed in the form; else the directory's name, in the delegate's own language.
      organization:
        r.organization_name ||
        (r.language === 'ja' ? r.name_ja : r.language === 'zh' ? r.name_zh : r.name_en) ||
        r.name_en ||
        '',
      title: r.title,
      role: r.badge_role ?? (r.vip === 1 ? 'vip' : 'delegate'),
      qrSvg: await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      code: code.match(/.{1,4}/g)?.join(' ') ?? code,
    })
  }
  return badges
}

/** Who takes an event's ticket codes out of Signet (a code is a ticket): kept in the audit log. */
export interface TicketReader {
  userId: string
  ip: string | null
}

/**
 * The badges with their ticket codes, for printing: recorded in the audit log (who, which event,
 * how many codes, when), as every way of taking ticket codes out of Signet is (issue 14).
 */
export async function printBadges(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  reader: TicketReader,
  now = new Date(),
): Promise<Badge[]> {
  const badges = await eventBadges(db, secret, eventId)
  await auditTicketCodes(db, reader, eventId, 'badges', badges.length, now)
  return badges
}

/** Every confirmed registration's ticket code for the badge vendor's export (admins only), audited. */
export async function exportTicketCodes(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  reader: TicketReader & { format: 'csv' | 'xlsx' },
  now = new Date(),
): Promise<Map<string, string>> {
  const codes = await ticketCodes(db, secret, eventId)
  await auditTicketCodes(db, reader, eventId, `registrations.${reader.format}`, codes.size, now)
  return codes
}

function auditTicketCodes(
  db: Kysely<Database>,
  reader: TicketReader,
  eventId: string,
  what: string,
  count: number,
  now: Date,
): Promise<void> {
  return audit(
    db,
    {
      actorUserId: reader.userId,
      action: 'export.ticket_codes',
      entityType: 'event',
      entityId: eventId,
      detail: { what, count },
      ip: reader.ip,
    },
    now,
  )
}

async function ticketCodes(db: Kysely<Database>, secret: string, eventId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('registrations')
    .select(['id', 'status', 'ticket_nonce'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .execute()
  const codes = new Map<string, string>()
  for (const r of rows) {
    const code = registrationTicketCode(secret, r)
    if (code) codes.set(r.id, code)
  }
  return codes
}
