/**
 * Invitations: a person asked to an event, optionally to some of its sessions, with a personal
 * link. Statuses: draft → queued → sent → registered | declined, plus bounced and failed (set by
 * the mail worker). Links carry a token derived from a nonce (secrets.server.ts, ADR 0008).
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRow, Invitation, InvitationStatus, Language } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { addDays } from '../i18n/format'
import { enqueueMail } from '../mail/outbox.server'
import { zonedToUtc } from '../time/zoned'
import { canQueueInvitation, canRemind, mayInviteTo } from './rules'
import { invitationToken, newNonce, tokenHash } from './secrets.server'

export interface Actor {
  userId: string | null
  ip?: string | null
}

/** The instant an event's links stop working: the end of its last day, in its time zone. */
export function eventEndsAt(event: Pick<EventRow, 'ends_on' | 'timezone'>): string {
  const next = zonedToUtc(addDays(event.ends_on, 1), '00:00', event.timezone)
  if (!next.ok) throw new Error(`event end is not a valid instant: ${event.ends_on} ${event.timezone}`)
  return next.iso
}

export interface InviteResult {
  created: number
  alreadyInvited: number
}

/**
 * Creates draft invitations for people not yet invited to the event. `sessionIds` (per person)
 * limits an invitation to those sessions; absent or empty: every session open to the person.
 */
export async function invitePeople(
  db: Kysely<Database>,
  event: Pick<EventRow, 'id' | 'ends_on' | 'timezone'>,
  people: readonly { personId: string; sessionIds?: readonly string[] }[],
  actor: Actor,
  now = new Date(),
): Promise<InviteResult> {
  return db.transaction().execute((trx) => invitePeopleIn(trx, event, people, actor, now))
}

export interface VipOnlyConflict {
  personId: string
  sessionId: string
}

/**
 * The first person named to a VIP-only session who is not a VIP (rules.ts mayInviteTo), or null.
 * Read in the caller's transaction, so it judges the people as they are saved with the invitation.
 */
export async function vipOnlyConflict(
  db: Kysely<Database>,
  people: readonly { personId: string; sessionIds?: readonly string[] }[],
): Promise<VipOnlyConflict | null> {
  const named = [...new Set(people.flatMap((p) => p.sessionIds ?? []))]
  const vipOnly = new Set<string>()
  for (let i = 0; i < named.length; i += 500) {
    const rows = await db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', named.slice(i, i + 500))
      .where('vip_only', '=', 1)
      .execute()
    for (const r of rows) vipOnly.add(r.id)
  }
  if (vipOnly.size === 0) return null
  const asked = people.filter((p) => (p.sessionIds ?? []).some((id) => vipOnly.has(id)))
  const ids = [...new Set(asked.map((p) => p.personId))]
  const vip = new Map<string, number>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'vip'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) vip.set(r.id, r.vip)
  }
  for (const p of asked) {
    const sessionId = (p.sessionIds ?? []).find((id) => vipOnly.has(id))
    if (sessionId && !mayInviteTo({ vipOnly: 1 }, vip.get(p.personId) === 1)) return { personId: p.personId, sessionId }
  }
  return null
}

