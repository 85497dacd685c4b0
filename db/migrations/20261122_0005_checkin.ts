// FROZEN: never edit a migration that has landed. Add a new one instead.
// Door check-in: devices (enrolled phones or third-party scanners, limited to some sessions),
// every scan attempt with its verdict (refusals and unknown codes included), and the hashes of
// ticket codes replaced by a reissue, so an old code is refused as revoked, not unknown.
// Device tokens and enrollment codes are stored as SHA-256 only (ADR 0012).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checkin_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('enrollment_hash', 'text', (c) => c.unique())
    .addColumn('enrollment_expires_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('checkin_devices_event').on('checkin_devices').columns(['event_id']).execute()

  await db.schema
    .createTable('checkin_device_sessions')
    .addColumn('device_id', 'text', (c) => c.notNull().references('checkin_devices.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('checkin_device_sessions_pk', ['device_id', 'session_id'])
    .execute()

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('registration_id', 'text', (c) => c.references('registrations.id').onDelete('set null'))
    // 'device:<id>' or 'user:<id>': whose nonces these are.
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.references('checkin_devices.id').onDelete('set null'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('offline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conflict', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    // What an unreadable or unknown code looked like (first 64 characters), for support.
    .addColumn('code_sample', 'text')
    // The answer given, returned again for a repeated nonce.
    .addColumn('answer', 'text', (c) => c.notNull())
    .addUniqueConstraint('checkins_actor_nonce', ['actor_key', 'nonce'])
    .execute()
  await db.schema
    .createIndex('checkins_session_registration')
    .on('checkins')
    .columns(['session_id', 'registration_id'])
    .execute()
  await db.schema.createIndex('checkins_event_created').on('checkins').columns(['event_id', 'created_at']).execute()

  await db.schema
    .createTable('revoked_tickets')
    .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('revoked_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('revoked_tickets').execute()
  await db.schema.dropTable('checkins').execute()
  await db.schema.dropTable('checkin_device_sessions').execute()
  await db.schema.dropTable('checkin_devices').execute()
}
