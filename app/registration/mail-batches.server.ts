/**
 * Bulk sends that confirm (issue 19): before invitations or reminders go to many people, the
 * organizer sees how many, to whom (the list's filter), and the mail in each language that will
 * go out; a test to themself; then one confirmation, whose batch key makes a second request do
 * nothing (queueInvitations), and the batch's progress as its mails are sent. Every query is
 * scoped to the event.
 */
import type { Kysely } from 'kysely'
import type { Database, InvitationStatus, Language, MailBatchesTable } from '../../db/schema'
import { enqueueMail } from '../mail/outbox.server'
import { type Actor, type BatchRequest, queueInvitations, type SendMode, type SendResult } from './invitations.server'
import { INVITATION_STATUSES } from './registration-filter'
import { canQueueInvitation, canRemind } from './rules'
import { newNonce } from './secrets.server'
import { searchEventPeople } from './text-search.server'

export interface BulkFilter {
  q: string
  status: InvitationStatus | ''
}

/** The statuses a mode sends to: drafts and failed ones for "send", sent ones for "remind". */
export function statusesFor(mode: SendMode): InvitationStatus[] {
  return INVITATION_STATUSES.filter((s) =>
    mode === 'remind' ? canRemind(s) : canQueueInvitation(s, mode === 'resend'),
  )
}

export interface BulkAudience {
  /** invitations the filter lists */
  matched: number
  /** of those, the ones the mode sends to, with an email address: how many mails go out */
  recipients: number
  /** the mode applies, but the person has no email address */
  noEmail: number
  /** listed, but the mode does not apply (already registered, declined …) */
  skipped: number
  /** per language of the recipients: how many, and one of them whose mail the preview shows */
  languages: { language: Language; count: number; sampleInvitationId: string }[]
}

/** The filtered invitations of an event, as the invitations page lists them. */
function filtered(db: Kysely<Database>, eventId: string, filter: BulkFilter) {
  const query = searchEventPeople(db, 'invitations', eventId, filter.q, ['p.search_text', 'o.search_text'])
  return filter.status ? query.where('e.status', '=', filter.status) : query
}

/** Who a bulk send would reach: counted by status, email and language in one grouped query. */
export async function bulkAudience(
  db: Kysely<Database>,
  eventId: string,
  mode: SendMode,
  filter: BulkFilter,
): Promise<BulkAudience> {
  const groups = await filtered(db, eventId, filter)
    .select((eb) => [
      'e.status',
      'p.preferred_language',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min<string>('e.id').as('sample'),
      eb.fn.count<number | string>('p.email').as('with_email'),
    ])
    .groupBy(['e.status', 'p.preferred_language'])
    .execute()
  const applies = new Set<string>(statusesFor(mode))
  const audience: BulkAudience = { matched: 0, recipients: 0, noEmail: 0, skipped: 0, languages: [] }
  const byLanguage = new Map<Language, { count: number; sample: string }>()
  for (const g of groups) {
    const n = Number(g.n)
    const withEmail = Number(g.with_email)
    audience.matched += n
    if (!applies.has(g.status)) {
      audience.skipped += n
      continue
    }
    audience.noEmail += n - withEmail
    if (withEmail === 0) continue
    audience.recipients += withEmail
    const lng = g.preferred_language as Language
    const seen = byLanguage.get(lng)
    byLanguage.set(lng, {
      count: (seen?.count ?? 0) + withEmail,
      sample: seen && seen.sample < g.sample ? seen.sample : g.sample,
    })
  }
  // The sample is one who gets the mail: an invitation of that language, in a status the mode applies to, with an email.
  for (const [language, { count }] of byLanguage) {
    const sample = await filtered(db, eventId, filter)
      .select('e.id')
      .where('p.preferred_language', '=', language)
      .where('e.status', 'in', statusesFor(mode))
      .where('p.email', 'is not', null)
      .orderBy('e.id')
      .limit(1)
      .executeTakeFirst()
    if (sample) audience.languages.push({ language, count, sampleInvitationId: sample.id })
  }
  audience.languages.sort((a, b) => b.count - a.count || a.language.localeCompare(b.language))
  return audience
}

