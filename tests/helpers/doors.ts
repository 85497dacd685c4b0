import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * Moves a session to the present (begun ten minutes ago, ending in an hour), so that its door takes
 * scans at the real clock: a door refuses scans outside the session's time (issue 16, migration
 * 0012). For suites that scan through a running server, whose fixtures date their events in the
 * future.
 */
export async function openDoorsNow(db: Kysely<Database>, sessionId: string, now = new Date()): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      starts_at: new Date(now.getTime() - 10 * 60_000).toISOString(),
      ends_at: new Date(now.getTime() + 60 * 60_000).toISOString(),
    })
    .where('id', '=', sessionId)
    .execute()
}
