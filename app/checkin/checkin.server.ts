import type { ExpressionBuilder, Kysely } from 'kysely'
import { newId } from '../../db/ids'
import type { Database, Diet, PeopleTable, RegistrationsTable, SessionRow } from '../../db/schema'
import { serialized, serializedBatch } from '../../db/serialized'
import { nativeName } from '../people/names'
import { ticketHash } from '../registration/secrets.server'
import { asTicketCode } from '../registration/ticket-code'
import { type AuthenticatedDevice, mayServe } from './devices.server'
import type { Attendee, AttendeeNote, Verdict } from './door-answers'
import { decideCheckin, decideUndo, scanTime, scanWindowAt } from './rules'

/** Who is scanning: an enrolled device, or a signed-in staff member without one. */
export type Scanner =
  | { kind: 'device'; device: AuthenticatedDevice }
  | { kind: 'user'; userId: string; name: string; eventId: string }

function actorKey(scanner: Scanner): string {
  return scanner.kind === 'device' ? `device:${scanner.device.id}` : `user:${scanner.userId}`
}

export function scannerEventId(scanner: Scanner): string {
  return scanner.kind === 'device' ? scanner.device.eventId : scanner.eventId
}

export function mayServeSession(scanner: Scanner, session: Pick<SessionRow, 'id' | 'event_id'>): boolean {
  if (session.event_id !== scannerEventId(scanner)) return false
  return scanner.kind === 'user' || mayServe(scanner.device, session.id)
}

export interface RedeemRequest {
  /** the scanned or typed code; or, for an admission found by name at the door, the registration */
  code: string | { registrationId: string }
  sessionId: string
  nonce: string
  scannedAt?: string
  offline?: boolean
  /** staff check in anyway outside the session's scan window (recorded as an override) */
  override?: boolean
}

export type RedeemResult =
  | { ok: true; verdict: Verdict; eventId: string }
  | { ok: false; reason: 'unknown_session' | 'forbidden_session' }

interface AttendeeRow {
  family_name: string
  given_name: string
  latin_name: string
  kana: string | null
  organization_name: string
  title: string
  vip: number
  diet: Diet
  allergies: string
  accessibility: string
  interpretation: string
}

export function attendeeOf(r: AttendeeRow): Attendee {
  const native = nativeName({ familyName: r.family_name, givenName: r.given_name, latinName: r.latin_name })
  const notes: AttendeeNote[] = []
  if (r.diet !== 'none') notes.push({ kind: 'diet', value: r.diet })
  if (r.allergies.trim()) notes.push({ kind: 'allergies', value: r.allergies.trim() })
  if (r.accessibility.trim()) notes.push({ kind: 'accessibility', value: r.accessibility.trim() })
  if (r.interpretation.trim()) notes.push({ kind: 'interpretation', value: r.interpretation.trim() })
  return {
    name: native || r.latin_name,
    latinName: r.latin_name,
    kana: r.kana,
    organization: r.organization_name,
    title: r.title,
    vip: r.vip === 1,
    notes,
  }
}

export function attendeeColumns() {
  return [
    'r.id',
    'r.event_id',
    'r.status',
    'r.family_name',
    'r.given_name',
    'r.latin_name',
    'r.kana',
    'r.organization_name',
    'r.title',
    'r.diet',
    'r.allergies',
    'r.accessibility',
    'r.interpretation',
    'p.vip',
  ] as const
}

/**
 * Redeems a scanned code at a session's door. Of many scans of one code for one session at the
 * same moment exactly one is admitted: the decision and its record are made under a lock on that
 * pair, and scans arriving together share one commit (serializedBatch). The same nonce from the same scanner returns the first answer and records nothing new.
 */
