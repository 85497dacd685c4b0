/**
 * What registration's mails are made of: links rebuilt from the server secret (ADR 0008), the
 * invitation or registration a row is about with its event and its person as greeted, the
 * delegate's programme as an itinerary, the ticket's QR code and the calendar file. A row whose
 * invitation, registration or ticket is gone or revoked cannot be rendered (Unrenderable).
 */
import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import type { Database, EventRow, RegistrationsTable } from '../../db/schema'
import type { Itinerary, ItinerarySession, MailEvent, MailRecipient, Ticket } from '../../emails/_components/types'
import { timeZoneName } from '../calendar/calendar'
import { calendarFeed } from '../calendar/ics.server'
import { formatDateRange, formatDay } from '../i18n/format'
import type { Language } from '../i18n/i18n'
import { localizedField, pickLocalized } from '../i18n/localized'
import { type MailAttachment, type MailConfig, type RenderableMessage, Unrenderable } from '../mail/render.server'
import type { Translate } from '../mail/translate'
import { displayName } from '../people/names'
import { listSessions, type SessionDetail } from '../sessions/sessions.server'
import { utcToZoned } from '../time/zoned'
import { groupTicketCode } from './mail-rules'
import { placeIn, placeRules } from './rules'
import { invitationToken, ticketCode } from './secrets.server'

/** The inline image of the ticket's QR code: `<img src="cid:ticket@signet">`. */
export const TICKET_CID = 'ticket@signet'

// ── Links ────────────────────────────────────────────────────────────────────────────────────

/** `${APP_URL}/i/${token}`, optionally with `?next=decline`: from APP_URL, never a request's Host. */
export function invitationUrl(appUrl: URL, token: string, next?: 'decline'): string {
  const url = new URL(`/i/${encodeURIComponent(token)}`, appUrl)
  if (next) url.searchParams.set('next', next)
  return url.toString()
}

export function requirePortal(url: string | null): string {
  if (!url) throw new Unrenderable('revoked')
  return url
}

// ── Loading ──────────────────────────────────────────────────────────────────────────────────

export async function loadEvent(db: Kysely<Database>, id: string | null): Promise<EventRow> {
  if (!id) throw new Unrenderable('missing')
  const event = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()
  if (!event) throw new Unrenderable('missing')
  return event
}

export function mailEvent(event: EventRow, lng: Language): MailEvent {
  return {
    title: localizedField(event, 'title', lng).text,
    dates: formatDateRange(event.starts_on, event.ends_on, lng),
    venue: localizedField(event, 'venue', lng).text,
    address: localizedField(event, 'address', lng).text,
    contact: {
      name: event.contact_name,
      phone: event.contact_phone,
      email: event.contact_email,
      wechat: event.contact_wechat,
    },
  }
}

/**
 * The invitation a mail is about, with a live link, its event, and its person as greeted. A
 * `sample` (a bulk send's preview or test mail) needs no link: it never carries the person's own.
 */
export async function invitationContext(
  db: Kysely<Database>,
  message: RenderableMessage,
  lng: Language,
  sample = false,
) {
  if (!message.invitation_id) throw new Unrenderable('missing')
  const invitation = await db
    .selectFrom('invitations as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .select([
      'i.id',
      'i.event_id',
      'i.token_nonce',
      'i.expires_at',
      'p.family_name',
      'p.given_name',
      'p.latin_name',
      'p.kana',
      'o.name_zh',
      'o.name_en',
      'o.name_ja',
    ])
    .where('i.id', '=', message.invitation_id)
    .executeTakeFirst()
  if (!invitation) throw new Unrenderable('missing')
  const { token_nonce } = invitation
  if (!token_nonce && !sample) throw new Unrenderable('revoked')
  const event = await loadEvent(db, message.event_id ?? invitation.event_id)
  const recipient: MailRecipient = {
    name: displayName(
      {
        familyName: invitation.family_name,
        givenName: invitation.given_name,
        latinName: invitation.latin_name,
        kana: invitation.kana,
      },
      lng,
    ),
    organization: pickLocalized({ zh: invitation.name_zh, en: invitation.name_en, ja: invitation.name_ja }, lng).text,
  }
  return { invitation: { ...invitation, token_nonce: token_nonce ?? '' }, event, recipient }
}

export interface RegistrationContext {
  event: EventRow
  mailEvent: MailEvent
  registration: Pick<
    RegistrationsTable,
    'id' | 'event_id' | 'person_id' | 'status' | 'ticket_nonce' | 'family_name' | 'given_name' | 'latin_name' | 'kana'
  >
  recipient: MailRecipient
  /** the delegate's page, or null when the registration's invitation is gone or revoked */
  portalUrl: string | null
}

