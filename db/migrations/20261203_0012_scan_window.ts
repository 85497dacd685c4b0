// FROZEN: never edit a migration that has landed. Add a new one instead.
// When a session's door takes scans (issue 16): from a number of minutes before the session
// starts (set per event, 120 by default) until it ends. Outside that window the door answers
// "not now", and staff may check someone in anyway: such an admission is marked as an override
// in its check-in row, which is the audit of scans (ADR 0012).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('events')
    .addColumn('scan_opens_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .execute()
  await db.schema
    .alterTable('checkins')
    .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins').dropColumn('override').execute()
  await db.schema.alterTable('events').dropColumn('scan_opens_minutes').execute()
}
