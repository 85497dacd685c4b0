import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'

export interface AuditEntry {
  actorUserId: string | null
  action: string
  entityType: string
  entityId?: string | null
  /** details worth keeping; never a password, token or secret */
  detail?: Record<string, unknown>
  ip?: string | null
}

/** Records who did what to which record, and when. Call it inside the transaction that made the change. */
export async function audit(db: Kysely<Database>, entry: AuditEntry, now = new Date()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.ip ?? null,
      created_at: nowIso(now),
    })
    .execute()
}
