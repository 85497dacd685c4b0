/**
 * Calendar feeds (.ics) of a published event: the whole programme, or one session, in the
 * reader's language. The `ics` package cannot write TZID, so every time is written in UTC
 * (epoch milliseconds in, `...Z` out), which every calendar shows correctly in its own zone.
 */
import { createEvents, type EventAttributes } from 'ics'
import type { Kysely } from 'kysely'
import type { Database, EventRow } from '../../db/schema'
import { findPublishedEvent } from '../events/events.server'
import type { Language, Translate } from '../i18n/i18n'
import { localizedField, pickLocalized } from '../i18n/localized'
import { listSessions, type SessionDetail } from '../sessions/sessions.server'
import { utcToZoned } from '../time/zoned'
import { foldLines, publicEventUrl, timeZoneName } from './calendar'

export type { Translate }

export interface CalendarRequest {
  slug: string
  /** one session's feed; the whole programme when absent */
  sessionId?: string
  lng: Language
  /** the public base URL (APP_URL), never the request's Host */
  appUrl: URL
  t: Translate
}

export interface CalendarFile {
  filename: string
  body: string
}

/** A published event's feed, or null when the event is not public or has no such session. */
export async function publicCalendar(db: Kysely<Database>, request: CalendarRequest): Promise<CalendarFile | null> {
  const event = await findPublishedEvent(db, request.slug)
  if (!event) return null
  const all = await listSessions(db, event.id)
  const sessions = request.sessionId ? all.filter((s) => s.id === request.sessionId) : all
  if (request.sessionId && sessions.length === 0) return null
  const filename = request.sessionId ? `${event.slug}-${request.sessionId}.ics` : `${event.slug}.ics`
  return { filename, body: calendarFeed(event, sessions, request) }
}

export function calendarFeed(
  event: EventRow,
  sessions: readonly SessionDetail[],
  { lng, appUrl, t }: Pick<CalendarRequest, 'lng' | 'appUrl' | 't'>,
): string {
  const eventTitle = localizedField(event, 'title', lng).text
  const url = publicEventUrl(appUrl, event.slug, lng)
  const venue = localizedField(event, 'venue', lng).text
  const entries = sessions.map((s): EventAttributes => {
    const meetingPoint = localizedField(s, 'meeting_point', lng).text
    const room = localizedField(s, 'room', lng).text
    const location = meetingPoint || (room && venue ? t('public.calendar.location', { room, venue }) : room || venue)
    const field = (label: string, value: string) => (value ? t('public.calendar.field', { label, value }) : '')
    const description = [
      eventTitle,
      field(t('sessions.meetingPoint'), meetingText(s, meetingPoint, event.timezone, lng, t)),
      field(
        t('sessions.companies'),
        s.visits
          .map((o) => pickLocalized({ zh: o.name_zh, en: o.name_en, ja: o.name_ja }, lng).text)
          .join(t('public.calendar.list')),
      ),
      field(
        t('sessions.interpretationOffered'),
        s.interpretation
          .split(',')
          .filter(Boolean)
          .map((pair) => t(`sessions.interpretation.${pair}`))
          .join(' · '),
      ),
      localizedField(s, 'description', lng).text,
      t('public.calendar.details', { url }),
    ]
    return {
      uid: `${s.id}@signet`,
      title: localizedField(s, 'title', lng).text,
      start: Date.parse(s.starts_at),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: Date.parse(s.ends_at),
      endInputType: 'utc',
      endOutputType: 'utc',
      location: location || undefined,
      description: description.filter(Boolean).join('\n'),
      url,
      categories: [t(`sessions.kinds.${s.kind}`)],
      status: 'CONFIRMED',
      busyStatus: 'BUSY',
      lastModified: Date.parse(s.updated_at),
    }
  })
  const { error, value } = createEvents(entries, {
    productId: '-//Signet//Event programme//EN',
    method: 'PUBLISH',
    calName: eventTitle,
  })
  if (error || value === null) throw error ?? new Error('ics: no calendar written')
  return foldLines(value)
}

/** 'Hotel lobby · Meet at 08:15 (China Standard Time)', or '' when the session has no meeting. */
function meetingText(s: SessionDetail, place: string, timeZone: string, lng: Language, t: Translate): string {
  if (!s.meeting_at) return place
  const local = utcToZoned(s.meeting_at, timeZone)
  const zoneName = timeZoneName(timeZone, local.date, lng)
  const time = t('sessions.meetingAt', { time: t('public.calendar.localTime', { time: local.time, zoneName }) })
  return [place, time].filter(Boolean).join(' · ')
}

/** The HTTP answer for a calendar file: the .ics as a download, or a localized plain-text 404. */
export function calendarResponse(file: CalendarFile | null, notFound: string): Response {
  if (!file) {
    return new Response(notFound, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return new Response(file.body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-cache',
    },
  })
}
