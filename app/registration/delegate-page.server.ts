/**
 * What the delegate's pages load: the event by slug, the delegate behind the cookie, and their
 * registration as plain data in the reader's language and the event's time zone.
 */
import QRCode from 'qrcode'
import { data, type RouterContextProvider } from 'react-router'
import type { EventRow, SessionRow } from '../../db/schema'
import { eventView } from '../events/event-view'
import { findPublishedEvent } from '../events/events.server'
import { appContext } from '../http/context'
import { formatDay } from '../i18n/format'
import type { Language } from '../i18n/i18n'
import { type LocalizedText, localizedField, pickLocalized } from '../i18n/localized'
import { displayName, secondaryName } from '../people/names'
import { toSessionView } from '../sessions/session-view'
import { listSessions } from '../sessions/sessions.server'
import { findDelegateInvitation } from './delegate-session.server'
import { type DelegateView, loadDelegateView } from './delegate-view.server'
import { registrationTicketCode } from './registration.server'
import { acceptsPublicRegistration, type Place, placeIn, placeRules, sameTime } from './rules'

/** The published event of a delegate page, or a 404. */
export async function requirePublishedEvent(context: Readonly<RouterContextProvider>, slug: string): Promise<EventRow> {
  const event = await findPublishedEvent(context.get(appContext).db, slug)
  if (!event) throw data({ code: 'not_found' }, { status: 404 })
  return event
}

/** A session a delegate may choose, as the registration form shows it. */
export interface SessionChoiceView {
  id: string
  title: LocalizedText
  day: string
  start: string
  end: string
  room: LocalizedText
  vipOnly: boolean
  seat: 'confirmed' | 'waitlisted' | 'requested' | null
  full: boolean
  seatsLeft: number | null
  /** titles of sessions open to every attendee at the same time (the opening ceremony) */
  alsoOpen?: string[]
}

/** The delegate's view for this event, or null when the request has no delegate session. */
export async function optionalDelegate(
  request: Request,
  context: Readonly<RouterContextProvider>,
  event: EventRow,
): Promise<DelegateView | null> {
  const { db, config } = context.get(appContext)
  const invitationId = await findDelegateInvitation(db, config, request, event.id, event.slug)
  return invitationId ? loadDelegateView(db, invitationId) : null
}

/**
 * The sessions a delegate may choose, each with its seat, and the sessions open to them that it
 * would overlap (the opening ceremony): they are warned before they choose.
 */
export async function sessionChoicesView(context: Readonly<RouterContextProvider>, view: DelegateView, lng: Language) {
  const held = new Map(view.seats.map((s) => [s.sessionId, s.status]))
  const all = await listSessions(context.get(appContext).db, view.event.id)
  const delegate = { vip: view.person.vip === 1, status: 'confirmed' as const }
  const open = all.filter((s) => placeIn(placeRules(s), null, delegate) === 'open')
  const openIds = new Set(open.map((s) => s.id))
  const titleOf = new Map(open.map((s) => [s.id, localizedField(s, 'title', lng).text]))
  const clash = sameTime([
    ...view.choices.map((c) => ({ id: c.id, startsAt: c.startsAt, endsAt: c.endsAt })),
    ...open.map((s) => ({ id: s.id, startsAt: s.starts_at, endsAt: s.ends_at })),
  ])
  return view.choices.map((c) => {
    const v = toSessionView({ ...c.row, buses: [], visits: [] }, lng, view.event.timezone)
    const seat = placeIn(placeRules(c.row), held.get(c.id), {
      vip: view.person.vip === 1,
      status: view.registration?.status ?? 'confirmed',
    })
    const holds = seat !== null && seat !== 'open'
    return {
      id: c.id,
      title: v.title,
      day: formatDay(v.date, lng),
      start: v.start,
      end: v.end,
      room: v.room,
      vipOnly: c.vipOnly === 1,
      seat: holds ? seat : null,
      full: !holds && c.capacity !== null && c.taken >= c.capacity,
      seatsLeft: c.capacity === null ? null : Math.max(0, c.capacity - c.taken),
      alsoOpen: (clash.get(c.id) ?? []).filter((id) => openIds.has(id)).map((id) => titleOf.get(id) ?? ''),
    }
  })
}

