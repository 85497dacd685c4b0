// FROZEN: never edit a migration that has landed. Add a new one instead.
// Attendance counts kept, not computed (issue 7, ADR 0017): one row per session with how many
// attendees are expected, how many of them are checked in, how many were admitted without being
// expected, and how many standing admissions are offline conflicts. Triggers keep the rows right
// in the same transaction as every write that can change them, whichever code path makes it:
// before a row that matters changes, the affected (session, registration) pairs take their share
// out of the counts; after it changed, they put their new share back. The share of a pair is the
// check-in rule `admits` (app/checkin/rules.ts) in SQL: the registration is confirmed, and it holds
// a confirmed seat, or the session is open to every attendee (VIP only: VIP attendees).
import { type Kysely, SqliteAdapter, sql } from 'kysely'

/** The pair (s = session, r = registration, p = its person) may come in. */
const EXPECTED = `(r.status = 'confirmed' AND (
    EXISTS (SELECT 1 FROM registration_sessions rs
            WHERE rs.registration_id = r.id AND rs.session_id = s.id AND rs.status = 'confirmed')
    OR (s.registration_required = 0 AND (s.vip_only = 0 OR p.vip = 1))))`

/** The pair has an admission that stands (not undone). */
const ADMITTED = `EXISTS (SELECT 1 FROM checkins ck
    WHERE ck.session_id = s.id AND ck.registration_id = r.id AND ck.status = 'ok' AND ck.undone_at IS NULL)`

