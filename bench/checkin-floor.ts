/**
 * The raw floor for the redeem benchmark (bench/checkin.ts): `node:http` and better-sqlite3 with
 * Signet's pragmas, doing the same lookup and insert as a redeem and nothing else: parse the JSON
 * body, hash the code, find the registration by ticket hash, look for an earlier admission to the
 * session, insert the attempt, answer JSON. No framework, no validation, no device check, no lock
 * beyond SQLite's own. Usage: tsx bench/checkin-floor.ts <sqlite file> <port>
 */
import { createHash, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { openSqlite } from '../db/connect'

const [file, port] = process.argv.slice(2)
if (!file || !port) throw new Error('usage: checkin-floor.ts <sqlite file> <port>')
const db = openSqlite(file)
const findTicket = db.prepare(
  `select r.id, r.event_id, r.status, r.family_name, r.given_name, r.latin_name, r.organization_name, p.vip
   from registrations r join people p on p.id = r.person_id where r.ticket_hash = ?`,
)
const findEarlier = db.prepare(
  `select scanned_at from checkins where session_id = ? and registration_id = ? and status = 'ok' and undone_at is null
   order by scanned_at limit 1`,
)
const insert = db.prepare(
  `insert into checkins (id, event_id, session_id, registration_id, actor_key, device_id, user_id, nonce, status, reason,
   offline, conflict, scanned_at, created_at, undone_at, code_sample, answer)
   values (?, ?, ?, ?, 'floor', null, null, ?, ?, ?, 0, 0, ?, ?, null, null, ?)`,
)
const redeem = db.transaction((body: { code: string; sessionId: string; nonce: string }) => {
  const hash = createHash('sha256').update(body.code.toUpperCase().replace(/[\s-]/g, '')).digest('hex')
  const ticket = findTicket.get(hash) as { id: string; event_id: string; latin_name: string } | undefined
  const earlier = ticket ? findEarlier.get(body.sessionId, ticket.id) : undefined
  const status = ticket && !earlier ? 'ok' : 'rejected'
  const now = new Date().toISOString()
  const answer = JSON.stringify({ status, attendee: ticket ? { latinName: ticket.latin_name } : null })
  insert.run(
    randomUUID(),
    ticket?.event_id ?? '',
    body.sessionId,
    ticket?.id ?? null,
    body.nonce,
    status,
    status === 'ok' ? null : 'already_checked_in',
    now,
    now,
    answer,
  )
  return answer
})
// The event id must exist for the foreign key: unknown codes are not sent by the benchmark.
createServer((req, res) => {
  if (req.method !== 'POST') {
    res.end('ok')
    return
  }
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const answer = redeem(JSON.parse(Buffer.concat(chunks).toString('utf8')))
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(answer)
  })
}).listen(Number(port), '127.0.0.1', () => console.log('floor: listening'))
