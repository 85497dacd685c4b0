/**
 * The outbox worker: claims due rows, renders them, sends them, and records the outcome. Several
 * app instances may run one each against the same database: a row is claimed with a conditional
 * UPDATE (the same on SQLite and PostgreSQL), so each message is sent by one of them only.
 * Transient failures are retried with backoff (mail.ts); permanent ones fail at once. It also
 * queues the day-before reminder of each published event, once per confirmed registration.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, InvitationStatus, OutboxMessage } from '../../db/schema'
import { serialized } from '../../db/serialized'
import type { Config } from '../config.server'
import { addDays } from '../i18n/format'
import { classifySendError, describeSendError, isEventReminderDue, nextAttempt } from './mail'
import { enqueueMail } from './outbox.server'
import { type MailFailureReason, renderMail } from './render.server'
import { createMailTransport, type MailTransport } from './transport.server'

export type WorkerConfig = Pick<Config, 'appUrl' | 'sessionSecret' | 'smtpUrl' | 'mailDir' | 'mailFrom'>

export interface OutboxWorkerOptions {
  db: Kysely<Database>
  config: WorkerConfig
  /** how often to look for due mail, in ms (default 5 s); 0: only when drain() is called */
  intervalMs?: number
  /** defaults to SMTP_URL's server, or .eml files under MAIL_DIR */
  transport?: MailTransport
  log?: (line: string) => void
  /** jitter source for retry delays (tests may fix it) */
  random?: () => number
}

export interface OutboxWorker {
  /** Stops looking for mail; resolves once the message in flight is finished. */
  stop(): Promise<void>
  /**
   * Sends everything due at `now` (default: the clock), after queueing due day-before reminders,
   * and resolves with how many messages were sent.
   */
  drain(now?: Date): Promise<number>
}