export async function registrationContext(
  db: Kysely<Database>,
  config: MailConfig,
  message: RenderableMessage,
  lng: Language,
): Promise<RegistrationContext> {
  if (!message.registration_id) throw new Unrenderable('missing')
  const registration = await db
    .selectFrom('registrations as r')
    .leftJoin('invitations as i', 'i.id', 'r.invitation_id')
    .select([
      'r.id',
      'r.event_id',
      'r.person_id',
      'r.status',
      'r.ticket_nonce',
      'r.family_name',
      'r.given_name',
      'r.latin_name',
      'r.kana',
      'r.organization_name',
      'i.token_nonce',
    ])
    .where('r.id', '=', message.registration_id)
    .executeTakeFirst()
  if (!registration) throw new Unrenderable('missing')
  const event = await loadEvent(db, message.event_id ?? registration.event_id)
  const { token_nonce, organization_name, ...rest } = registration
  return {
    event,
    mailEvent: mailEvent(event, lng),
    registration: rest,
    recipient: {
      name: displayName(
        {
          familyName: registration.family_name,
          givenName: registration.given_name,
          latinName: registration.latin_name,
          kana: registration.kana,
        },
        lng,
      ),
      organization: organization_name,
    },
    portalUrl: token_nonce ? invitationUrl(config.appUrl, invitationToken(config.sessionSecret, token_nonce)) : null,
  }
}

export interface ProgrammeEntry {
  session: SessionDetail
  waitlisted: boolean
}

/**
 * A delegate's programme: the sessions they hold a confirmed or waitlisted seat in, and the
 * sessions open to every attendee (no registration needed; VIP-only ones for VIPs only).
 */
export async function programme(db: Kysely<Database>, ctx: RegistrationContext): Promise<ProgrammeEntry[]> {
  const [seats, person, all] = await Promise.all([
    db
      .selectFrom('registration_sessions')
      .select(['session_id', 'status'])
      .where('registration_id', '=', ctx.registration.id)
      .where('status', 'in', ['confirmed', 'waitlisted'])
      .execute(),
    db.selectFrom('people').select('vip').where('id', '=', ctx.registration.person_id).executeTakeFirst(),
    listSessions(db, ctx.event.id),
  ])
  const seat = new Map(seats.map((s) => [s.session_id, s.status]))
  const delegate = { vip: person?.vip === 1, status: ctx.registration.status }
  return all.flatMap((session): ProgrammeEntry[] => {
    const place = placeIn(placeRules(session), seat.get(session.id), delegate)
    // A request of a registration waiting for approval is not in any mail's programme (no such mail has a ticket).
    return place && place !== 'requested' ? [{ session, waitlisted: place === 'waitlisted' }] : []
  })
}

export async function sessionsByIds(
  db: Kysely<Database>,
  eventId: string,
  ids: readonly string[],
): Promise<SessionDetail[]> {
  const wanted = new Set(ids)
  return (await listSessions(db, eventId)).filter((s) => wanted.has(s.id))
}

/** Sessions grouped by local day, with times in the event's zone. */
export function itinerary(entries: readonly ProgrammeEntry[], event: EventRow, lng: Language, t: Translate): Itinerary {
  const days = new Map<string, ItinerarySession[]>()
  for (const { session: s, waitlisted } of entries) {
    const start = utcToZoned(s.starts_at, event.timezone)
    const end = utcToZoned(s.ends_at, event.timezone)
    const meetingPlace = localizedField(s, 'meeting_point', lng).text
    const meetingTime = s.meeting_at ? utcToZoned(s.meeting_at, event.timezone).time : ''
    const meeting =
      meetingPlace && meetingTime
        ? t('email.itinerary.meeting', { place: meetingPlace, time: meetingTime })
        : meetingPlace
          ? t('email.itinerary.meetingPlace', { place: meetingPlace })
          : meetingTime
            ? t('email.itinerary.meetingTime', { time: meetingTime })
            : ''
    const list = days.get(start.date) ?? []
    list.push({
      id: s.id,
      time: t('email.itinerary.time', { start: start.time, end: end.time }),
      title: localizedField(s, 'title', lng).text,
      place: localizedField(s, 'room', lng).text,
      meeting,
      waitlisted,
    })
    days.set(start.date, list)
  }
  return {
    days: [...days].map(([date, sessions]) => ({ label: formatDay(date, lng), sessions })),
    timeZone: t('email.itinerary.zone', {
      name: timeZoneName(event.timezone, event.starts_on, lng),
      offset: timeZoneName(event.timezone, event.starts_on, lng, 'shortOffset'),
    }),
  }
}

// ── Ticket and calendar ──────────────────────────────────────────────────────────────────────

export async function ticketParts(
  config: MailConfig,
  registration: RegistrationContext['registration'],
): Promise<{ ticket: Ticket; attachment: MailAttachment }> {
  if (!registration.ticket_nonce) throw new Unrenderable('revoked')
  const code = ticketCode(config.sessionSecret, registration.ticket_nonce)
  const png = await QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 })
  return {
    ticket: { code: groupTicketCode(code), qrSrc: `cid:${TICKET_CID}` },
    attachment: { filename: 'ticket.png', content: png, contentType: 'image/png', cid: TICKET_CID },
  }
}

export function calendarAttachment(
  event: EventRow,
  sessions: readonly SessionDetail[],
  lng: Language,
  config: MailConfig,
  t: Translate,
): MailAttachment {
  const body = calendarFeed(event, sessions, { lng, appUrl: config.appUrl, t })
  return {
    filename: `${event.slug}.ics`,
    content: Buffer.from(body, 'utf8'),
    contentType: 'text/calendar; charset=utf-8',
  }
}
