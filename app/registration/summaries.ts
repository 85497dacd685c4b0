/**
 * The organizers' counts for planning, from confirmed registrations: interpretation headsets per
 * session and language, dietary needs (for the event and for each banquet), arrivals and
 * departures per day with their transport, and hotel rooms. Pure: registration-list.server.ts
 * reads the rows, the summary page shows the result.
 */
import type { Diet, Language, SessionKind } from '../../db/schema'

export const DIETS: readonly Diet[] = ['none', 'halal', 'vegetarian', 'vegan', 'kosher', 'other']
export const HEADSET_LANGUAGES: readonly Language[] = ['zh', 'en', 'ja']

export interface SummaryRegistration {
  id: string
  diet: Diet
  allergies: string
  /** the language the delegate listens in; '' when none is needed */
  interpretation: string
  arrivalDate: string | null
  arrivalTransport: string
  departureDate: string | null
  departureTransport: string
  hotelNeeded: boolean
}

export interface SummarySession {
  id: string
  kind: SessionKind
  /** false: open to every attendee (no seats to register for) */
  registrationRequired: boolean
}

export interface SummaryInput {
  sessions: readonly SummarySession[]
  /** confirmed registrations only */
  registrations: readonly SummaryRegistration[]
  /** confirmed seats of those registrations */
  seats: readonly { registrationId: string; sessionId: string }[]
}

export interface DietSummary {
  counts: Record<Diet, number>
  /** each allergy as written (grouped ignoring case, width and spaces), most frequent first */
  allergies: { text: string; count: number }[]
}

export interface SessionSummary {
  sessionId: string
  kind: SessionKind
  openToAll: boolean
  /** confirmed delegates expected: seat holders, or every confirmed delegate when open to all */
  attendees: number
  headsets: Record<Language, number>
  headsetsTotal: number
  /** dietary needs of the attendees, for banquets only */
  diet: DietSummary | null
}

export interface TravelDay {
  /** YYYY-MM-DD, or null for "date not given" */
  date: string | null
  total: number
  /** by transport as written (grouped ignoring case, width and spaces); '' when not given */
  transports: { transport: string; count: number }[]
}

export interface EventSummary {
  registrations: number
  diet: DietSummary
  sessions: SessionSummary[]
  arrivals: TravelDay[]
  departures: TravelDay[]
  hotelRooms: number
}

const groupKey = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')

/** Counts texts grouped by groupKey, each shown as first written; most frequent first, then by text. */
function tally(texts: readonly string[]): { text: string; count: number }[] {
  const groups = new Map<string, { text: string; count: number }>()
  for (const raw of texts) {
    const key = groupKey(raw)
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, { text: raw.trim(), count: 1 })
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
}

export function dietSummary(registrations: readonly SummaryRegistration[]): DietSummary {
  const counts = Object.fromEntries(DIETS.map((d) => [d, 0])) as Record<Diet, number>
  for (const r of registrations) counts[DIETS.includes(r.diet) ? r.diet : 'other']++
  return { counts, allergies: tally(registrations.map((r) => r.allergies).filter((a) => a.trim() !== '')) }
}

function headsets(registrations: readonly SummaryRegistration[]): Record<Language, number> {
  const counts: Record<Language, number> = { zh: 0, en: 0, ja: 0 }
  for (const r of registrations) {
    if (r.interpretation === 'zh' || r.interpretation === 'en' || r.interpretation === 'ja') counts[r.interpretation]++
  }
  return counts
}

function travelDays(
  registrations: readonly SummaryRegistration[],
  date: (r: SummaryRegistration) => string | null,
  transport: (r: SummaryRegistration) => string,
): TravelDay[] {
  const byDate = new Map<string | null, string[]>()
  for (const r of registrations) {
    const day = date(r) || null
    const list = byDate.get(day)
    if (list) list.push(transport(r))
    else byDate.set(day, [transport(r)])
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([day, transports]) => ({
      date: day,
      total: transports.length,
      transports: tally(transports).map(({ text, count }) => ({ transport: text, count })),
    }))
}

export function summarize(input: SummaryInput): EventSummary {
  const byId = new Map(input.registrations.map((r) => [r.id, r]))
  const holders = new Map<string, SummaryRegistration[]>()
  for (const seat of input.seats) {
    const registration = byId.get(seat.registrationId)
    if (!registration) continue
    const list = holders.get(seat.sessionId)
    if (list) list.push(registration)
    else holders.set(seat.sessionId, [registration])
  }
  const sessions = input.sessions.map((s): SessionSummary => {
    const attendees = s.registrationRequired ? (holders.get(s.id) ?? []) : input.registrations
    const counts = headsets(attendees)
    return {
      sessionId: s.id,
      kind: s.kind,
      openToAll: !s.registrationRequired,
      attendees: attendees.length,
      headsets: counts,
      headsetsTotal: counts.zh + counts.en + counts.ja,
      diet: s.kind === 'banquet' ? dietSummary(attendees) : null,
    }
  })
  return {
    registrations: input.registrations.length,
    diet: dietSummary(input.registrations),
    sessions,
    arrivals: travelDays(
      input.registrations,
      (r) => r.arrivalDate,
      (r) => r.arrivalTransport,
    ),
    departures: travelDays(
      input.registrations,
      (r) => r.departureDate,
      (r) => r.departureTransport,
    ),
    hotelRooms: input.registrations.filter((r) => r.hotelNeeded).length,
  }
}
