/**
 * The raw floor for the PostgreSQL redeem benchmark (bench/checkin-pg.ts): what
 * bench/checkin-floor.ts does on SQLite, with `node:http` and `pg`. Per scan, in one transaction
 * on a connection of a pool as large as Signet's (10): parse the JSON body, hash the code, find
 * the registration by ticket hash, look for an earlier admission to the session, insert the
 * attempt (the database's own triggers keep the attendance counts, as for Signet), commit, answer
 * JSON. Named prepared statements, no framework, no validation, no device check, no lock of its
 * own. Usage: tsx bench/checkin-floor-pg.ts <postgres url> <port>; exits when stdin ends.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import pg from 'pg'

const [url, port] = process.argv.slice(2)
if (!url || !port) throw new Error('usage: checkin-floor-pg.ts <postgres url> <port>')
const pool = new pg.Pool({ connectionString: url, max: 10 })

const findTicket = `select r.id, r.event_id, r.status, r.family_name, r.given_name, r.latin_name, r.organization_name, p.vip
  from registrations r join people p on p.id = r.person_id where r.ticket_hash = $1`
const findEarlier = `select scanned_at from checkins where session_id = $1 and registration_id = $2 and status = 'ok'
  and undone_at is null order by scanned_at limit 1`
const insert = `insert into checkins (id, event_id, session_id, registration_id, actor_key, device_id, user_id, nonce,
  status, reason, offline, conflict, scanned_at, created_at, undone_at, code_sample, answer)
  values ($1, $2, $3, $4, 'floor', null, null, $5, $6, $7, 0, 0, $8, $9, null, null, $10)`

async function redeem(body: { code: string; sessionId: string; nonce: string }): Promise<string> {
  const hash = createHash('sha256').update(body.code.toUpperCase().replace(/[\s-]/g, '')).digest('hex')
  const client = await pool.connect()
  try {
    await client.query('begin')
    const ticket = (await client.query({ name: 'ticket', text: findTicket, values: [hash] })).rows[0] as
      | { id: string; event_id: string; latin_name: string }
      | undefined
    const earlier = ticket
      ? (await client.query({ name: 'earlier', text: findEarlier, values: [body.sessionId, ticket.id] })).rows[0]
      : undefined
    const status = ticket && !earlier ? 'ok' : 'rejected'
    const now = new Date().toISOString()
    const answer = JSON.stringify({ status, attendee: ticket ? { latinName: ticket.latin_name } : null })
    await client.query({
      name: 'insert',
      text: insert,
      values: [
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
      ],
    })
    await client.query('commit')
    return answer
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

// The event id must exist for the foreign key: unknown codes are not sent by the benchmark.
createServer((req, res) => {
  if (req.method !== 'POST') {
    res.end('ok')
    return
  }
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    redeem(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then(
      (answer) => {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(answer)
      },
      (error: unknown) => {
        console.error(`floor: ${String(error)}`)
        res.writeHead(500)
        res.end()
      },
    )
  })
}).listen(Number(port), '127.0.0.1', () => console.log('floor: listening'))

process.stdin.resume()
process.stdin.on('end', () => process.exit(0))
