/**
 * Live check-in changes for organizers' attendance pages and the readiness board: the device API
 * publishes after each admission or undo, the pages' streams (server-sent events) subscribe per
 * event. On SQLite (one process) this is an in-memory emitter. On PostgreSQL, where several
 * instances may serve one database, every change goes through LISTEN/NOTIFY, so a scan handled by
 * one instance reaches pages open on every other: no new service (ADR 0015).
 */
import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { DatabaseTarget } from '../../db/connect'

export interface CheckinChange {
  eventId: string
  sessionId: string
}

export interface CheckinBus {
  publish(change: CheckinChange): void
  /** Calls `listener` for every change at the event until the returned function is called. */
  subscribe(eventId: string, listener: (change: CheckinChange) => void): () => void
}

export interface LiveBus extends CheckinBus {
  /** Stops listening (the PostgreSQL connection is closed); a no-op in one process. */
  close(): Promise<void>
}

export function createLocalBus(): LiveBus {
  const emitter = new EventEmitter()
  // One listener per open attendance page; many organizers may watch at once.
  emitter.setMaxListeners(0)
  return {
    publish(change) {
      emitter.emit(change.eventId, change)
    },
    subscribe(eventId, listener) {
      emitter.on(eventId, listener)
      return () => emitter.off(eventId, listener)
    },
    async close() {},
  }
}

/** The PostgreSQL channel every instance listens on. */
export const CHECKIN_CHANNEL = 'signet_checkin'
/** How long to wait before listening again after the connection dropped. */
const RECONNECT_MS = 1_000

function parseChange(payload: string | undefined): CheckinChange | null {
  if (!payload) return null
  try {
    const value: unknown = JSON.parse(payload)
    if (typeof value !== 'object' || value === null) return null
    const { eventId, sessionId } = value as Record<string, unknown>
    return typeof eventId === 'string' && typeof sessionId === 'string' ? { eventId, sessionId } : null
  } catch {
    return null
  }
}

/**
 * A bus shared by every instance on one PostgreSQL database. One dedicated connection LISTENs;
 * `publish` sends a NOTIFY on it, and every instance (this one included) hears it and tells its
 * own subscribers. While the connection is down, changes reach this instance's pages only, and it
 * reconnects every second; a page missing a change sees it at its next reload.
 */
export async function createPostgresBus(url: string, log: (line: string) => void = console.error): Promise<LiveBus> {
  const local = createLocalBus()
  let client: pg.Client | null = null
  let closed = false
  let retry: ReturnType<typeof setTimeout> | null = null
  // What was last logged about the connection: an outage logs its cause once, not every second.
  let lastLogged: string | null = null

  const listen = async (): Promise<void> => {
    // keepAlive: a peer that vanished without closing (a failover) is noticed, not waited on forever.
    const next = new pg.Client({ connectionString: url, keepAlive: true })
    const lost = (error?: Error) => {
      if (client === next) client = null
      if (closed) return
      if (error && error.message !== lastLogged) {
        lastLogged = error.message
        log(`signet: live updates: ${error.message}; listening again`)
      }
      if (!retry) {
        retry = setTimeout(() => {
          retry = null
          listen().catch((e: Error) => lost(e))
        }, RECONNECT_MS)
        retry.unref()
      }
    }
    next.on('notification', (message) => {
      if (message.channel !== CHECKIN_CHANNEL) return
      const change = parseChange(message.payload)
      if (change) local.publish(change)
    })
    next.on('error', (error) => lost(error))
    next.on('end', () => lost())
    await next.connect()
    await next.query(`listen ${CHECKIN_CHANNEL}`)
    if (closed) {
      await next.end()
      return
    }
    client = next
    if (lastLogged !== null) log('signet: live updates: listening again on PostgreSQL')
    lastLogged = null
  }

  await listen()
  return {
    publish(change) {
      const listener = client
      if (!listener) return local.publish(change)
      listener
        .query('select pg_notify($1, $2)', [CHECKIN_CHANNEL, JSON.stringify(change)])
        .catch(() => local.publish(change))
    },
    subscribe: local.subscribe,
    async close() {
      closed = true
      if (retry) clearTimeout(retry)
      const listener = client
      client = null
      await listener?.end().catch(() => {})
    },
  }
}

/** The bus for a database: shared through PostgreSQL, or in this process for SQLite. */
export function createLiveBus(database: DatabaseTarget, log?: (line: string) => void): Promise<LiveBus> {
  return database.dialect === 'postgres' ? createPostgresBus(database.url, log) : Promise.resolve(createLocalBus())
}
