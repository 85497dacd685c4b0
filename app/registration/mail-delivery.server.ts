/**
 * Registration's side of sending mail: what a sent or failed invitation changes on the
 * invitation, and the day-before reminders the clock makes due. The outbox worker calls them
 * (app/mail/worker.server.ts, through app/server/mails.server.ts).
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, OutboxMessage } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { addDays } from '../i18n/format'
import { enqueueMail } from '../mail/outbox.server'
import type { FailureMark } from '../mail/worker.server'
import { isEventReminderDue } from './mail-rules'

/** A test mail an organizer sent to themself from a bulk send's preview: it changes no invitation. */
function isSample(message: Pick<OutboxMessage, 'data'>): boolean {
  try {
    return (JSON.parse(message.data || '{}') as { sample?: unknown }).sample === true
  } catch {
    return false
  }
}

/** In the transaction that marks an invitation or its reminder sent: the invitation is sent. */
export async function invitationSent(trx: Kysely<Database>, message: OutboxMessage, at: string): Promise<void> {
  if (isSample(message)) return
  if (message.invitation_id && (message.kind === 'invitation' || message.kind === 'reminder')) {
    // Only a queued invitation becomes sent: never overwrite registered or declined.
    await trx
      .updateTable('invitations')
      .set(
        message.kind === 'invitation'
          ? { status: 'sent', sent_at: at, updated_at: at }
          : { status: 'sent', updated_at: at },
      )
      .where('id', '=', message.invitation_id)
      .where('status', '=', 'queued')
      .execute()
    if (message.kind === 'reminder') {
      await trx
        .updateTable('invitations')
        .set({ reminded_at: at, updated_at: at })
        .where('id', '=', message.invitation_id)
        .execute()
    }
  }
}

/** In the transaction that marks an invitation or its reminder failed: the invitation bounced or failed. */
export async function invitationFailed(
  trx: Kysely<Database>,
  message: OutboxMessage,
  mark: FailureMark,
  at: string,
): Promise<void> {
  if (isSample(message)) return
  if (message.invitation_id && (message.kind === 'invitation' || message.kind === 'reminder')) {
    // An answered invitation (registered, declined) keeps its status.
    await trx
      .updateTable('invitations')
      .set({ status: mark, updated_at: at })
      .where('id', '=', message.invitation_id)
      .where('status', 'in', ['queued', 'sent'])
      .execute()
  }
}

/**
 * Queues the day-before reminder for every confirmed registration (with a ticket) of each
 * published event whose reminder is due at `now` (isEventReminderDue), at most once per
 * registration: the check and the insert run serialized per event, so two instances scanning
 * at once queue it once. Returns how many were queued.
 */
export async function queueEventReminders(db: Kysely<Database>, now: Date): Promise<number> {
  // Whatever the event's zone, "tomorrow" there is within a day of UTC's tomorrow.
  const today = nowIso(now).slice(0, 10)
  const events = await db
    .selectFrom('events')
    .select(['id', 'starts_on', 'timezone'])
    .where('status', '=', 'published')
    .where('starts_on', '>=', today)
    .where('starts_on', '<=', addDays(today, 2))
    .execute()
  let queued = 0
  for (const event of events) {
    if (!isEventReminderDue({ startsOn: event.starts_on, timezone: event.timezone }, now)) continue
    queued += await serialized(db, `event-reminders:${event.id}`, async (trx) => {
      const due = await trx
        .selectFrom('registrations as r')
        .select(['r.id', 'r.email', 'r.language'])
        .where('r.event_id', '=', event.id)
        .where('r.status', '=', 'confirmed')
        .where('r.ticket_nonce', 'is not', null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('outbox as o')
                .select('o.id')
                .whereRef('o.registration_id', '=', 'r.id')
                .where('o.kind', '=', 'event_reminder'),
            ),
          ),
        )
        .execute()
      await enqueueMail(
        trx,
        due.map((r) => ({
          kind: 'event_reminder' as const,
          eventId: event.id,
          registrationId: r.id,
          recipient: r.email,
          language: r.language,
          data: { day: event.starts_on },
        })),
        now,
      )
      return due.length
    })
  }
  return queued
}
