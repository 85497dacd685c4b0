import type { Kysely } from 'kysely'
import { type Cookie, createContext } from 'react-router'
import type { Database } from '../../db/schema'
import type { CheckinBus } from '../checkin/live.server'
import type { Config } from '../config.server'

/** What every loader and action may use, set once per request by the HTTP layer. */
export interface AppContext {
  db: Kysely<Database>
  config: Config
  sessionCookie: Cookie
  /** the client's address (from X-Forwarded-For only when TRUST_PROXY=1) */
  ip: string | null
  /** per-request nonce for the Content-Security-Policy */
  nonce: string
  /** check-in changes, for live attendance pages */
  live: CheckinBus
  /** the time now: the real clock, or a test's, so that windows such as rate limits are decided by the test */
  now: () => Date
}

export const appContext = createContext<AppContext>()
