/**
 * The planning summary's data (app/routes/event-registrations-summary.tsx): the confirmed
 * registrations counted for headsets per session, diets and allergies (for the event and each
 * banquet), arrivals and departures per day, and hotel rooms; with the sessions' titles and times
 * and the days in the reader's language.
 */
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language } from '../../db/schema'
import { formatDateTime, formatDay } from '../i18n/format'
import { localizedField, pickLocalized } from '../i18n/localized'
import { loadSummaryInput, sessionSeats } from './registration-list.server'
import { summarize, type TravelDay } from './summaries'

export type RegistrationsSummaryPage = Awaited<ReturnType<typeof registrationsSummaryPage>>

export async function registrationsSummaryPage(db: Kysely<Database>, event: EventRow, lng: Language) {
  const [input, seats] = await Promise.all([loadSummaryInput(db, event.id), sessionSeats(db, event.id)])
  const summary = summarize(input)
  const about = new Map(
    seats.map((s) => [
      s.id,
      { title: pickLocalized(s.title, lng), when: formatDateTime(s.startsAt, event.timezone, lng) },
    ]),
  )
  const day = (date: string | null) => (date ? formatDay(date, lng) : null)
  const days = (list: TravelDay[]) => list.map((d) => ({ ...d, label: day(d.date) }))
  return {
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    confirmed: summary.registrations,
    pending: input.pending,
    diet: summary.diet,
    hotelRooms: summary.hotelRooms,
    arrivals: days(summary.arrivals),
    departures: days(summary.departures),
    sessions: summary.sessions.flatMap((s) => {
      const info = about.get(s.sessionId)
      return info ? [{ ...s, ...info }] : []
    }),
  }
}