/** How long a claim on a message lasts: far longer than one delivery may take (see transport). */
export const CLAIM_MS = 10 * 60_000
const BATCH = 50
/** Day-before reminders are looked for at most this often by the timer. */
const REMINDER_SCAN_MS = 60_000

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, config } = options
  const intervalMs = options.intervalMs ?? 5_000
  const log = options.log ?? ((line: string) => console.log(line))
  const random = options.random ?? Math.random
  const transport = options.transport ?? createMailTransport(config)
  let stopping = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastReminderScan = 0
  // One run at a time per worker: the timer's and drain()'s take turns.
  let turn: Promise<unknown> = Promise.resolve()

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = turn.then(work, work)
    turn = run.catch(() => undefined)
    return run
  }

  async function run(fixedNow: Date | undefined, scanReminders: boolean): Promise<number> {
    const clock = () => fixedNow ?? new Date()
    if (scanReminders) await queueEventReminders(db, clock())
    let sent = 0
    for (;;) {
      if (stopping) return sent
      const now = clock()
      const candidates = await dueMessageIds(db, now, BATCH)
      if (candidates.length === 0) return sent
      for (const id of candidates) {
        if (stopping) return sent
        const message = await claimMessage(db, id, clock())
        if (!message) continue
        const outcome = await deliver(db, config, transport, message, clock(), random)
        if (outcome.status === 'sent') sent++
        else if (outcome.status === 'retry') {
          log(`signet: mail ${message.id} (${message.kind}) not sent, retry at ${outcome.at}: ${outcome.error}`)
        } else log(`signet: mail ${message.id} (${message.kind}) failed: ${outcome.error}`)
      }
    }
  }

  async function tick() {
    timer = null
    try {
      const scan = Date.now() - lastReminderScan >= REMINDER_SCAN_MS
      if (scan) lastReminderScan = Date.now()
      await exclusive(() => run(undefined, scan))
    } catch (error) {
      log(`signet: outbox worker: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      if (!stopping) timer = setTimeout(tick, intervalMs)
    }
  }

  if (intervalMs > 0) timer = setTimeout(tick, 0)

  return {
    async stop() {
      stopping = true
      if (timer) clearTimeout(timer)
      timer = null
      await turn
      transport.close()
    },
    drain(now?: Date) {
      return exclusive(() => run(now, true))
    },
  }
}

/** Ids of queued rows due at `now` that nobody holds a claim on, oldest due first. */
export async function dueMessageIds(db: Kysely<Database>, now: Date, limit: number): Promise<string[]> {
  const at = nowIso(now)
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .orderBy('next_attempt_at')
    .orderBy('created_at')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Claims one row for CLAIM_MS: a conditional UPDATE that succeeds for exactly one of several
 * workers racing for it. Returns the row, or null when someone else has it or it is no longer due.
 */
export async function claimMessage(db: Kysely<Database>, id: string, now: Date): Promise<OutboxMessage | null> {
  const at = nowIso(now)
  const result = await db
    .updateTable('outbox')
    .set({ locked_until: nowIso(new Date(now.getTime() + CLAIM_MS)) })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return null
  return (await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

export type DeliveryOutcome =
  | { status: 'sent' }
  | { status: 'retry'; at: string; error: string }
  | { status: 'failed'; error: string }

/** Renders and sends one claimed row, and records what happened. */
export async function deliver(
  db: Kysely<Database>,
  config: WorkerConfig,
  transport: MailTransport,
  message: OutboxMessage,
  now: Date,
  random: () => number = Math.random,
): Promise<DeliveryOutcome> {
  const attempts = message.attempts + 1
  let rendered: Awaited<ReturnType<typeof renderMail>>
  try {
    rendered = await renderMail(db, config, message)
  } catch (error) {
    // The database or a bug, not the message: try again later.
    return retryOrGiveUp(db, message, attempts, describeSendError(error), now, random)
  }
  if (!rendered.ok) {
    await fail(db, message, attempts, rendered.reason, invitationAfterRenderFailure(rendered.reason), now)
    return { status: 'failed', error: rendered.reason }
  }
  let file: string | null
  try {
    ;({ file } = await transport.send({
      id: message.id,
      messageId: message.message_id,
      to: message.recipient,
      date: now,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: rendered.attachments,
    }))
  } catch (error) {
    const kind = classifySendError(error)
    const description = describeSendError(error)
    if (kind === 'transient') return retryOrGiveUp(db, message, attempts, description, now, random)
    await fail(db, message, attempts, description, kind === 'bounced' ? 'bounced' : 'failed', now)
    return { status: 'failed', error: description }
  }
  const at = nowIso(now)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({
        status: 'sent',
        attempts,
        sent_at: at,
        subject: rendered.subject,
        file,
        locked_until: null,
        last_error: null,
      })
      .where('id', '=', message.id)
      .execute()
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
  })
  return { status: 'sent' }
}

async function retryOrGiveUp(
  db: Kysely<Database>,
  message: OutboxMessage,
  attempts: number,
  error: string,
  now: Date,
  random: () => number,
): Promise<DeliveryOutcome> {
  const decision = nextAttempt(attempts, now, random)
  if (!decision.retry) {
    await fail(db, message, attempts, error, 'failed', now)
    return { status: 'failed', error }
  }
  const at = nowIso(decision.at)
  await db
    .updateTable('outbox')
    .set({ attempts, next_attempt_at: at, last_error: error, locked_until: null })
    .where('id', '=', message.id)
    .execute()
  return { status: 'retry', at, error }
}

/** A revoked or deleted invitation says why itself; other render failures mark it failed. */
function invitationAfterRenderFailure(reason: MailFailureReason): InvitationStatus | null {
  return reason === 'invalid_data' ? 'failed' : null
}

async function fail(
  db: Kysely<Database>,
  message: OutboxMessage,
  attempts: number,
  error: string,
  invitationStatus: InvitationStatus | null,
  now: Date,
): Promise<void> {
  const at = nowIso(now)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'failed', attempts, last_error: error, locked_until: null })
      .where('id', '=', message.id)
      .execute()
    if (invitationStatus && message.invitation_id && (message.kind === 'invitation' || message.kind === 'reminder')) {
      // An answered invitation (registered, declined) keeps its status.
      await trx
        .updateTable('invitations')
        .set({ status: invitationStatus, updated_at: at })
        .where('id', '=', message.invitation_id)
        .where('status', 'in', ['queued', 'sent'])
        .execute()
    }
  })
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
