import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { audit } from '../audit/audit.server'
import { hashPassword } from '../auth/password.server'
import { revokeAllSessions } from '../auth/session.server'
import { passwordProblem } from './password-policy'
import { normalizeEmail, type UserInput, userInputSchema } from './users'

export type CreateUserResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'invalid'; fields: Record<string, string> }
  | { ok: false; reason: 'email_taken' }

export async function createUser(
  db: Kysely<Database>,
  input: UserInput,
  actorUserId: string | null,
  now = new Date(),
): Promise<CreateUserResult> {
  const parsed = userInputSchema.safeParse(input)
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message
    return { ok: false, reason: 'invalid', fields }
  }
  const { email, name, password, isAdmin, language } = parsed.data
  const problem = passwordProblem(password, { email, name })
  if (problem) return { ok: false, reason: 'invalid', fields: { password: problem } }
  const passwordHash = await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (existing) return { ok: false, reason: 'email_taken' } as const
    const id = newId()
    await trx
      .insertInto('users')
      .values({
        id,
        email,
        name,
        password_hash: passwordHash,
        is_admin: isAdmin ? 1 : 0,
        disabled_at: null,
        language: language ?? 'zh',
        activated_at: nowIso(now),
        created_at: nowIso(now),
        updated_at: nowIso(now),
      })
      .execute()
    await audit(
      trx,
      { actorUserId, action: 'user.create', entityType: 'user', entityId: id, detail: { email, isAdmin } },
      now,
    )
    return { ok: true, id } as const
  })
}

export async function listUsers(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'is_admin', 'disabled_at', 'created_at'])
    .orderBy('created_at')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    isAdmin: r.is_admin === 1,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
  }))
}

export type DisableUserResult = { ok: true; revokedSessions: number } | { ok: false; reason: 'not_found' }

/** Disables an account and ends all its sessions at once. */
export async function disableUser(
  db: Kysely<Database>,
  email: string,
  actorUserId: string | null,
  now = new Date(),
): Promise<DisableUserResult> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst()
    if (!user) return { ok: false, reason: 'not_found' } as const
    await trx
      .updateTable('users')
      .set({ disabled_at: nowIso(now), updated_at: nowIso(now) })
      .where('id', '=', user.id)
      .execute()
    const revokedSessions = await revokeAllSessions(trx, user.id, now)
    await audit(
      trx,
      { actorUserId, action: 'user.disable', entityType: 'user', entityId: user.id, detail: { revokedSessions } },
      now,
    )
    return { ok: true, revokedSessions } as const
  })
}
