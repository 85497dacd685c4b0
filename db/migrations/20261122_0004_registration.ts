// FROZEN: never edit a migration that has landed. Add a new one instead.
// Invitations, registrations with their sessions (confirmed or waitlisted), delegate sessions,
// the mail outbox, and VIP-only sessions. Tokens and ticket codes are never stored: only a random
// nonce they are derived from with the server's secret, and their SHA-256 (ADR 0008).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('vip_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_nonce', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invitations_event_person', ['event_id', 'person_id'])
    .execute()
  await db.schema.createIndex('invitations_event_status').on('invitations').columns(['event_id', 'status']).execute()

  await db.schema
    .createTable('invitation_sessions')
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitations.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('invitation_sessions_pk', ['invitation_id', 'session_id'])
    .execute()

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('invitation_id', 'text', (c) => c.references('invitations.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('latin_name', 'text', (c) => c.notNull())
    .addColumn('kana', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('diet', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('allergies', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('interpretation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('arrival_date', 'text')
    .addColumn('arrival_transport', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('departure_date', 'text')
    .addColumn('departure_transport', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hotel_needed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('ticket_nonce', 'text')
    .addColumn('ticket_hash', 'text', (c) => c.unique())
    .addColumn('ticket_issued_at', 'text')
    .addColumn('submission_key', 'text', (c) => c.unique())
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('registrations_event_person', ['event_id', 'person_id'])
    .execute()
  await db.schema
    .createIndex('registrations_event_status')
    .on('registrations')
    .columns(['event_id', 'status'])
    .execute()

  await db.schema
    .createTable('registration_sessions')
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    /** waitlist order: when the person asked for this session */
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registration_sessions_pk', ['registration_id', 'session_id'])
    .execute()
  await db.schema
    .createIndex('registration_sessions_session_status')
    .on('registration_sessions')
    .columns(['session_id', 'status', 'requested_at'])
    .execute()

  await db.schema
    .createTable('delegate_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitations.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('invitation_id', 'text', (c) => c.references('invitations.id').onDelete('cascade'))
    .addColumn('registration_id', 'text', (c) => c.references('registrations.id').onDelete('cascade'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    /** JSON: what the template needs besides the rows above; never a token */
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('file', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createIndex('outbox_event').on('outbox').columns(['event_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute()
  await db.schema.dropTable('delegate_sessions').execute()
  await db.schema.dropTable('registration_sessions').execute()
  await db.schema.dropTable('registrations').execute()
  await db.schema.dropTable('invitation_sessions').execute()
  await db.schema.dropTable('invitations').execute()
  await db.schema.alterTable('sessions').dropColumn('vip_only').execute()
}
