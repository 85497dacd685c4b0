/**
 * The run-of-show page's data: a session's segments in planned order with their times, people on
 * stage and checks, the checks' counts, the scheduling helper's proposal when asked for, the
 * table's seats and the ranks of the people on stage.
 */
import type { TFunction } from 'i18next'
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language, SessionRow } from '../../db/schema'
import { formatDay, formatTime, localDateOf } from '../i18n/format'
import { localizedField } from '../i18n/localized'
import { proposeOrder, runOfShow } from './run-of-show.server'
import { issueViews, nameView, proposalView, segmentViews } from './views-page.server'

export type RunOfShowPage = Awaited<ReturnType<typeof runOfShowPage>>

/** The page of `session`, with the proposed order when `propose` is set. */
export async function runOfShowPage(
  db: Kysely<Database>,
  event: EventRow,
  session: SessionRow,
  propose: boolean,
  lng: Language,
  t: TFunction,
) {
  const show = await runOfShow(db, session)
  const issues = issueViews(show, t, lng, event.timezone)
  const proposal = propose ? proposalView(proposeOrder(show, session), show, t, lng, event.timezone) : null
  const planned = show.segments.reduce((sum, s) => sum + s.minutes, 0)
  const sessionTitle = localizedField(session, 'title', lng)
  return {
    pageTitle: `${t('runOfShow.title')} · ${sessionTitle.text}`,
    slug: event.slug,
    sessionId: session.id,
    eventTitle: localizedField(event, 'title', lng),
    sessionTitle,
    room: localizedField(session, 'room', lng),
    day: formatDay(localDateOf(new Date(session.starts_at), event.timezone), lng),
    start: formatTime(session.starts_at, event.timezone, lng),
    end: formatTime(session.ends_at, event.timezone, lng),
    planned,
    available: Math.round((Date.parse(session.ends_at) - Date.parse(session.starts_at)) / 60_000),
    segments: segmentViews(show, issues, lng, event.timezone),
    errors: issues.filter((i) => i.level === 'error').length,
    warnings: issues.filter((i) => i.level === 'warning').length,
    proposal,
    currentOrder: show.segments.map((s) => s.id),
    tableSeats: show.tableSeats,
    ranked: [...show.people.values()]
      .filter((p) => show.segments.some((s) => s.people.some((slot) => slot.personId === p.id)))
      .map((p) => ({ ...nameView(p, lng), rank: show.ranks.get(p.id) ?? null }))
      .sort((a, b) => (a.rank ?? 1000) - (b.rank ?? 1000) || a.name.localeCompare(b.name)),
  }
}
