/**
 * The persistent outbox: every mail is first a row here, written in the same transaction as the
 * change it reports, so a mail server that is down loses nothing. The worker (worker.server.ts)
 * renders and sends due rows, with retries and backoff. Rows hold ids and small data, never a
 * token: links and ticket codes are rebuilt at send time (ADR 0008).
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, Language, MailKind } from '../../db/schema'

export interface MailRequest {
  kind: MailKind
  eventId: string
  recipient: string
  language: Language
  invitationId?: string | null
  registrationId?: string | null
  /** extra template data (e.g. the session ids a waitlist mail is about) */
  data?: Record<string, unknown>
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
