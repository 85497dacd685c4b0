import type { Kysely } from 'kysely'
import { createUser } from '../../app/users/users.server'
import { nowIso } from '../../db/ids'
import type { Database, EventRole } from '../../db/schema'
import { TestClient } from './server'

export const PASSWORD = 'a-long-test-password-1'

/** Creates a user directly in the database (not through the UI), optionally with an event role. */
export async function makeUser(
  db: Kysely<Database>,
  email: string,
  options: { admin?: boolean; role?: { eventSlug: string; role: EventRole } } = {},
): Promise<string> {
  const result = await createUser(
    db,
    { email, name: email.split('@')[0] ?? email, password: PASSWORD, isAdmin: options.admin ?? false },
    null,
  )
  if (!result.ok) throw new Error(`makeUser ${email}: ${result.reason}`)
  if (options.role) {
    const event = await db
      .selectFrom('events')
      .select('id')
      .where('slug', '=', options.role.eventSlug)
      .executeTakeFirstOrThrow()
    await db
      .insertInto('event_members')
      .values({ event_id: event.id, user_id: result.id, role: options.role.role, created_at: nowIso() })
      .execute()
  }
  return result.id
}

/** A client signed in through the real login form. */
export async function signedIn(origin: string, email: string, password = PASSWORD): Promise<TestClient> {
  const client = new TestClient(origin)
  const response = await client.post('/login', { email, password, redirectTo: '/events' })
  if (response.status !== 302) throw new Error(`sign-in of ${email} failed with ${response.status}`)
  return client
}
