/**
 * The outbox worker: claims due rows, renders them, sends them, and records the outcome. Several
 * app instances may run one each against the same database: a row is claimed with a conditional
 * UPDATE (the same on SQLite and PostgreSQL), so each message is sent by one of them only.
 * Transient failures are retried with backoff (mail.ts); permanent ones fail at once. What the
 * concepts add (rendering each kind, what a sent or failed message changes, mail the clock makes
 * due) comes in as Mailers; the app composes them (app/server/mails.server.ts).
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, OutboxMessage } from '../../db/schema'
import type { Config } from '../config.server'
import { classifySendError, describeSendError, nextAttempt } from './mail'
import type { MailConfig, MailFailureReason, RenderableMessage, RenderOptions, RenderResult } from './render.server'
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

/** What a failed message says about its subject: its address was refused, or it could not go. */
export type FailureMark = 'bounced' | 'failed'

/** What the worker needs from the concepts whose mail it sends. */
export interface Mailers {
  /** renders a row of any kind */
  render(
    db: Kysely<Database>,
    config: MailConfig,
    message: RenderableMessage,
    options?: RenderOptions,
  ): Promise<RenderResult>
  /** in the transaction that marks `message` sent, at `at` */
  sent(trx: Kysely<Database>, message: OutboxMessage, at: string): Promise<void>
  /** in the transaction that marks `message` failed, when the failure says something (FailureMark) */
  failed(trx: Kysely<Database>, message: OutboxMessage, mark: FailureMark, at: string): Promise<void>
  /** queues the mail the clock makes due at `now` (the day-before reminders); how many */
  queueDue(db: Kysely<Database>, now: Date): Promise<number>
}

export interface MailWorkerOptions extends OutboxWorkerOptions {
  mailers: Mailers
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

export function startMailWorker(options: MailWorkerOptions): OutboxWorker {
  const { db, config, mailers } = options
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
    if (scanReminders) await mailers.queueDue(db, clock())
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
        const outcome = await deliver(db, config, mailers, transport, message, clock(), random)
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
  mailers: Mailers,
  transport: MailTransport,
  message: OutboxMessage,
  now: Date,
  random: () => number = Math.random,
): Promise<DeliveryOutcome> {
  const attempts = message.attempts + 1
  let rendered: RenderResult
  try {
    rendered = await mailers.render(db, config, message)
  } catch (error) {
    // The database or a bug, not the message: try again later.
    return retryOrGiveUp(db, mailers, message, attempts, describeSendError(error), now, random)
  }
  if (!rendered.ok) {
    await fail(db, mailers, message, attempts, rendered.reason, markAfterRenderFailure(rendered.reason), now)
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
      ...(rendered.sender ? { sender: rendered.sender } : {}),
    }))
  } catch (error) {
    const kind = classifySendError(error)
    const description = describeSendError(error)
    if (kind === 'transient') return retryOrGiveUp(db, mailers, message, attempts, description, now, random)
    await fail(db, mailers, message, attempts, description, kind === 'bounced' ? 'bounced' : 'failed', now)
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
    await mailers.sent(trx, message, at)
  })
  return { status: 'sent' }
}

async function retryOrGiveUp(
  db: Kysely<Database>,
  mailers: Mailers,
  message: OutboxMessage,
  attempts: number,
  error: string,
  now: Date,
  random: () => number,
): Promise<DeliveryOutcome> {
  const decision = nextAttempt(attempts, now, random)
  if (!decision.retry) {
    await fail(db, mailers, message, attempts, error, 'failed', now)
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

/** A revoked or deleted subject says why itself; other render failures mark it failed. */
function markAfterRenderFailure(reason: MailFailureReason): FailureMark | null {
  return reason === 'invalid_data' ? 'failed' : null
}

async function fail(
  db: Kysely<Database>,
  mailers: Mailers,
  message: OutboxMessage,
  attempts: number,
  error: string,
  mark: FailureMark | null,
  now: Date,
): Promise<void> {
  const at = nowIso(now)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'failed', attempts, last_error: error, locked_until: null })
      .where('id', '=', message.id)
      .execute()
    if (mark) await mailers.failed(trx, message, mark, at)
  })
}
