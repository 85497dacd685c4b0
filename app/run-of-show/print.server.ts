/**
 * A session's run of show as a printable document: the header (event, session, date, room, the
 * moment it was printed, all in the event's time zone and in every language), the segments shaped
 * for paper, a stage diagram per signing and a name card per signatory. Only what printing needs
 * is read: the segments with their people and the people's names, not the planning checks.
 */
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language, SessionRow } from '../../db/schema'
import { formatDateTime, formatDay, localDateOf } from '../i18n/format'
import {
  type NameCard,
  type PrintSegment,
  printSegments,
  type SecondLanguage,
  type StageDiagram,
  signingNameCards,
  stageDiagrams,
  type Triple,
} from './print'
import { plannedTimes } from './rules'
import { findPeople, listSegments, onStage, toPlanSegment } from './run-of-show.server'

export interface PrintableRunOfShow {
  second: SecondLanguage
  timeZone: string
  eventTitle: Triple
  sessionTitle: Triple
  room: Triple
  date: Triple
  printedAt: Triple
  segments: PrintSegment[]
  diagrams: StageDiagram[]
  nameCards: NameCard[]
}

const each = (make: (lng: Language) => string): Triple => ({ zh: make('zh'), en: make('en'), ja: make('ja') })

export async function printableRunOfShow(
  db: Kysely<Database>,
  event: Pick<EventRow, 'timezone' | 'title_zh' | 'title_en' | 'title_ja'>,
  session: Pick<
    SessionRow,
    'id' | 'starts_at' | 'title_zh' | 'title_en' | 'title_ja' | 'room_zh' | 'room_en' | 'room_ja'
  >,
  second: SecondLanguage,
  now: Date,
): Promise<PrintableRunOfShow> {
  const details = await listSegments(db, [session.id])
  const people = await findPeople(db, details.flatMap(onStage))
  const timed = plannedTimes(
    Date.parse(session.starts_at),
    details.map((detail) => ({ ...toPlanSegment(detail), detail })),
  )
  const segments = printSegments(timed, people, event.timezone)
  const day = localDateOf(new Date(session.starts_at), event.timezone)
  return {
    second,
    timeZone: event.timezone,
    eventTitle: { zh: event.title_zh, en: event.title_en, ja: event.title_ja },
    sessionTitle: { zh: session.title_zh, en: session.title_en, ja: session.title_ja },
    room: { zh: session.room_zh, en: session.room_en, ja: session.room_ja },
    date: each((lng) => formatDay(day, lng)),
    printedAt: each((lng) => formatDateTime(now.toISOString(), event.timezone, lng)),
    segments,
    diagrams: stageDiagrams(segments),
    nameCards: signingNameCards(segments),
  }
}
