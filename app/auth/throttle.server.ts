/**
 * A counter per key over a sliding window, kept in the database (the login_attempts table), so
 * that it holds across restarts and instances: for guessed links and open registration forms.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { decide, type RateDecision } from './rate-limit'

/** Counts one hit on `key`; limited once more than `max` hits fall in the window. */
export async function hit(
  db: Kysely<Database>,
  key: string,
  max: number,
  windowMs: number,
  now = new Date(),
): Promise<RateDecision> {
  const times = await serialized(db, `throttle:${key}`, async (trx) => {
    await trx
      .deleteFrom('login_attempts')
      .where('key', '=', key)
      .where('created_at', '<=', nowIso(new Date(now.getTime() - windowMs)))
      .execute()
    await trx
      .insertInto('login_attempts')
      .values({ id: newId(), key, created_at: nowIso(now) })
      .execute()
    return trx.selectFrom('login_attempts').select('created_at').where('key', '=', key).execute()
  })
  return decide(
    times.map((r) => Date.parse(r.created_at)),
    max,
    now.getTime(),
    windowMs,
  )
}

/** Whether `key` is over its limit now, without counting a hit (for counting only failures). */
export async function check(
  db: Kysely<Database>,
  key: string,
  max: number,
  windowMs: number,
  now = new Date(),
): Promise<RateDecision> {
  const times = await db
    .selectFrom('login_attempts')
    .select('created_at')
    .where('key', '=', key)
    .where('created_at', '>', nowIso(new Date(now.getTime() - windowMs)))
    .execute()
  // One more than the hits so far: would the next hit be refused?
  return decide([...times.map((r) => Date.parse(r.created_at)), now.getTime()], max, now.getTime(), windowMs)
}
