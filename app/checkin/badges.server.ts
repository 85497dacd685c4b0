/**
 * Badges and VIP table name cards for printing: every confirmed registration of an event with
 * its ticket's QR code (SVG, rebuilt from the secret as for the mails), the name in its own
 * script and in Latin, the organization, and a role for the colour band (ADR 0012).
 */
import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import type { Database } from '../../db/schema'
import { nativeName } from '../people/names'
import { registrationTicketCode } from '../registration/registration.server'

export type BadgeRole = 'delegate' | 'vip'

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
    ])
    .where('r.event_id', '=', eventId)
    .where('r.status', '=', 'confirmed')
    .orderBy('r.organization_name')
    .orderBy('r.latin_name')
  if (options.vipOnly) query = query.where('p.vip', '=', 1)
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
      role: r.vip === 1 ? 'vip' : 'delegate',
      qrSvg: await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      code: code.match(/.{1,4}/g)?.join(' ') ?? code,
    })
  }
  return badges
}

/** Every confirmed registration's ticket code, for the badge vendor's export (admins only). */
export async function ticketCodes(db: Kysely<Database>, secret: string, eventId: string): Promise<Map<string, string>> {
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