export async function redeem(
  db: Kysely<Database>,
  scanner: Scanner,
  request: RedeemRequest,
  now = new Date(),
): Promise<RedeemResult> {
  const session = await db
    .selectFrom('sessions as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select(['s.id', 's.event_id', 's.registration_required', 's.vip_only', 's.starts_at', 's.ends_at'])
    .select('e.scan_opens_minutes')
    .where('s.id', '=', request.sessionId)
    .executeTakeFirst()
  if (!session) return { ok: false, reason: 'unknown_session' }
  if (!mayServeSession(scanner, session)) return { ok: false, reason: 'forbidden_session' }

  const key = actorKey(scanner)
  const manual = typeof request.code !== 'string'
  let hash: string | null
  if (typeof request.code === 'string') {
    const code = asTicketCode(request.code)
    hash = code ? ticketHash(code) : null
  } else {
    // Found by name at the door: the registration's ticket, at this event only, decides as a scan would.
    const found = await db
      .selectFrom('registrations')
      .select('ticket_hash')
      .where('id', '=', request.code.registrationId)
      .where('event_id', '=', session.event_id)
      .executeTakeFirst()
    hash = found?.ticket_hash ?? null
  }
  const offline = request.offline === true
  // Event first: a batch's pieces run in key order, and the event's counts are locked first (ADR 0017).
  const lock = `checkin:${session.event_id}:${session.id}:${hash ?? 'unreadable'}`

  return serializedBatch(db, lock, async (trx) => {
    // A valid code, the usual case, is one query: the ticket with its seat, its first admission
    // to this session and any earlier answer to this nonce (round trips are what a batch of door
    // scans waits for on PostgreSQL, issue 17).
    const found = hash ? await ticketAtDoor(trx, hash, session.id, key, request.nonce) : undefined
    const earlierAnswer = found
      ? found.earlier_answer
      : (
          await trx
            .selectFrom('checkins')
            .select('answer')
            .where('actor_key', '=', key)
            .where('nonce', '=', request.nonce)
            .executeTakeFirst()
        )?.answer
    if (earlierAnswer) return { ok: true, verdict: JSON.parse(earlierAnswer) as Verdict, eventId: session.event_id }

    const ticket = found
    const revokedFor =
      hash && !ticket
        ? await trx
            .selectFrom('revoked_tickets as t')
            .innerJoin('registrations as r', 'r.id', 't.registration_id')
            .innerJoin('people as p', 'p.id', 'r.person_id')
            .select(attendeeColumns())
            .where('t.ticket_hash', '=', hash)
            .executeTakeFirst()
        : undefined
    const holder = ticket ?? revokedFor
    const sameEvent = holder?.event_id === session.event_id
    const seat = ticket && sameEvent && ticket.seat_status ? { status: ticket.seat_status } : undefined
    const previous =
      ticket && sameEvent && ticket.previous_at ? { at: ticket.previous_at, door: ticket.previous_door } : null
    const scannedAt = scanTime(now, request.scannedAt, offline, session.starts_at)

    const decision = decideCheckin({
      ticket: ticket ? { eventId: ticket.event_id, registrationStatus: ticket.status, vip: ticket.vip === 1 } : null,
      revoked: !ticket && revokedFor !== undefined,
      session: {
        eventId: session.event_id,
        openToAll: session.registration_required === 0,
        vipOnly: session.vip_only === 1,
      },
      seat: seat?.status ?? null,
      previous: previous ? { at: previous.at, deviceName: previous.door } : null,
      offline,
      // At the time the scan counts as made: an offline scan's own.
      window: scanWindowAt(new Date(scannedAt), {
        startsAt: session.starts_at,
        endsAt: session.ends_at,
        opensMinutes: session.scan_opens_minutes,
      }),
      override: request.override === true,
    })

    const id = newId()
    const verdict: Verdict = {
      status: decision.ok ? 'ok' : 'rejected',
      reason: decision.ok ? null : decision.reason,
      // Never tell a door of one event who holds a ticket to another.
      attendee: holder && sameEvent ? attendeeOf(holder) : null,
      firstCheckin: previous ? { at: previous.at, device: previous.door } : null,
      checkinId: id,
      conflict: decision.ok && decision.conflict,
      scannedAt,
      manual,
      override: decision.ok && decision.override,
    }
    const inserted = await trx
      .insertInto('checkins')
      .values({
        id,
        event_id: session.event_id,
        session_id: session.id,
        registration_id: ticket && sameEvent ? ticket.id : revokedFor && sameEvent ? revokedFor.id : null,
        actor_key: key,
        device_id: scanner.kind === 'device' ? scanner.device.id : null,
        user_id: scanner.kind === 'user' ? scanner.userId : null,
        nonce: request.nonce,
        status: verdict.status,
        reason: verdict.reason,
        offline: offline ? 1 : 0,
        conflict: verdict.conflict ? 1 : 0,
        scanned_at: scannedAt,
        created_at: now.toISOString(),
        undone_at: null,
        code_sample: holder || typeof request.code !== 'string' ? null : request.code.slice(0, 64),
        answer: JSON.stringify(verdict),
        override: verdict.override ? 1 : 0,
      })
      .onConflict((oc) => oc.columns(['actor_key', 'nonce']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) {
      // The same nonce with another code, decided under another lock a moment ago: its answer stands.
      const first = await trx
        .selectFrom('checkins')
        .select('answer')
        .where('actor_key', '=', key)
        .where('nonce', '=', request.nonce)
        .executeTakeFirstOrThrow()
      return { ok: true, verdict: JSON.parse(first.answer) as Verdict, eventId: session.event_id }
    }
    return { ok: true, verdict, eventId: session.event_id }
  })
}

/**
 * The registration holding a ticket, with what the door decides by: its seat in the session, its
 * first admission there that still stands (as `firstAdmission` finds it) and the answer already
 * given to this scanner's nonce, if any.
 */
function ticketAtDoor(trx: Kysely<Database>, hash: string, sessionId: string, actorKey: string, nonce: string) {
  const admissions = (eb: ExpressionBuilder<Database & { r: RegistrationsTable; p: PeopleTable }, 'r' | 'p'>) =>
    eb
      .selectFrom('checkins as c')
      .leftJoin('checkin_devices as d', 'd.id', 'c.device_id')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .where('c.session_id', '=', sessionId)
      .whereRef('c.registration_id', '=', 'r.id')
      .where('c.status', '=', 'ok')
      .where('c.undone_at', 'is', null)
      .orderBy('c.scanned_at')
      .orderBy('c.id')
      .limit(1)
  return trx
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(attendeeColumns())
    .select((eb) => [
      eb
        .selectFrom('registration_sessions as rs')
        .select('rs.status')
        .whereRef('rs.registration_id', '=', 'r.id')
        .where('rs.session_id', '=', sessionId)
        .as('seat_status'),
      admissions(eb).select('c.scanned_at').as('previous_at'),
      admissions(eb)
        .select((inner) => inner.fn.coalesce('d.name', 'u.name').as('door'))
        .as('previous_door'),
      eb
        .selectFrom('checkins as e')
        .select('e.answer')
        .where('e.actor_key', '=', actorKey)
        .where('e.nonce', '=', nonce)
        .as('earlier_answer'),
    ])
    .where('r.ticket_hash', '=', hash)
    .executeTakeFirst()
}

/**
 * The first admission of a person to a session that still stands (not undone), with the door
 * (device, or the staff member's name) it happened at; `except` leaves one check-in out.
 */
export async function firstAdmission(
  db: Kysely<Database>,
  sessionId: string,
  registrationId: string,
  except?: string,
): Promise<{ at: string; door: string | null } | null> {
  let query = db
    .selectFrom('checkins as c')
    .leftJoin('checkin_devices as d', 'd.id', 'c.device_id')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.scanned_at', 'd.name as device_name', 'u.name as user_name'])
    .where('c.session_id', '=', sessionId)
    .where('c.registration_id', '=', registrationId)
    .where('c.status', '=', 'ok')
    .where('c.undone_at', 'is', null)
  if (except) query = query.where('c.id', '!=', except)
  const row = await query.orderBy('c.scanned_at').orderBy('c.id').executeTakeFirst()
  return row ? { at: row.scanned_at, door: row.device_name ?? row.user_name } : null
}

export type UndoResult =
  | { ok: true; checkinId: string; eventId: string; sessionId: string }
  | { ok: false; reason: 'not_found' | 'not_admitted' | 'already_undone' | 'too_late' }

/** Takes back a scan made by the same scanner within the undo window (rules.ts). */
export async function undoCheckin(
  db: Kysely<Database>,
  scanner: Scanner,
  nonce: string,
  now = new Date(),
): Promise<UndoResult> {
  const key = actorKey(scanner)
  return serialized(db, `checkin-undo:${key}:${nonce}`, async (trx) => {
    const scan = await trx
      .selectFrom('checkins')
      .select(['id', 'status', 'created_at', 'undone_at', 'event_id', 'session_id'])
      .where('actor_key', '=', key)
      .where('nonce', '=', nonce)
      .executeTakeFirst()
    const decision = decideUndo(
      scan ? { status: scan.status, createdAt: scan.created_at, undoneAt: scan.undone_at } : null,
      now,
    )
    if (!decision.ok || !scan) return { ok: false, reason: decision.ok ? 'not_found' : decision.reason }
    await trx.updateTable('checkins').set({ undone_at: now.toISOString() }).where('id', '=', scan.id).execute()
    return { ok: true, checkinId: scan.id, eventId: scan.event_id, sessionId: scan.session_id }
  })
}
