/**
 * The bulk send pages' data (app/routes/event-bulk-send.tsx, event-mail-batch.tsx): who a send
 * or reminder to the listed invitations would reach, with a fresh batch key for the one
 * confirmation; and a confirmed batch's progress.
 */
import type { Kysely } from 'kysely'
import type { Database, EventRow, Language } from '../../db/schema'
import { formatDateTime } from '../i18n/format'
import { localizedField } from '../i18n/localized'
import { batchProgress, bulkAudience, newBatchKey } from './mail-batches.server'
import { readInvitationQuery } from './registration-filter'

/** The two bulk modes of the invitations page: send the ones not sent yet, or remind those who have not answered. */
export type BulkMode = 'send' | 'remind'

/** The mode in the URL; none means send, anything else is no page. */
export function readBulkMode(value: string | null): BulkMode | null {
  if (value === null) return 'send'
  return value === 'send' || value === 'remind' ? value : null
}

export type BulkSendPage = Awaited<ReturnType<typeof bulkSendPage>>

export async function bulkSendPage(
  db: Kysely<Database>,
  event: Pick<EventRow, 'id' | 'slug' | 'status' | 'title_zh' | 'title_en' | 'title_ja'>,
  mode: BulkMode,
  params: URLSearchParams,
  lng: Language,
) {
  const filter = readInvitationQuery(params)
  const audience = await bulkAudience(db, event.id, mode, filter)
  return {
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    published: event.status === 'published',
    mode,
    filter,
    audience,
    key: newBatchKey(),
  }
}

export type MailBatchPage = NonNullable<Awaited<ReturnType<typeof mailBatchPage>>>

export async function mailBatchPage(
  db: Kysely<Database>,
  event: Pick<EventRow, 'id' | 'slug' | 'timezone' | 'title_zh' | 'title_en' | 'title_ja'>,
  batchId: string,
  lng: Language,
) {
  const progress = await batchProgress(db, event.id, batchId)
  if (!progress) return null
  return {
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    ...progress,
    confirmedAt: formatDateTime(progress.batch.created_at, event.timezone, lng),
  }
}