const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`

/** Adds (+) or takes out (-) the share of every pair `filter` selects, for the sessions counted. */
function shift(sign: '+' | '-', filter: string): string {
  return `UPDATE session_tallies SET
      expected = expected ${sign} c.e,
      checked_in = checked_in ${sign} c.e * c.a,
      unexpected = unexpected ${sign} (1 - c.e) * c.a
    FROM (SELECT s.id AS session_id, ${flag(EXPECTED)} AS e, ${flag(ADMITTED)} AS a
          FROM registrations r
          JOIN people p ON p.id = r.person_id
          JOIN sessions s ON s.event_id = r.event_id
          WHERE ${filter}) AS c
    WHERE session_tallies.session_id = c.session_id`
}

/**
 * A standing admission flagged as an offline conflict counts once in its session's conflicts.
 * Not while the session itself is being deleted (its cascade reaches the check-ins): the row is
 * going too, and PostgreSQL would check the updated row's foreign key against the gone session.
 */
function conflicts(sign: '+' | '-', row: 'OLD' | 'NEW'): string {
  return `UPDATE session_tallies SET conflicts = conflicts ${sign} 1
    WHERE session_id = ${row}.session_id
      AND ${row}.status = 'ok' AND ${row}.undone_at IS NULL AND ${row}.conflict = 1
      AND EXISTS (SELECT 1 FROM sessions WHERE id = ${row}.session_id)`
}

/** Counts the sessions `filter` selects from scratch (a new session, changed rules, the backfill). */
function recount(filter: string): string {
  const among = (condition: string) =>
    `(SELECT COUNT(*) FROM registrations r JOIN people p ON p.id = r.person_id
      WHERE r.event_id = s.event_id AND ${condition})`
  return `INSERT INTO session_tallies (session_id, expected, checked_in, unexpected, conflicts)
    SELECT s.id,
      ${among(EXPECTED)},
      ${among(`${EXPECTED} AND ${ADMITTED}`)},
      ${among(`NOT ${EXPECTED} AND ${ADMITTED}`)},
      (SELECT COUNT(*) FROM checkins ck
       WHERE ck.session_id = s.id AND ck.status = 'ok' AND ck.undone_at IS NULL AND ck.conflict = 1)
    FROM sessions s WHERE ${filter}`
}

interface Trigger {
  name: string
  timing: 'BEFORE' | 'AFTER'
  event: 'INSERT' | 'DELETE' | 'UPDATE'
  table: string
  /** UPDATE: the columns whose change matters */
  columns?: string[]
  body: string[]
}

/** The pair a seat or check-in row names, before or after an update that may move it. */
const eitherPair = `r.id IN (OLD.registration_id, NEW.registration_id) AND s.id IN (OLD.session_id, NEW.session_id)`

const REGISTRATION = ['status', 'event_id', 'person_id']
const SEAT = ['status', 'session_id', 'registration_id']
const CHECKIN = ['status', 'undone_at', 'registration_id', 'session_id', 'conflict']
const SESSION = ['registration_required', 'vip_only', 'event_id']

const TRIGGERS: Trigger[] = [
  {
    name: 'tally_registrations_ai',
    timing: 'AFTER',
    event: 'INSERT',
    table: 'registrations',
    body: [shift('+', 'r.id = NEW.id')],
  },
  {
    name: 'tally_registrations_bu',
    timing: 'BEFORE',
    event: 'UPDATE',
    table: 'registrations',
    columns: REGISTRATION,
    body: [shift('-', 'r.id = OLD.id')],
  },
  {
    name: 'tally_registrations_au',
    timing: 'AFTER',
    event: 'UPDATE',
    table: 'registrations',
    columns: REGISTRATION,
    body: [shift('+', 'r.id = NEW.id')],
  },
  {
    name: 'tally_registrations_bd',
    timing: 'BEFORE',
    event: 'DELETE',
    table: 'registrations',
    body: [shift('-', 'r.id = OLD.id')],
  },

  {
    name: 'tally_seats_bi',
    timing: 'BEFORE',
    event: 'INSERT',
    table: 'registration_sessions',
    body: [shift('-', 'r.id = NEW.registration_id AND s.id = NEW.session_id')],
  },
  {
    name: 'tally_seats_ai',
    timing: 'AFTER',
    event: 'INSERT',
    table: 'registration_sessions',
    body: [shift('+', 'r.id = NEW.registration_id AND s.id = NEW.session_id')],
  },
  {
    name: 'tally_seats_bu',
    timing: 'BEFORE',
    event: 'UPDATE',
    table: 'registration_sessions',
    columns: SEAT,
    body: [shift('-', eitherPair)],
  },
  {
    name: 'tally_seats_au',
    timing: 'AFTER',
    event: 'UPDATE',
    table: 'registration_sessions',
    columns: SEAT,
    body: [shift('+', eitherPair)],
  },
  {
    name: 'tally_seats_bd',
    timing: 'BEFORE',
    event: 'DELETE',
    table: 'registration_sessions',
    body: [shift('-', 'r.id = OLD.registration_id AND s.id = OLD.session_id')],
  },
  {
    name: 'tally_seats_ad',
    timing: 'AFTER',
    event: 'DELETE',
    table: 'registration_sessions',
    body: [shift('+', 'r.id = OLD.registration_id AND s.id = OLD.session_id')],
  },

  {
    name: 'tally_people_bu',
    timing: 'BEFORE',
    event: 'UPDATE',
    table: 'people',
    columns: ['vip'],
    body: [shift('-', 'r.person_id = OLD.id')],
  },
  {
    name: 'tally_people_au',
    timing: 'AFTER',
    event: 'UPDATE',
    table: 'people',
    columns: ['vip'],
    body: [shift('+', 'r.person_id = NEW.id')],
  },

  {
    name: 'tally_checkins_bi',
    timing: 'BEFORE',
    event: 'INSERT',
    table: 'checkins',
    body: [shift('-', 'r.id = NEW.registration_id AND s.id = NEW.session_id')],
  },
  {
    name: 'tally_checkins_ai',
    timing: 'AFTER',
    event: 'INSERT',
    table: 'checkins',
    body: [shift('+', 'r.id = NEW.registration_id AND s.id = NEW.session_id'), conflicts('+', 'NEW')],
  },
  {
    name: 'tally_checkins_bu',
    timing: 'BEFORE',
    event: 'UPDATE',
    table: 'checkins',
    columns: CHECKIN,
    body: [shift('-', eitherPair), conflicts('-', 'OLD')],
  },
  {
    name: 'tally_checkins_au',
    timing: 'AFTER',
    event: 'UPDATE',
    table: 'checkins',
    columns: CHECKIN,
    body: [shift('+', eitherPair), conflicts('+', 'NEW')],
  },
  {
    name: 'tally_checkins_bd',
    timing: 'BEFORE',
    event: 'DELETE',
    table: 'checkins',
    body: [shift('-', 'r.id = OLD.registration_id AND s.id = OLD.session_id'), conflicts('-', 'OLD')],
  },
  {
    name: 'tally_checkins_ad',
    timing: 'AFTER',
    event: 'DELETE',
    table: 'checkins',
    body: [shift('+', 'r.id = OLD.registration_id AND s.id = OLD.session_id')],
  },

  { name: 'tally_sessions_ai', timing: 'AFTER', event: 'INSERT', table: 'sessions', body: [recount('s.id = NEW.id')] },
  {
    name: 'tally_sessions_au',
    timing: 'AFTER',
    event: 'UPDATE',
    table: 'sessions',
    columns: SESSION,
    body: ['DELETE FROM session_tallies WHERE session_id = OLD.id', recount('s.id = NEW.id')],
  },
]

function sqliteTrigger(t: Trigger): string {
  const on = t.columns ? `UPDATE OF ${t.columns.join(', ')}` : t.event
  const when = t.columns ? `WHEN ${t.columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}` : ''
  return `CREATE TRIGGER ${t.name} ${t.timing} ${on} ON ${t.table} FOR EACH ROW ${when}
    BEGIN ${t.body.map((statement) => `${statement};`).join('\n')} END`
}

/** The events whose counts a row change can touch (a person's: every event they registered for). */
function eventsTouched(t: Trigger): string {
  const rows = t.event === 'INSERT' ? ['NEW'] : t.event === 'DELETE' ? ['OLD'] : ['OLD', 'NEW']
  const list = (column: string) => rows.map((row) => `${row}.${column}`).join(', ')
  switch (t.table) {
    case 'registrations':
    case 'sessions':
      return rows.map((row) => `SELECT ${row}.event_id AS event_id`).join(' UNION ')
    case 'people':
      return `SELECT event_id FROM registrations WHERE person_id IN (${list('id')})`
    default:
      return `SELECT event_id FROM sessions WHERE id IN (${list('session_id')})`
  }
}

/**
 * PostgreSQL: before touching an event's counts, a transaction takes that event's advisory lock
 * (held to the end of the transaction; taking it again is free). Counts are then changed by one
 * transaction at a time per event, so no two transactions can each hold one session's row and wait
 * for another's, whatever order their statements come in: no deadlock between door batches on two
 * instances, or between a batch and a cancellation. Several events are locked in id order.
 */
function postgresTrigger(t: Trigger): string[] {
  const on = t.columns ? `UPDATE OF ${t.columns.join(', ')}` : t.event
  const when = t.columns ? `WHEN (${t.columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ')})` : ''
  const returns = t.timing === 'AFTER' ? 'NULL' : t.event === 'DELETE' ? 'OLD' : 'NEW'
  const lock = `PERFORM pg_advisory_xact_lock(hashtextextended('signet:tallies:' || e.event_id, 0))
    FROM (SELECT DISTINCT event_id FROM (${eventsTouched(t)}) AS touched ORDER BY event_id) AS e`
  return [
    `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $body$
     BEGIN ${[lock, ...t.body].map((statement) => `${statement};`).join('\n')} RETURN ${returns}; END $body$`,
    `CREATE TRIGGER ${t.name} ${t.timing} ${on} ON ${t.table} FOR EACH ROW ${when} EXECUTE FUNCTION ${t.name}()`,
  ]
}

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_tallies')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('checked_in', 'integer', (c) => c.notNull())
    .addColumn('unexpected', 'integer', (c) => c.notNull())
    .addColumn('conflicts', 'integer', (c) => c.notNull())
    .execute()
  // The share of a pair is looked up by registration, then session: these make it an index probe.
  await db.schema
    .createIndex('checkins_standing')
    .on('checkins')
    .columns(['registration_id', 'session_id', 'status', 'undone_at'])
    .execute()
  await db.schema.createIndex('registrations_person').on('registrations').column('person_id').execute()
  for (const trigger of TRIGGERS) {
    for (const statement of isSqlite(db) ? [sqliteTrigger(trigger)] : postgresTrigger(trigger)) {
      await sql.raw(statement).execute(db)
    }
  }
  // Counted after the triggers exist: on PostgreSQL, creating them locks their tables against
  // writes until this migration commits, so no write of a still-running instance falls between
  // the count and the triggers.
  await sql.raw(recount('1 = 1')).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) {
    if (isSqlite(db)) await sql.raw(`DROP TRIGGER IF EXISTS ${trigger.name}`).execute(db)
    else {
      await sql.raw(`DROP TRIGGER IF EXISTS ${trigger.name} ON ${trigger.table}`).execute(db)
      await sql.raw(`DROP FUNCTION IF EXISTS ${trigger.name}()`).execute(db)
    }
  }
  await db.schema.dropIndex('registrations_person').execute()
  await db.schema.dropIndex('checkins_standing').execute()
  await db.schema.dropTable('session_tallies').execute()
}
