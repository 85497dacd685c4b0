/**
 * The persistent outbox: every mail is first a row here, written in the same transaction as the
 * change it reports, so a mail server that is down loses nothing. The worker (worker.server.ts)
 * renders and sends due rows, with retries and backoff. Rows hold ids and small data, never a
 * token: links and ticket codes are rebuilt at send time (ADR 0008).
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, Language, MailKind, OutboxMessage, OutboxStatus } from '../../db/schema'
import { rolesWith } from '../auth/permissions'
import type { SessionUser } from '../auth/session.server'

export interface MailRequest {
  kind: MailKind
  eventId: string | null
  recipient: string
  language: Language
  invitationId?: string | null
  registrationId?: string | null
  /** extra template data (e.g. the session ids a waitlist mail is about) */
  data?: Record<string, unknown>
  /** the confirmed bulk send it is part of */
  batchId?: string | null
}

/** Queues mails; call it inside the transaction that makes the change they report. */
export async function enqueueMail(
  db: Kysely<Database>,
  requests: readonly MailRequest[],
  now = new Date(),
): Promise<string[]> {
  if (requests.length === 0) return []
  const at = nowIso(now)
  const rows = requests.map((r) => {
    const id = newId()
    return {
      id,
      kind: r.kind,
      event_id: r.eventId,
      invitation_id: r.invitationId ?? null,
      registration_id: r.registrationId ?? null,
      recipient: r.recipient,
      language: r.language,
      data: JSON.stringify(r.data ?? {}),
      status: 'queued' as const,
      attempts: 0,
      next_attempt_at: at,
      locked_until: null,
      last_error: null,
      message_id: `<${id}@signet>`,
      subject: null,
      file: null,
      created_at: at,
      sent_at: null,
      batch_id: r.batchId ?? null,
    }
  })
  // Stay far below SQLite's 32,766 bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('outbox')
      .values(rows.slice(i, i + 500))
      .execute()
  }
  return rows.map((r) => r.id)
}

// ── The organizers' Outbox page ──────────────────────────────────────────────────────────────

export const MAIL_KINDS: readonly MailKind[] = [
  'invitation',
  'reminder',
  'confirmation',
  'changes',
  'waitlist',
  'cancellation',
  'event_reminder',
  'access_link',
  'account_invite',
  'password_reset',
]
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sent', 'failed']
export const OUTBOX_LIST_LIMIT = 200

export interface OutboxEvent {
  id: string
  slug: string
  timezone: string
  title: { zh: string; en: string; ja: string }
}

/**
 * The events whose mail a user may read: every event for an admin, otherwise those they are an
 * organizer of. Mail about no event is for admins only.
 */
export async function outboxEvents(db: Kysely<Database>, user: SessionUser): Promise<OutboxEvent[]> {
  let query = db
    .selectFrom('events as e')
    .select(['e.id', 'e.slug', 'e.timezone', 'e.title_zh', 'e.title_en', 'e.title_ja'])
  if (!user.isAdmin) {
    query = query
      .innerJoin('event_members as m', 'm.event_id', 'e.id')
      .where('m.user_id', '=', user.id)
      .where('m.role', 'in', rolesWith('mail.read'))
  }
  const rows = await query.orderBy('e.starts_on', 'desc').execute()
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    timezone: r.timezone,
    title: { zh: r.title_zh, en: r.title_en, ja: r.title_ja },
  }))
}

export interface OutboxFilter {
  status?: OutboxStatus
  kind?: MailKind
  /** an event's slug; ignored unless the user may read that event's mail */
  event?: string
}

export type OutboxListItem = Pick<
  OutboxMessage,
  | 'id'
  | 'kind'
  | 'event_id'
  | 'recipient'
  | 'language'
  | 'status'
  | 'attempts'
  | 'subject'
  | 'created_at'
  | 'sent_at'
  | 'next_attempt_at'
  | 'last_error'
>

export interface OutboxList {
  events: OutboxEvent[]
  messages: OutboxListItem[]
  /** messages matching the filter (the list shows at most OUTBOX_LIST_LIMIT) */
  total: number
  /** per status, for the filter's event and kind */
  counts: Record<OutboxStatus, number>
}

/** A user's view of the outbox, newest first, or null when they may read no mail at all. */
export async function listOutbox(
  db: Kysely<Database>,
  user: SessionUser,
  filter: OutboxFilter,
  limit = OUTBOX_LIST_LIMIT,
): Promise<OutboxList | null> {
  const events = await outboxEvents(db, user)
  if (!user.isAdmin && events.length === 0) return null
  const visible = events.map((e) => e.id)
  const eventId = filter.event ? events.find((e) => e.slug === filter.event)?.id : undefined
  let scope = db.selectFrom('outbox')
  if (eventId) scope = scope.where('event_id', '=', eventId)
  else if (!user.isAdmin) scope = scope.where('event_id', 'in', visible)
  if (filter.kind) scope = scope.where('kind', '=', filter.kind)

  const byStatus = await scope
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute()
  const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0 }
  for (const row of byStatus) counts[row.status] = Number(row.n)
  const filtered = filter.status ? scope.where('status', '=', filter.status) : scope
  const messages = await filtered
    .select([
      'id',
      'kind',
      'event_id',
      'recipient',
      'language',
      'status',
      'attempts',
      'subject',
      'created_at',
      'sent_at',
      'next_attempt_at',
      'last_error',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
  const total = filter.status ? counts[filter.status] : counts.queued + counts.sent + counts.failed
  return { events, messages, total, counts }
}

/** One message, if the user may read it (same scope as listOutbox); null otherwise. */
export async function findOutboxMessage(
  db: Kysely<Database>,
  user: SessionUser,
  id: string,
): Promise<{ message: OutboxMessage; event: OutboxEvent | null } | null> {
  const message = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()
  if (!message) return null
  const events = await outboxEvents(db, user)
  const event = events.find((e) => e.id === message.event_id) ?? null
  if (!event && !user.isAdmin) return null
  return { message, event }
}