/** A fresh batch key for a preview: 128 random bits, so two previews never share one. */
export function newBatchKey(): string {
  return newNonce()
}

/** A batch key as the browser sends it back: what newBatchKey makes, nothing else. */
export function isBatchKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22,64}$/.test(value)
}

/**
 * Confirms a bulk send: every invitation the filter lists that the mode applies to gets its
 * mail, in one transaction with the batch row; the same key again returns the first result.
 */
export async function confirmBulkSend(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  input: { key: string; mode: SendMode; filter: BulkFilter },
  actor: Actor,
  now = new Date(),
): Promise<SendResult & { batchId?: string; repeated?: boolean }> {
  const batch: BatchRequest = { id: input.key, filter: { q: input.filter.q, status: input.filter.status } }
  const unfiltered = !input.filter.q && !input.filter.status
  const ids = unfiltered
    ? 'all'
    : (await filtered(db, eventId, input.filter).select('e.id').orderBy('e.id').execute()).map((r) => r.id)
  return queueInvitations(db, secret, eventId, ids, input.mode, actor, now, batch)
}

/** The invitation a preview or test mail is drawn from, when it is the event's. */
export async function sampleInvitation(db: Kysely<Database>, eventId: string, invitationId: string) {
  return db
    .selectFrom('invitations')
    .select('id')
    .where('id', '=', invitationId)
    .where('event_id', '=', eventId)
    .executeTakeFirst()
}

/**
 * A test of a bulk send's mail to the organizer: the mail one recipient would get, in their
 * language, to `recipient`, marked as a sample (no personal link, and the invitation unchanged).
 * Null when the invitation is not the event's.
 */
export async function queueSampleMail(
  db: Kysely<Database>,
  eventId: string,
  input: { invitationId: string; mode: SendMode; language: Language },
  recipient: string,
  now = new Date(),
): Promise<string | null> {
  const invitation = await sampleInvitation(db, eventId, input.invitationId)
  if (!invitation) return null
  const [id] = await enqueueMail(
    db,
    [
      {
        kind: input.mode === 'remind' ? 'reminder' : 'invitation',
        eventId,
        invitationId: invitation.id,
        recipient,
        language: input.language,
        data: { sample: true },
      },
    ],
    now,
  )
  return id ?? null
}

export interface BatchProgress {
  batch: Pick<MailBatchesTable, 'id' | 'mode' | 'queued' | 'no_email' | 'skipped' | 'created_at'> & {
    filter: BulkFilter
  }
  /** of its mails: still to send, sent, failed (bounced or refused) */
  pending: number
  sent: number
  failed: number
}

/** A batch of the event with how far its mails have gone; null when it is not the event's. */
export async function batchProgress(
  db: Kysely<Database>,
  eventId: string,
  batchId: string,
): Promise<BatchProgress | null> {
  const batch = await db
    .selectFrom('mail_batches')
    .select(['id', 'mode', 'filter', 'queued', 'no_email', 'skipped', 'created_at'])
    .where('id', '=', batchId)
    .where('event_id', '=', eventId)
    .executeTakeFirst()
  if (!batch) return null
  const counts = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
    .where('batch_id', '=', batch.id)
    .groupBy('status')
    .execute()
  const of = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0)
  let filter: BulkFilter = { q: '', status: '' }
  try {
    const parsed = JSON.parse(batch.filter) as Partial<BulkFilter>
    filter = { q: String(parsed.q ?? ''), status: (parsed.status ?? '') as BulkFilter['status'] }
  } catch {
    // a batch row's filter is ours; unreadable means "no filter" for the words shown
  }
  return { batch: { ...batch, filter }, pending: of('queued'), sent: of('sent'), failed: of('failed') }
}
