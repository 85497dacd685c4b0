/**
 * The printed run of show's page: the document in Chinese and the second language the reader asked
 * for (when the event offers it), with the session's title in the reader's language for the page
 * around it.
 */
import type { TFunction } from 'i18next'
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language, SessionRow } from '../../db/schema'
import { localizedField } from '../i18n/localized'
import { secondLanguageOf } from './print'
import { printableRunOfShow } from './print.server'

export type PrintPage = Awaited<ReturnType<typeof printPage>>

/** The page of `session`, printed at `now` with `requested` (`?second=`) as the second language. */
export async function printPage(
  db: Kysely<Database>,
  event: EventRow,
  session: SessionRow,
  requested: string | null,
  now: Date,
  lng: Language,
  t: TFunction,
) {
  const doc = await printableRunOfShow(db, event, session, secondLanguageOf(requested, event.languages), now)
  const sessionTitle = localizedField(session, 'title', lng)
  return {
    pageTitle: `${t('runOfShowPrint.title')} · ${sessionTitle.text}`,
    slug: event.slug,
    sessionId: session.id,
    sessionTitle,
    doc,
  }
}