/** invitePeople inside a caller's transaction (an import that also invites). */
export async function invitePeopleIn(
  trx: Kysely<Database>,
  event: Pick<EventRow, 'id' | 'ends_on' | 'timezone'>,
  people: readonly { personId: string; sessionIds?: readonly string[] }[],
  actor: Actor,
  now = new Date(),
): Promise<InviteResult> {
  const at = nowIso(now)
  const expiresAt = eventEndsAt(event)
  const existing = new Set<string>()
  const ids = [...new Set(people.map((p) => p.personId))]
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('invitations')
      .select('person_id')
      .where('event_id', '=', event.id)
      .where('person_id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) existing.add(r.person_id)
  }
  const fresh = people.filter((p) => !existing.has(p.personId))
  const seen = new Set<string>()
  const invitations: Invitation[] = []
  const links: { invitation_id: string; session_id: string }[] = []
  for (const p of fresh) {
    if (seen.has(p.personId)) continue
    seen.add(p.personId)
    const id = newId()
    invitations.push({
      id,
      event_id: event.id,
      person_id: p.personId,
      status: 'draft',
      token_nonce: null,
      token_hash: null,
      expires_at: expiresAt,
      sent_at: null,
      reminded_at: null,
      responded_at: null,
      created_at: at,
      updated_at: at,
    })
    for (const sessionId of new Set(p.sessionIds ?? [])) links.push({ invitation_id: id, session_id: sessionId })
  }
  // Callers check the sessions against the event; a session of another event here is a bug.
  const named = [...new Set(links.map((l) => l.session_id))]
  if (named.length > 0) {
    const own = await trx.selectFrom('sessions').select('id').where('event_id', '=', event.id).execute()
    const ownIds = new Set(own.map((s) => s.id))
    const foreign = named.filter((id) => !ownIds.has(id))
    if (foreign.length > 0) throw new Error(`sessions ${foreign.join(', ')} are not sessions of event ${event.id}`)
    // Callers refuse a non-VIP named to a VIP-only session with a coded error; here it is a bug.
    const conflict = await vipOnlyConflict(
      trx,
      fresh.map((p) => ({ personId: p.personId, sessionIds: p.sessionIds ?? [] })),
    )
    if (conflict) throw new Error(`person ${conflict.personId} is not a VIP; session ${conflict.sessionId} is VIP-only`)
  }
  // Someone else may invite the same person at the same moment (two organizers, two tabs):
  // the unique (event, person) decides, and only the rows inserted here count and get sessions.
  const inserted = new Set<string>()
  for (let i = 0; i < invitations.length; i += 500) {
    const rows = await trx
      .insertInto('invitations')
      .values(invitations.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['event_id', 'person_id']).doNothing())
      .returning('id')
      .execute()
    for (const r of rows) inserted.add(r.id)
  }
  const insertedLinks = links.filter((l) => inserted.has(l.invitation_id))
  for (let i = 0; i < insertedLinks.length; i += 1000) {
    await trx
      .insertInto('invitation_sessions')
      .values(insertedLinks.slice(i, i + 1000))
      .execute()
  }
  if (inserted.size > 0) {
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'invitation.create',
        entityType: 'event',
        entityId: event.id,
        detail: { count: inserted.size },
        ip: actor.ip,
      },
      now,
    )
  }
  return { created: inserted.size, alreadyInvited: people.length - inserted.size }
}

export type SendMode = 'send' | 'resend' | 'remind'

export interface SendResult {
  queued: number
  /** people without an email address */
  noEmail: number
  /** not in a state this action applies to (e.g. already registered) */
  skipped: number
}

/** A confirmed bulk send: its key (given with the preview) and the list filter it was for. */
export interface BatchRequest {
  id: string
  filter: { q: string; status: string }
}

/**
 * Queues invitation mails (or reminders) for the given invitations of an event, or for all of
 * its invitations the action applies to when `invitationIds` is 'all'. A link is created for
 * invitations that have none. One transaction: the mails and the statuses change together.
 * With a `batch`, the batch row is written in that transaction and its mails name it; a batch
 * key already used returns the first result and queues nothing (a double click sends once).
 */
