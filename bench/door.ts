/**
 * The door of the check-in benchmarks (bench/checkin.ts on SQLite, bench/checkin-pg.ts on
 * PostgreSQL): an event whose ticket holders are written straight into the database, an enrolled
 * device, and autocannon posting `/api/v1/checkin/redeem` with them.
 */
import { randomUUID } from 'node:crypto'
import autocannon from 'autocannon'
import type { Kysely } from 'kysely'
import { createDevice, issueDeviceToken } from '../app/checkin/devices.server'
import { withPersonSearchText } from '../app/people/search'
import { newNonce, ticketCode, ticketHash } from '../app/registration/secrets.server'
import { newId, nowIso } from '../db/ids'
import type { Database } from '../db/schema'
import { openDoorsNow } from '../tests/helpers/doors'
import { makeEvent, registrationRow, TEST_SECRET } from '../tests/helpers/registration'

export { TEST_SECRET }

export interface Door {
  eventId: string
  /** the event's sessions, all open to every attendee, their doors open now */
  sessionIds: string[]
  /** one ticket code per confirmed registration */
  codes: string[]
  /** an enrolled device of the event, for every session */
  token: string
}

/** An event with `sessions` sessions open to all, `tickets` confirmed registrations and a device. */
export async function seedDoor(
  db: Kysely<Database>,
  { slug, tickets, sessions = 1 }: { slug: string; tickets: number; sessions?: number },
): Promise<Door> {
  const event = await makeEvent(db, {
    slug,
    sessions: Array.from({ length: sessions }, (_, n) => ({
      title: n === 0 ? 'Opening ceremony' : `Hall ${n + 1}`,
      start: '2030-05-20T09:00',
      end: '2030-05-20T10:00',
      registrationRequired: false,
    })),
  })
  // Scans are taken only while the session's door is open (issue 16).
  for (const sessionId of event.sessionIds) await openDoorsNow(db, sessionId)
  const at = nowIso()
  const codes: string[] = []
  for (let start = 0; start < tickets; start += 200) {
    const people = []
    const registrations = []
    for (let i = start; i < Math.min(tickets, start + 200); i++) {
      const personId = newId()
      const nonce = newNonce()
      const code = ticketCode(TEST_SECRET, nonce)
      codes.push(code)
      people.push(
        withPersonSearchText({
          id: personId,
          key: null,
          organization_id: null,
          family_name: '佐藤',
          given_name: `健${i}`,
          latin_name: `SATO Ken ${i}`,
          kana: 'さとう けん',
          title_zh: null,
          title_en: null,
          title_ja: '部長',
          email: `${slug}-door${i}@example.org`,
          phone: null,
          preferred_language: 'ja' as const,
          vip: i % 20 === 0 ? 1 : 0,
          dietary: null,
          created_at: at,
          updated_at: at,
        }),
      )
      registrations.push(
        registrationRow({
          event_id: event.id,
          person_id: personId,
          given_name: `健${i}`,
          latin_name: `SATO Ken ${i}`,
          kana: 'さとう けん',
          title: '部長',
          organization_name: '株式会社テスト',
          email: `${slug}-door${i}@example.org`,
          diet: i % 7 === 0 ? 'halal' : 'none',
          interpretation: 'ja',
          consent_at: at,
          ticket_nonce: nonce,
          ticket_hash: ticketHash(code),
          ticket_issued_at: at,
          created_at: at,
          updated_at: at,
        }),
      )
    }
    await db.insertInto('people').values(people).execute()
    await db.insertInto('registrations').values(registrations).execute()
  }
  const device = await createDevice(db, event.id, { name: 'Bench door', sessionIds: [] }, { userId: null })
  if (!device.ok) throw new Error(device.reason)
  const token = await issueDeviceToken(db, device.deviceId)
  if (!token.ok) throw new Error('no token')
  return { eventId: event.id, sessionIds: event.sessionIds, codes, token: token.token }
}

/** One scan a load posts: a code at a session's door, by a device. */
export interface Scan {
  code: string
  sessionId: string
  token: string
}

/** The scans of a door: its codes in turn, each at the door's first session. */
export function scansOf(door: Door): Scan[] {
  return door.codes.map((code) => ({ code, sessionId: door.sessionIds[0] ?? '', token: door.token }))
}

export interface Load {
  rps: number
  p50: number
  p99: number
  requests: number
}

/**
 * autocannon posting the scans in turn (from the first, so a fresh database sees admissions
 * first, then "already checked in": both a lookup and an insert), each with a new nonce, for
 * `seconds`. `device`: with the scan's device token (Signet), or without (a floor). Any error,
 * timeout or non-2xx answer fails the load.
 */
export async function redeemLoad(
  url: string,
  scans: readonly Scan[],
  { connections, seconds, device }: { connections: number; seconds: number; device: boolean },
): Promise<Load> {
  let n = 0
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const scan = scans[n++ % scans.length] as Scan
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              ...(device ? { authorization: `Device ${scan.token}` } : {}),
            },
            body: JSON.stringify({ code: scan.code, sessionId: scan.sessionId, nonce: randomUUID() }),
          }
        },
      },
    ],
  })
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`)
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  }
}
