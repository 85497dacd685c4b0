import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { audit } from '../audit/audit.server'
import { hashPassword } from '../auth/password.server'
import { type FieldErrors, fieldErrors } from '../validation/field-errors'
import { passwordProblem } from './password-policy'
import { type UserInput, userInputSchema } from './users'

export type CreateUserResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }
  | { ok: false; reason: 'email_taken' }

export async function createUser(
  db: Kysely<Database>,
  input: UserInput,
  actorUserId: string | null,
  now = new Date(),
): Promise<CreateUserResult> {
  const parsed = userInputSchema.safeParse(input)
  if (!parsed.success) return { ok: false, reason: 'invalid', fields: fieldErrors(parsed.error) }
  const { email, name, password, isAdmin, language } = parsed.data
  const problem = passwordProblem(password, { email, name })
  if (problem) return { ok: false, reason: 'invalid', fields: { password: { key: problem } } }
  const passwordHash = await hashPassword(password)
  return inTransaction(db, async (trx) => {
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