/** The form's starting values: the registration when there is one, else the directory's record. */
export function registrationFormValues(view: DelegateView, lng: Language): Record<string, string | string[]> {
  const r = view.registration
  const p = view.person
  if (r && r.status !== 'cancelled') {
    return {
      family_name: r.family_name,
      given_name: r.given_name,
      latin_name: r.latin_name,
      kana: r.kana ?? '',
      title: r.title,
      organization: r.organization_name,
      email: r.email,
      phone: r.phone,
      language: r.language,
      diet: r.diet,
      allergies: r.allergies,
      accessibility: r.accessibility,
      interpretation: r.interpretation,
      arrival_date: r.arrival_date ?? '',
      arrival_transport: r.arrival_transport,
      departure_date: r.departure_date ?? '',
      departure_transport: r.departure_transport,
      hotel_needed: r.hotel_needed ? 'on' : '',
      sessions: view.seats.filter((s) => s.status !== 'cancelled').map((s) => s.sessionId),
      // Consent given when registering is kept, and shown ticked: changing a detail does not ask again.
      consent: r.consent_at ? 'yes' : '',
    }
  }
  const title = pickLocalized({ zh: p.title_zh, en: p.title_en, ja: p.title_ja }, p.preferred_language).text
  return {
    family_name: p.family_name,
    given_name: p.given_name,
    latin_name: p.latin_name,
    kana: p.kana ?? '',
    title,
    organization: view.organizationName ? pickLocalized(view.organizationName, lng).text : '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    language: p.preferred_language,
    diet: 'none',
    allergies: '',
    accessibility: '',
    interpretation: '',
    arrival_date: '',
    arrival_transport: '',
    departure_date: '',
    departure_transport: '',
    hotel_needed: '',
    sessions: [],
  }
}

export function eventHeading(event: EventRow, lng: Language) {
  const e = eventView(event, lng)
  return {
    slug: event.slug,
    title: e.title,
    dates: e.dates,
    venue: e.venue,
    publicRegistration: acceptsPublicRegistration(event.registration_mode),
    approval: event.registration_mode === 'approval',
    contact: e.contact,
  }
}

/**
 * A delegate's programme: each session they hold a place in (placeIn), in start order. Nothing for
 * a delegate without a registration, or with a cancelled one.
 */
export function programmeOf<S extends SessionRow>(
  view: Pick<DelegateView, 'person' | 'registration' | 'seats'>,
  sessions: readonly S[],
): { session: S; place: Place }[] {
  if (!view.registration) return []
  const held = new Map(view.seats.map((s) => [s.sessionId, s.status]))
  const delegate = { vip: view.person.vip === 1, status: view.registration.status }
  return sessions.flatMap((session) => {
    const place = placeIn(placeRules(session), held.get(session.id), delegate)
    return place ? [{ session, place }] : []
  })
}

/** The portal: itinerary (with the sessions open to every attendee), ticket and status. */
export async function itinerary(context: Readonly<RouterContextProvider>, view: DelegateView, lng: Language) {
  const { db, config } = context.get(appContext)
  const sessions = await listSessions(db, view.event.id)
  const programme = programmeOf(view, sessions)
  // Two places in the plan at the same time (a forum during the opening ceremony): the plan says so.
  const clash = sameTime(programme.map(({ session: s }) => ({ id: s.id, startsAt: s.starts_at, endsAt: s.ends_at })))
  const titleOf = new Map(programme.map(({ session: s }) => [s.id, localizedField(s, 'title', lng).text]))
  const rows = programme.map(({ session: s, place }) => {
    const v = toSessionView(s, lng, view.event.timezone)
    return {
      id: s.id,
      title: v.title,
      day: formatDay(v.date, lng),
      date: v.date,
      start: v.start,
      end: v.end,
      room: v.room,
      meetingPoint: v.meetingPoint,
      meetingTime: v.meetingTime,
      seat: place,
      alsoAt: (clash.get(s.id) ?? []).map((id) => titleOf.get(id) ?? ''),
    }
  })
  const code = view.registration ? registrationTicketCode(config.sessionSecret, view.registration) : null
  const qrSvg = code ? await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : ''
  const name = {
    familyName: view.registration?.family_name ?? view.person.family_name,
    givenName: view.registration?.given_name ?? view.person.given_name,
    latinName: view.registration?.latin_name ?? view.person.latin_name,
    kana: view.registration?.kana ?? view.person.kana,
  }
  return {
    status: view.registration?.status ?? null,
    invitationStatus: view.invitation.status,
    name: displayName(name, lng),
    otherName: secondaryName(name, lng),
    organization: view.registration?.organization_name ?? '',
    rows,
    ticket: code ? { code: code.match(/.{1,4}/g)?.join(' ') ?? code, qrSvg } : null,
    venue: localizedField(view.event, 'venue', lng),
  }
}

/** The sessions a stranger may choose on an open event's public form (no VIP-only ones). */
export async function publicSessionChoices(
  context: Readonly<RouterContextProvider>,
  event: EventRow,
  lng: Language,
): Promise<SessionChoiceView[]> {
  const sessions = await context
    .get(appContext)
    .db.selectFrom('sessions')
    .selectAll()
    .where('event_id', '=', event.id)
    .where('registration_required', '=', 1)
    .where('vip_only', '=', 0)
    .orderBy('starts_at')
    .execute()
  return sessions.map((s) => {
    const v = toSessionView({ ...s, buses: [], visits: [] }, lng, event.timezone)
    return {
      id: s.id,
      title: v.title,
      day: formatDay(v.date, lng),
      start: v.start,
      end: v.end,
      room: v.room,
      vipOnly: false,
      seat: null,
      full: false,
      seatsLeft: null,
    }
  })
}