export async function queueInvitations(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  invitationIds: readonly string[] | 'all',
  mode: SendMode,
  actor: Actor,
  now = new Date(),
  batch?: BatchRequest,
): Promise<SendResult & { batchId?: string; repeated?: boolean }> {
  return serialized(db, `invitations:${eventId}`, async (trx) => {
    if (batch) {
      // The same confirmation twice (a double click, a retried POST): the first one's result, nothing sent again.
      const done = await trx
        .selectFrom('mail_batches')
        .select(['id', 'event_id', 'queued', 'no_email', 'skipped'])
        .where('id', '=', batch.id)
        .executeTakeFirst()
      if (done) {
        if (done.event_id !== eventId) throw new Error('batch key of another event')
        return { queued: done.queued, noEmail: done.no_email, skipped: done.skipped, batchId: done.id, repeated: true }
      }
      await trx
        .insertInto('mail_batches')
        .values({
          id: batch.id,
          event_id: eventId,
          mode,
          filter: JSON.stringify(batch.filter),
          requested_by: actor.userId,
          queued: 0,
          no_email: 0,
          skipped: 0,
          created_at: nowIso(now),
        })
        .execute()
    }
    const query = trx
      .selectFrom('invitations as i')
      .innerJoin('people as p', 'p.id', 'i.person_id')
      .select(['i.id', 'i.status', 'i.token_nonce', 'p.email', 'p.preferred_language'])
      .where('i.event_id', '=', eventId)
    const rows =
      invitationIds === 'all'
        ? await query.execute()
        : (await Promise.all(chunks(invitationIds, 500).map((ids) => query.where('i.id', 'in', ids).execute()))).flat()
    const result: SendResult = { queued: 0, noEmail: 0, skipped: 0 }
    const at = nowIso(now)
    const mails: Parameters<typeof enqueueMail>[1][number][] = []
    const toQueue: string[] = []
    for (const row of rows) {
      const applies = mode === 'remind' ? canRemind(row.status) : canQueueInvitation(row.status, mode === 'resend')
      if (!applies) {
        result.skipped++
        continue
      }
      if (!row.email) {
        result.noEmail++
        continue
      }
      if (!row.token_nonce) {
        const nonce = newNonce()
        await trx
          .updateTable('invitations')
          .set({ token_nonce: nonce, token_hash: tokenHash(invitationToken(secret, nonce)) })
          .where('id', '=', row.id)
          .execute()
      }
      if (mode !== 'remind') toQueue.push(row.id)
      mails.push({
        kind: mode === 'remind' ? 'reminder' : 'invitation',
        eventId,
        invitationId: row.id,
        recipient: row.email,
        language: row.preferred_language as Language,
        batchId: batch?.id ?? null,
      })
      result.queued++
    }
    for (const ids of chunks(toQueue, 500)) {
      await trx.updateTable('invitations').set({ status: 'queued', updated_at: at }).where('id', 'in', ids).execute()
    }
    await enqueueMail(trx, mails, now)
    if (result.queued > 0) {
      await audit(
        trx,
        {
          actorUserId: actor.userId,
          action: `invitation.${mode}`,
          entityType: 'event',
          entityId: eventId,
          detail: { ...result, ...(batch ? { batch: batch.id } : {}) },
          ip: actor.ip,
        },
        now,
      )
    }
    if (batch) {
      await trx
        .updateTable('mail_batches')
        .set({ queued: result.queued, no_email: result.noEmail, skipped: result.skipped })
        .where('id', '=', batch.id)
        .execute()
      return { ...result, batchId: batch.id, repeated: false }
    }
    return result
  })
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The personal link of an invitation, or null when its link is revoked or never issued. */
export function invitationLink(
  config: { appUrl: URL; sessionSecret: string },
  invitation: Pick<Invitation, 'token_nonce'>,
  next?: 'decline',
): string | null {
  if (!invitation.token_nonce) return null
  const url = new URL(`/i/${invitationToken(config.sessionSecret, invitation.token_nonce)}`, config.appUrl)
  if (next) url.searchParams.set('next', next)
  return url.toString()
}

export type LinkChange = { ok: true } | { ok: false; reason: 'not_found' }

/** Revokes an invitation's link (and the delegate sessions opened with it); `reissue` draws a new one. */
export async function changeInvitationLink(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  invitationId: string,
  action: 'revoke' | 'reissue',
  actor: Actor,
  now = new Date(),
): Promise<LinkChange> {
  return db.transaction().execute(async (trx) => {
    const nonce = action === 'reissue' ? newNonce() : null
    const updated = await trx
      .updateTable('invitations')
      .set({
        token_nonce: nonce,
        token_hash: nonce ? tokenHash(invitationToken(secret, nonce)) : null,
        updated_at: nowIso(now),
      })
      .where('id', '=', invitationId)
      .where('event_id', '=', eventId)
      .returning('id')
      .executeTakeFirst()
    if (!updated) return { ok: false, reason: 'not_found' }
    await trx
      .updateTable('delegate_sessions')
      .set({ revoked_at: nowIso(now) })
      .where('invitation_id', '=', invitationId)
      .where('revoked_at', 'is', null)
      .execute()
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: `invitation.link_${action}`,
        entityType: 'invitation',
        entityId: invitationId,
        ip: actor.ip,
      },
      now,
    )
    return { ok: true }
  })
}

export interface ResolvedInvitation {
  invitation: Invitation
  event: EventRow
}

/**
 * The invitation behind a link's token, or null when the token is unknown, revoked or expired,
 * or the event is not published: callers show one friendly page for all of these.
 */
export async function resolveInvitationToken(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<ResolvedInvitation | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const invitation = await db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst()
  if (!invitation || invitation.expires_at <= nowIso(now)) return null
  const event = await db
    .selectFrom('events')
    .selectAll()
    .where('id', '=', invitation.event_id)
    .where('status', '=', 'published')
    .executeTakeFirst()
  return event ? { invitation, event } : null
}

export interface Funnel {
  invited: number
  sent: number
  registered: number
  declined: number
  noAnswer: number
  failed: number
  draft: number
  queued: number
}

/** The invitation funnel of an event. */
export async function invitationFunnel(db: Kysely<Database>, eventId: string): Promise<Funnel> {
  const rows = await db
    .selectFrom('invitations')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute()
  const by = (status: InvitationStatus) => Number(rows.find((r) => r.status === status)?.n ?? 0)
  const sent = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('event_id', '=', eventId)
    .where('sent_at', 'is not', null)
    .executeTakeFirstOrThrow()
  const registered = by('registered')
  const declined = by('declined')
  const sentOnly = by('sent')
  return {
    invited: rows.reduce((sum, r) => sum + Number(r.n), 0),
    sent: Number(sent.n),
    registered,
    declined,
    noAnswer: sentOnly,
    failed: by('failed') + by('bounced'),
    draft: by('draft'),
    queued: by('queued'),
  }
}
